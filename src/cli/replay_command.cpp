// `replay LOG...`: what really happened, from the clients' own rocketmq_client.log files. The
// logs become the simulator's event stream (src/replay), measured by the same collector and
// reported by the same renderers as `run`; --to-scenario writes the story as a scenario file.
#include <CLI/CLI.hpp>

#include <iostream>
#include <stdexcept>

#include "cli/command.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/pipeline.h"
#include "cli/report_outputs.h"
#include "replay/replay.h"
#include "scenario/diagnostic.h"
#include "util/atomic_file.h"

namespace rmqsim {
namespace {

struct ReplayOptions {
  std::vector<std::string> logs;
  std::string timeFormat;
  std::string toScenario;
  CommonOptions common;
};

nlohmann::ordered_json replaySection(const Replay& r) {
  nlohmann::ordered_json j;
  j["layout"] = r.story.layout;
  j["t0_epoch_ms"] = r.story.t0EpochMs;
  const LineStats& s = r.input.stats;
  j["lines"] = {{"total", s.total}, {"used", s.used}, {"other", s.other}, {"continuation", s.continuation},
                {"blank", s.blank}, {"unusable", s.unusable}, {"unusable_examples", s.unusableExamples}};
  static const char* kEnds[] = {"running", "stopped", "killed", "crashed"};
  nlohmann::ordered_json clients = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < r.story.clients.size(); ++i) {
    const ReplayClient& c = r.story.clients[i];
    clients.push_back({{"name", r.plan.names[i]}, {"client_id", c.clientId}, {"group", c.group}, {"source", c.source},
                       {"start_ms", c.startMs}, {"end", kEnds[static_cast<int>(c.end)]},
                       {"end_ms", c.endMs < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.endMs)},
                       {"last_line_ms", c.lastLineMs}, {"last_line", c.lastLine}});
  }
  j["clients"] = std::move(clients);
  j["notes"] = r.warnings;
  return j;
}

std::string reproduceLine(const ReplayOptions& o) {
  std::string s = "reproduce: rmq-rebalance-sim replay";
  for (const std::string& l : o.logs) s += " " + l;
  if (!o.timeFormat.empty()) s += " --time-format '" + o.timeFormat + "'";
  return s;
}

int runReplay(const ReplayOptions& o) {
  std::optional<TimeFormat> format;
  Replay r;
  try {
    if (!o.timeFormat.empty()) format = customFormat(o.timeFormat);
    r = replayClientLogs(o.logs, format);
  } catch (const std::invalid_argument& e) {
    throw UsageError{e.what(), false};
  } catch (const ScenarioError& e) {  // the logs describe what a scenario cannot hold (e.g. a group without topics)
    throw UsageError{"the logs describe a cluster that a scenario cannot hold:\n" + renderDiagnostics(e.diagnostics(), false), false};
  }
  const bool timeline = !o.common.html.empty() || !o.common.trace.empty() || !o.common.csvDir.empty();
  PipelineOutput out = measureStream(r.scenario, r.stream.catalog, r.stream.events, timeline);
  out.report["replay"] = replaySection(r);
  for (const std::string& w : r.warnings) out.report["warnings"].push_back(w);
  try {
    if (!o.toScenario.empty()) writeFileAtomically(o.toScenario, r.scenarioYaml);
  } catch (const std::runtime_error& e) {
    throw UsageError{e.what(), false};
  }
  TextReportOptions topts;
  topts.reproduce = reproduceLine(o);
  topts.extraWarnings = r.warnings;
  const std::string text = renderOutputs(r.scenario, out, o.common, topts);
  emitOutput(o.common.output, text);
  return kExitOk;
}

}  // namespace

CommandRun setupReplayCommand(CLI::App& app) {
  auto* sub = app.add_subcommand("replay", "Rebuild a real rebalance from the clients' rocketmq_client.log files and report it like `run`");
  auto opts = std::make_shared<ReplayOptions>();
  sub->add_option("logs", opts->logs, "Client logs (one per client, or merged; plain or .gz)")->required()->check(CLI::ExistingFile);
  sub->add_option("--time-format", opts->timeFormat,
                  "Timestamp layout when not RocketMQ's default: %Y %m %d %H %M %S %L (ms), e.g. \"%Y-%m-%d %H:%M:%S.%L\"");
  sub->add_option("--to-scenario", opts->toScenario, "Also write the cluster and the story found as a scenario file");
  addCommonOptions(*sub, opts->common, kFormat | kOutputFiles);
  sub->add_option("--color", opts->common.color, "Colour in the text report")->check(CLI::IsMember({"auto", "always", "never"}));
  return [opts] { return runReplay(*opts); };
}

}  // namespace rmqsim
