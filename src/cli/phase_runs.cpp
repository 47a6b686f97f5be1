#include "cli/phase_runs.h"

#include "cli/parallel.h"
#include "scenario/duration.h"
#include "scenario/phase.h"

namespace rmqsim {

Scenario phaseScenario(const Scenario& base, int k, int n) {
  Scenario s = base;
  applyPhase(s, phaseOf(k, n));
  s.spread_draw = static_cast<std::uint64_t>(k);
  return s;
}

std::vector<PhaseRun> runPhases(const Scenario& base, int n, int jobs, PipelineOptions options) {
  options.progress = nullptr;
  std::vector<PhaseRun> runs(static_cast<std::size_t>(n));
  parallelFor(runs.size(), jobs, [&](std::size_t k) {
    runs[k].scenario = phaseScenario(base, static_cast<int>(k), n);
    runs[k].out = runPipeline(runs[k].scenario, options);
  });
  return runs;
}

std::vector<ExpectationResult> evaluateByPhase(const std::vector<Expectation>& expect, const std::vector<PhaseRun>& runs) {
  std::vector<ExpectationResult> out;
  for (const PhaseRun& r : runs) {
    const std::string label = " [phase " + formatDuration(r.scenario.phase_ms) + "]";
    for (ExpectationResult& x : evaluateExpectations(expect, r.out.report)) {
      x.expectation.metric += label;
      out.push_back(std::move(x));
    }
  }
  return out;
}

std::vector<PhaseReport> phaseReports(const std::vector<PhaseRun>& runs) {
  std::vector<PhaseReport> out;
  for (const PhaseRun& r : runs) out.push_back(PhaseReport{r.scenario.phase_ms, &r.out.report});
  return out;
}

}  // namespace rmqsim
