// `run`: simulate one scenario and print its report (text for people, JSON/CSV for machines),
// optionally an HTML page and a Perfetto trace.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>
#include <stdexcept>

#include "cli/command.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/phase_runs.h"
#include "cli/pipeline.h"
#include "cli/report_outputs.h"
#include "cli/terminal.h"

namespace rmqsim {
namespace {

std::atomic<bool> gInterrupted{false};

extern "C" void onSigint(int) { gInterrupted.store(true); }

struct RunOptions {
  std::string scenario;
  CommonOptions common;
};

// `--phases N`: the report of phase 0 (the scenario as written), its `phases` summary over
// all N runs (JSON key, a text table after the report; `--format csv` prints the summary rows).
int runWithPhases(const RunOptions& o, const Scenario& scenario, const PipelineOptions& popts, void (*previous)(int)) {
  std::vector<PhaseRun> runs = runPhases(scenario, o.common.phases, o.common.jobs, popts);
  std::signal(SIGINT, previous);
  const nlohmann::ordered_json summary = phaseSummaryJson(phaseReports(runs));
  PipelineOutput& first = runs.front().out;
  first.report["phases"] = summary;
  TextReportOptions topts;
  topts.reproduce = reproduceCommand("run", o.scenario, o.common, scenario.seed);
  std::string text = renderOutputs(runs.front().scenario, first, o.common, topts);
  if (o.common.format == "csv") text = renderPhaseSummaryCsv(summary);
  else if (o.common.format == "text") text += "\n" + renderPhaseSummaryText(summary);
  emitOutput(o.common.output, text);
  const bool partial = std::any_of(runs.begin(), runs.end(), [](const PhaseRun& r) { return r.out.partial; });
  if (partial && !o.common.quiet) std::cerr << "warning: a run was stopped early; its report covers only the simulated part\n";
  return kExitOk;
}

int runScenario(const RunOptions& o) {
  Scenario scenario = loadScenarioOrThrow(o.scenario, o.common);
  PipelineOptions popts = pipelineOptions(o.common);
  popts.stopFlag = &gInterrupted;
  auto previous = std::signal(SIGINT, onSigint);
  Progress progress(o.common.quiet || !stderrIsTty(), scenario.duration_ms);
  popts.progress = progress.callback();
  popts.recordTimeline = !o.common.html.empty() || !o.common.trace.empty() || !o.common.csvDir.empty();
  if (o.common.phases > 0) {
    progress.done();  // the phases overlap: no one run's progress to show
    return runWithPhases(o, scenario, popts, previous);
  }
  PipelineOutput out = runPipeline(scenario, popts);
  progress.done();
  std::signal(SIGINT, previous);

  const std::string reproduce = reproduceCommand("run", o.scenario, o.common, scenario.seed);
  TextReportOptions topts;
  topts.reproduce = reproduce;
  const std::string text = renderOutputs(scenario, out, o.common, topts);
  emitOutput(o.common.output, text);
  if (out.partial && !o.common.quiet) std::cerr << "warning: the run was stopped early; the report covers only the simulated part\n";
  return kExitOk;
}

}  // namespace

CommandRun setupRunCommand(CLI::App& app) {
  auto* sub = app.add_subcommand("run", "Simulate one scenario and print its report");
  auto opts = std::make_shared<RunOptions>();
  sub->add_option("scenario", opts->scenario, "Scenario file (YAML), e.g. scenarios/scale_out.yaml")->required();
  addCommonOptions(*sub, opts->common, kRunOptions | kJobs | kPhases);
  return [opts] { return runScenario(*opts); };
}

}  // namespace rmqsim
