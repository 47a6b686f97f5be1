// `run`: simulate one scenario and print its report (text for people, JSON/CSV for machines),
// optionally an HTML page and a Perfetto trace.
#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <iostream>
#include <stdexcept>

#include "cli/command.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
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

int runScenario(const RunOptions& o) {
  Scenario scenario = loadScenarioOrThrow(o.scenario, o.common);
  PipelineOptions popts = pipelineOptions(o.common);
  popts.stopFlag = &gInterrupted;
  auto previous = std::signal(SIGINT, onSigint);
  Progress progress(o.common.quiet || !stderrIsTty(), scenario.duration_ms);
  popts.progress = progress.callback();
  popts.recordTimeline = !o.common.html.empty() || !o.common.trace.empty() || !o.common.csvDir.empty();
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
  addCommonOptions(*sub, opts->common, kRunOptions);
  return [opts] { return runScenario(*opts); };
}

}  // namespace rmqsim
