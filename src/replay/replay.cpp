#include "replay/replay.h"

#include <stdexcept>

#include "replay/ownership_rebuilder.h"
#include "replay/scenario_writer.h"
#include "scenario/scenario_parser.h"

namespace rmqsim {

namespace {

std::string sourcesText(const std::vector<std::string>& files) {
  std::string s;
  for (std::size_t i = 0; i < files.size() && i < 8; ++i) s += (i ? ", " : "") + files[i];
  if (files.size() > 8) s += " and " + std::to_string(files.size() - 8) + " more";
  return s;
}

std::vector<std::string> lineWarnings(const LineStats& s) {
  std::vector<std::string> w;
  w.push_back(std::to_string(s.total) + " log lines: " + std::to_string(s.used) + " about rebalancing, " +
              std::to_string(s.other) + " about something else, " + std::to_string(s.continuation) +
              " stack-trace or continuation lines, " + std::to_string(s.blank) + " blank, " + std::to_string(s.unusable) +
              " unusable");
  for (const std::string& e : s.unusableExamples) w.push_back("unusable line: " + e);
  w.push_back("RebalanceImpl logs only the rounds that changed a process-queue table: `rebalances` counts those");
  w.push_back("the client logs carry no message offsets: `duplicates`, `skipped_messages` and `max_lag` are not measured by replay (shown as 0)");
  return w;
}

}  // namespace

Replay replayClientLogs(const std::vector<std::string>& files, const std::optional<TimeFormat>& format) {
  Replay r;
  r.input = readClientLogs(files, format);
  r.story = rebuildOwnership(r.input);
  if (r.story.clients.empty())
    throw std::invalid_argument(sourcesText(files) + ": no consumer's rebalancing lines found (\"the consumer [G] start beginning\", "
                                "\"doRebalance, G, add a new mq, ...\"); are these rocketmq_client.log files of push consumers?");
  constexpr SimTime kMaxSpan = 30LL * 24 * 3600 * 1000;  // a scenario's longest duration
  if (r.story.endMs > kMaxSpan)
    throw std::invalid_argument(sourcesText(files) + ": the logs span " + std::to_string(r.story.endMs / 86400000) +
                                " days from the first client's start; replay covers at most 30 days (give the logs of one incident)");
  r.plan = detectEpisodes(r.story);
  r.scenarioYaml = writeReplayScenario(r.story, r.plan, sourcesText(files));
  r.scenario = parseScenarioText(r.scenarioYaml, "replay");
  r.stream = buildReplayStream(r.story, r.plan, r.scenario);
  r.warnings = r.story.warnings;
  std::string names = "clients: ";
  for (std::size_t i = 0; i < r.story.clients.size(); ++i)
    names += (i ? ", " : "") + r.plan.names[i] + " = " + r.story.clients[i].clientId + " (" + r.story.clients[i].source + ")";
  r.warnings.insert(r.warnings.begin(), names);
  for (std::string& w : lineWarnings(r.input.stats)) r.warnings.push_back(std::move(w));
  return r;
}

}  // namespace rmqsim
