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
#include "cli/terminal.h"
#include "report/chrome_trace.h"
#include "report/csv_report.h"
#include "report/html_report.h"
#include "report/text_report.h"
#include "report/timeline_recorder.h"
#include "util/atomic_file.h"

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
  try {
    if (!o.common.html.empty())
      writeFileAtomically(o.common.html, renderHtmlReport(scenario, out.report, out.timeline->timeline(), out.catalog));
    if (!o.common.trace.empty())
      writeFileAtomically(o.common.trace, renderChromeTrace(scenario, out.timeline->timeline(), out.catalog));
    if (!o.common.csvDir.empty()) writeCsvTimelines(o.common.csvDir, scenario, out.timeline->timeline(), out.catalog);
  } catch (const std::runtime_error& e) {
    throw UsageError{e.what(), false};
  }
  std::string text;
  if (o.common.format == "json") {
    text = out.report.dump(2) + "\n";
  } else if (o.common.format == "csv") {
    text = renderEventsCsv(out.report);
  } else {
    TextReportOptions topts;
    topts.colour = useColour(o.common);
    topts.reproduce = reproduce;
    text = renderTextReport(scenario, *out.result, topts);
  }
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
