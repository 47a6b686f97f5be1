// `run --phases N` / `check --phases N`: the scenario at N points of the fleet's timer cycle
// (phase k x 60 s / N), each with its own draw of the start spreads, run in parallel; results
// land by phase, so they never depend on --jobs.
#pragma once

#include <vector>

#include "cli/pipeline.h"
#include "report/expectations.h"
#include "report/phase_summary.h"
#include "scenario/scenario.h"

namespace rmqsim {

/// The scenario of phase k of n: every event and `duration` later by k x 60 s / n, and draw k
/// of the start-spread streams (k = 0 is the scenario as written).
Scenario phaseScenario(const Scenario& base, int k, int n);

struct PhaseRun {
  Scenario scenario;
  PipelineOutput out;
};

/// Runs the n phases on up to `jobs` threads (options.progress is not used: runs overlap).
std::vector<PhaseRun> runPhases(const Scenario& base, int n, int jobs, PipelineOptions options);
/// `check --phases`: every expectation in every phase, phase by phase; each result's metric
/// names its phase ("events.0.convergence_s [phase 15s]"), so a failure, its line and its JUnit
/// testcase say which phase broke it.
std::vector<ExpectationResult> evaluateByPhase(const std::vector<Expectation>& expect, const std::vector<PhaseRun>& runs);
/// The runs as the phase summary reads them (pointers into `runs`).
std::vector<PhaseReport> phaseReports(const std::vector<PhaseRun>& runs);

}  // namespace rmqsim
