// Replays the client logs of three runs recorded on a real RocketMQ 4.9.8 cluster (tests/replay/
// data: join2, kill1, stop1; see its README) and holds the result to what was recorded beside
// them: a probe inside each client printed the set of non-dropped process queues of `orders`
// whenever it changed, polling every 50 ms (probe_hold.txt), and metrics.json has the figures
// computed from those probe lines.
//
// Why not equal to the millisecond: the probe sees a change at its next poll, 0-50 ms after the
// log line that RebalanceImpl writes when it changes the table (so a replayed change must come
// at most 50 ms, plus scheduling slack, before the probe saw it, never after), and it misses
// states shorter than a poll (so the probe's states must be a subsequence of the replayed ones).
// A killed client writes nothing when it dies: the replay ends its ownership when its
// group-mates are notified (the broker saw the channel close), which comes after the kill
// recorded in actions.txt; the recorded figures count from the kill itself.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/pipeline.h"
#include "metrics/run_result.h"
#include "replay/replay.h"
#include "scenario/scenario_parser.h"
#include "report/timeline_recorder.h"

namespace fs = std::filesystem;
using namespace rmqsim;

namespace {

constexpr std::int64_t kPollMs = 50;
constexpr std::int64_t kSlackMs = 25;  ///< the probe thread's own delays (17 ms seen in join2, a JVM starting up)

fs::path dataDir(const std::string& run) { return fs::path(RMQSIM_TESTS_DIR) / "replay" / "data" / run; }

std::vector<std::string> logsOf(const std::string& run) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dataDir(run))) {
    const std::string name = e.path().filename().string();
    if (name.rfind('c', 0) == 0 && (name.ends_with(".log") || name.ends_with(".log.gz"))) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

using QueueSet = std::set<int>;
struct State {
  std::int64_t epochMs;
  QueueSet queues;
};

/// Probe lines "<epoch_ms> <clientId> HOLD [0,1,2]" per client, in order.
std::map<std::string, std::vector<State>> probe(const std::string& run) {
  std::map<std::string, std::vector<State>> out;
  std::ifstream in(dataDir(run) / "probe_hold.txt");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::int64_t t;
    std::string id, hold, list;
    ls >> t >> id >> hold >> list;
    QueueSet q;
    std::string num;
    for (char c : list) {
      if (c >= '0' && c <= '9') num += c;
      else if (!num.empty()) q.insert(std::stoi(num)), num.clear();
    }
    out[id].push_back(State{t, q});
  }
  return out;
}

/// The replay's states of `orders` per client, from its ownership changes (and its end).
std::map<std::string, std::vector<State>> replayed(const Replay& r) {
  std::map<std::string, std::vector<State>> out;
  std::map<int, QueueSet> held;
  auto push = [&](int c, std::int64_t at) {
    auto& v = out[r.story.clients[static_cast<std::size_t>(c)].clientId];
    const std::int64_t epoch = r.story.t0EpochMs + at;
    if (!v.empty() && v.back().epochMs == epoch) v.back().queues = held[c];
    else v.push_back(State{epoch, held[c]});
  };
  for (const OwnershipChange& ch : r.story.changes) {
    if (ch.mq.topic != "orders") continue;
    if (ch.gained) held[ch.client].insert(ch.mq.queueId);
    else held[ch.client].erase(ch.mq.queueId);
    push(ch.client, ch.at);
  }
  return out;
}

nlohmann::json metricsOf(const std::string& run) {
  std::ifstream in(dataDir(run) / "metrics.json");
  return nlohmann::json::parse(in);
}

/// epoch ms of the line of actions.txt containing `what`.
std::int64_t actionTime(const std::string& run, const std::string& what) {
  std::ifstream in(dataDir(run) / "actions.txt");
  std::string line;
  while (std::getline(in, line))
    if (line.find(what) != std::string::npos) return std::stoll(line.substr(0, line.find(' ')));
  FAIL("no action " << what);
  return 0;
}

void checkTimeline(const std::string& run, const Replay& r) {
  const auto seen = probe(run);
  const auto mine = replayed(r);
  for (const auto& entry : seen) {
    const std::string& id = entry.first;  // not a structured binding: CAPTURE's lambda takes it
    const auto& states = entry.second;
    CAPTURE(run);
    CAPTURE(id);
    REQUIRE(mine.count(id) == 1);
    const auto& rep = mine.at(id);
    std::size_t k = 0;
    for (std::size_t i = 1; i < states.size(); ++i) {  // the first is the empty table at start-up
      const State& s = states[i];
      CAPTURE(s.epochMs);
      while (k < rep.size() && rep[k].queues != s.queues) ++k;
      REQUIRE_MESSAGE(k < rep.size(), "the probe's state is not among the replayed ones, in order");
      CHECK(rep[k].epochMs <= s.epochMs + 1);  // the log line is written right after the change
      CHECK(rep[k].epochMs > s.epochMs - kPollMs - kSlackMs);
      ++k;
    }
  }
}

/// Queues of `orders` with an orphan (or overlap) period that starts at or after `fromMs`.
std::set<int> queuesWith(const std::vector<QueuePeriod>& periods, const RunCatalog& cat, SimTime fromMs) {
  std::set<int> out;
  for (const QueuePeriod& p : periods) {
    const MessageQueue& q = cat.queues[static_cast<std::size_t>(p.queue)];
    if (q.topic == "orders" && p.start >= fromMs) out.insert(q.queueId);
  }
  return out;
}

std::set<int> recordedQueues(const nlohmann::json& spans) {
  std::set<int> out;
  for (const auto& s : spans)
    for (const auto& q : s[2]) out.insert(q.get<int>());
  return out;
}

/// The figures of the episode against metrics.json. `deadQueues`: queues the recorded figures
/// count as orphaned from the kill, the replay from the notification `detectLagMs` later.
void checkFigures(const std::string& run, const Replay& r, int deadQueues) {
  CAPTURE(run);
  const auto m = metricsOf(run);
  const std::string action = m["action"].get<std::string>();
  const std::int64_t actionMs = actionTime(run, action.substr(0, action.find(" (")));
  const PipelineOutput out = measureStream(r.scenario, r.stream.catalog, r.stream.events, true);
  const auto& ev = out.report["events"][0];
  const SimTime at = ev["at_ms"].get<SimTime>();
  // Converged at the log's moment; the probe saw it at its next poll.
  REQUIRE(ev["convergence_s"].is_number());
  const std::int64_t converged = r.story.t0EpochMs + at + std::llround(ev["convergence_s"].get<double>() * 1000);
  const std::int64_t recorded = actionMs + m["convergence_ms"].get<std::int64_t>();
  CHECK(converged <= recorded + 1);
  CHECK(converged > recorded - kPollMs - kSlackMs);
  // Every queue the probe saw doubly owned, the replay has too; every queue it saw orphaned
  // the replay has orphaned, or doubly owned for a moment: stop1's queue 7 went to c3 at
  // 08:14:28,883 and c4 let go at its shutdown 10 ms later, but the probe saw c3's gain only
  // at its next poll, 30 ms after c4's end. The replay also sees stretches shorter than a poll,
  // which the probe misses (kill1's queues 4 and 5, orphaned 3 and 9 ms).
  const Timeline& tl = out.timeline->timeline();
  const std::set<int> orphans = queuesWith(tl.orphans(), out.catalog, at);
  const std::set<int> overlaps = queuesWith(tl.overlaps(), out.catalog, at);
  for (int q : recordedQueues(m["unowned_spans"]))
    CHECK_MESSAGE(orphans.count(q) + overlaps.count(q) >= 1, "queue " << q);
  for (int q : recordedQueues(m["double_spans"])) CHECK_MESSAGE(overlaps.count(q) == 1, "queue " << q);
  // Integrals: each stretch's two ends may each be seen up to a poll late by the probe.
  const std::int64_t detectLag = r.story.t0EpochMs + at - actionMs;
  const auto orphanMs = std::llround(ev["orphan_queue_s"].get<double>() * 1000);
  const auto overlapMs = std::llround(ev["overlap_queue_s"].get<double>() * 1000);
  const std::int64_t wantOrphan = m["unowned_queue_ms_total"].get<std::int64_t>() - deadQueues * detectLag;
  CHECK(std::llabs(orphanMs - wantOrphan) <= (kPollMs + kSlackMs) * static_cast<std::int64_t>(orphans.size()));
  CHECK(std::llabs(overlapMs - m["double_queue_ms_total"].get<std::int64_t>()) <=
        (kPollMs + kSlackMs) * static_cast<std::int64_t>(std::max<std::size_t>(1, overlaps.size())));
  // The final owners, by client id.
  std::map<std::string, std::set<int>> final;
  for (const OwnershipInterval& iv : tl.intervals()) {
    const MessageQueue& q = out.catalog.queues[static_cast<std::size_t>(iv.queue)];
    if (q.topic == "orders" && iv.end == r.story.endMs) final[out.catalog.clients[static_cast<std::size_t>(iv.client)].clientId].insert(q.queueId);
  }
  std::map<std::string, std::set<int>> want;
  for (const auto& [id, qs] : m["final"].items())
    for (const auto& q : qs) want[id].insert(q.get<int>());
  CHECK(final == want);
}

Replay replayRun(const std::string& run) { return replayClientLogs(logsOf(run), std::nullopt); }

}  // namespace

TEST_CASE("replay/real/every log line is accounted for, none unusable") {
  for (const std::string run : {"join2", "kill1", "stop1"}) {
    CAPTURE(run);
    const Replay r = replayRun(run);
    const LineStats& s = r.input.stats;
    CHECK(s.total == s.used + s.other + s.continuation + s.blank + s.unusable);
    CHECK(s.unusable == 0);
    CHECK(s.used > 50);
    CHECK(r.story.layout == "4.9");
  }
}

TEST_CASE("replay/real/each run: ownership timeline, episode and figures as recorded") {
  struct Case {
    const char* run;
    const char* action;
    int deadQueues;  ///< kill1: c4's queues 6 and 7, orphaned from the kill in the recorded figures
  };
  for (const Case& c : {Case{"join2", "start", 0}, Case{"kill1", "kill", 2}, Case{"stop1", "stop", 0}}) {
    CAPTURE(c.run);
    const Replay r = replayRun(c.run);
    checkTimeline(c.run, r);
    checkFigures(c.run, r, c.deadQueues);
    REQUIRE(r.scenario.events.size() == 1);
    CHECK(r.scenario.events[0].action == c.action);
  }
}

TEST_CASE("replay/real/join2: the four late clients are one start episode, the first four the t=0 clients") {
  const Replay r = replayRun("join2");
  REQUIRE(r.scenario.events.size() == 1);
  CHECK(r.scenario.events[0].count == 4);
  CHECK(r.scenario.groups[0].clients == 4);
  CHECK(r.scenario.groups[0].client_id.ids.size() == 8);
}

TEST_CASE("replay/real/--to-scenario: the written scenario validates and `run` on it ends with the same assignment") {
  for (const std::string run : {"join2", "kill1", "stop1"}) {
    CAPTURE(run);
    const Replay r = replayRun(run);
    const Scenario again = parseScenarioText(r.scenarioYaml, run + ".yaml");  // throws if invalid
    CHECK(again.profile.name == "rocketmq-4.9");
    CHECK(again.groups.at(0).strategy.name == "AVG");
    const PipelineOutput replayed = measureStream(r.scenario, r.stream.catalog, r.stream.events, false);
    PipelineOptions po;
    const PipelineOutput simulated = runPipeline(again, po);
    CHECK(simulated.report["assignment"] == replayed.report["assignment"]);
    CHECK(simulated.report["events"].size() == replayed.report["events"].size());
    CHECK(simulated.report["events"][0]["action"] == replayed.report["events"][0]["action"]);
  }
}
