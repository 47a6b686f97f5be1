// Small hand-written logs: a crash told apart from a kill by how late the group-mates learn of
// it, a merged file split by its source tags, the 5.x layout, unusable lines counted and named,
// a result line that corrects a missing add line.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "replay/replay.h"
#include "support/cli_harness.h"

using namespace rmqsim;
using rmqsim::test::scratchFile;

namespace {

/// "2026-12-02 08:00:SS,mmm INFO RocketmqClient - MSG" for t in ms after 08:00:00 (below 1 h).
std::string at(std::int64_t t, const std::string& msg) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2026-12-02 08:%02lld:%02lld,%03lld INFO RocketmqClient - ", static_cast<long long>(t / 60000),
                static_cast<long long>(t / 1000 % 60), static_cast<long long>(t % 1000));
  return buf + msg + "\n";
}

std::string mq(int id) { return "MessageQueue [topic=orders, brokerName=broker-a, queueId=" + std::to_string(id) + "]"; }

std::string result(const std::string& id, int cids, std::initializer_list<int> queues) {
  std::string set;
  for (int q : queues) set += (set.empty() ? "" : ", ") + mq(q);
  return "rebalanced result changed. allocateMessageQueueStrategyName=AVG, group=g, topic=orders, clientId=" + id +
         ", mqAllSize=4, cidAllSize=" + std::to_string(cids) + ", rebalanceResultSize=" + std::to_string(queues.size()) +
         ", rebalanceResultSet=[" + set + "]";
}

std::string startOf(std::int64_t t, const std::string& id, std::initializer_list<int> queues, int cids) {
  std::string s = at(t, "the consumer [g] start beginning. messageModel=CLUSTERING, isUnitMode=false") +
                  at(t + 1, "Created new MQClientInstance for clientId:[" + id + "]");
  for (int q : queues) s += at(t + 100, "doRebalance, g, add a new mq, " + mq(q));
  return s + at(t + 100, result(id, cids, queues));
}

}  // namespace

TEST_CASE("replay/rebuild/a log that ends, noticed only 130 s later: a crash at its last line") {
  const std::string a = startOf(0, "10.0.0.1@1", {0, 1}, 2) +
                        at(140000, "doRebalance, g, add a new mq, " + mq(2)) + at(140010, "doRebalance, g, add a new mq, " + mq(3)) +
                        at(140010, result("10.0.0.1@1", 1, {0, 1, 2, 3})) + at(150000, "still here");
  const std::string b = startOf(50, "10.0.0.2@1", {2, 3}, 2) + at(10000, "[persistAll] Group: g ClientId: 10.0.0.2@1 x");
  const Replay r = replayClientLogs({scratchFile("a.log", a).string(), scratchFile("b.log", b).string()}, std::nullopt);
  REQUIRE(r.story.clients.size() == 2);
  const ReplayClient& gone = r.story.clients[1];
  CHECK(gone.end == LifeEnd::CRASHED);
  CHECK(gone.endMs == 10000);
  REQUIRE(r.scenario.events.size() == 1);
  CHECK(r.scenario.events[0].action == "crash");
  CHECK(r.scenario.events[0].at_ms == 10000);
  CHECK(r.scenario.events[0].clients == std::vector<std::string>{"g-1"});
}

TEST_CASE("replay/rebuild/a log that ends, the others notified 2 s later: a kill at the notification") {
  const std::string a = startOf(0, "10.0.0.1@1", {0, 1}, 2) +
                        at(12000, "receive broker's notification[127.0.0.1:10911], the consumer group: g changed, rebalance immediately") +
                        at(12020, "doRebalance, g, add a new mq, " + mq(2)) + at(12030, "doRebalance, g, add a new mq, " + mq(3)) +
                        at(12030, result("10.0.0.1@1", 1, {0, 1, 2, 3})) + at(60000, "later");
  const std::string b = startOf(50, "10.0.0.2@1", {2, 3}, 2) + at(10000, "[persistAll] last words");
  const Replay r = replayClientLogs({scratchFile("a.log", a).string(), scratchFile("b.log", b).string()}, std::nullopt);
  CHECK(r.story.clients[1].end == LifeEnd::KILLED);
  CHECK(r.story.clients[1].endMs == 12000);
  REQUIRE(r.scenario.events.size() == 1);
  CHECK(r.scenario.events[0].action == "kill");
  CHECK(r.scenario.events[0].at_ms == 12000);
}

TEST_CASE("replay/rebuild/one merged file with source tags, a stray line counted and named") {
  std::string merged;
  std::string a = startOf(0, "10.0.0.1@1", {0, 1}, 2), b = startOf(30, "10.0.0.2@1", {2, 3}, 2);
  auto tag = [](const std::string& text, const std::string& t) {
    std::string out, line;
    for (char c : text) {
      line += c;
      if (c == '\n') out += t + " " + line, line.clear();
    }
    return out;
  };
  merged = tag(a, "c1.log:") + "garbage that is no log line\n" + tag(b, "c2.log:");
  const Replay r = replayClientLogs({scratchFile("merged.log", merged).string()}, std::nullopt);
  REQUIRE(r.story.clients.size() == 2);
  CHECK(r.story.clients[0].clientId == "10.0.0.1@1");
  CHECK(r.story.clients[1].clientId == "10.0.0.2@1");
  CHECK(r.input.stats.unusable == 1);
  REQUIRE(r.input.stats.unusableExamples.size() == 1);
  CHECK(r.input.stats.unusableExamples[0].find("merged.log:6: garbage") != std::string::npos);
  CHECK(r.scenario.groups[0].clients == 2);
  CHECK(r.scenario.events.empty());
}

TEST_CASE("replay/rebuild/5.x layout picked by itself; a result line fills in a lost add line, with a note") {
  const std::string text =
      "2026-12-02 16:00:00.000 INFO  [1] [main] [o.a.r.c.i.c.DefaultMQPushConsumerImpl#start:926] - the consumer [g] start beginning. x\n"
      "2026-12-02 16:00:00.100 INFO  [1] [RebalanceService] [o.a.r.c.i.c.RebalanceImpl#u:485] - doRebalance, g, add a new mq, " + mq(0) + "\n"
      "2026-12-02 16:00:00.101 INFO  [1] [RebalanceService] [o.a.r.c.i.c.RebalanceImpl#r:329] - client " + result("10.0.0.1@1", 1, {0, 1, 2, 3}) + "\n";
  const Replay r = replayClientLogs({scratchFile("five.log", text).string()}, std::nullopt);
  CHECK(r.story.layout == "5.x");
  CHECK(r.scenario.profile.name == "rocketmq-5");
  CHECK(r.story.t0EpochMs == 1796198400000);  // 08:00:00 UTC
  int gained = 0;
  for (const OwnershipChange& c : r.story.changes) gained += c.gained ? 1 : 0;
  CHECK(gained == 4);
  bool noted = false;
  for (const std::string& w : r.warnings) noted = noted || w.find("differs from its add/remove lines by 3 queue(s)") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("replay/rebuild/no layout, no consumer: located errors") {
  CHECK_THROWS_WITH_AS(replayClientLogs({scratchFile("x.log", "hello\nworld\n").string()}, std::nullopt),
                       doctest::Contains("x.log:1:1: no line starts with a timestamp"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(replayClientLogs({scratchFile("y.log", at(0, "send heart beat to broker")).string()}, std::nullopt),
                       doctest::Contains("no consumer's rebalancing lines"), std::invalid_argument);
}

TEST_CASE("replay/rebuild/one process with two consumers is two clients of one run, not a restart") {
  const std::string text = startOf(0, "10.0.0.1@1", {0, 1, 2, 3}, 1) +
                           at(10, "the consumer [h] start beginning. messageModel=CLUSTERING, isUnitMode=false") +
                           at(200, "doRebalance, h, add a new mq, " + mq(0));
  const Replay r = replayClientLogs({scratchFile("two.log", text).string()}, std::nullopt);
  REQUIRE(r.input.lives.size() == 1);
  REQUIRE(r.story.clients.size() == 2);
  CHECK(r.story.clients[0].group == "g");
  CHECK(r.story.clients[1].group == "h");
  CHECK(r.story.clients[1].clientId == "10.0.0.1@1");
  CHECK(r.scenario.groups.size() == 2);
}

TEST_CASE("replay/rebuild/the same consumer started again in one file is a new process run") {
  const std::string text = startOf(0, "10.0.0.1@1", {0, 1, 2, 3}, 1) + at(5000, "the consumer [g] shutdown OK") +
                           startOf(20000, "10.0.0.1@1", {0, 1, 2, 3}, 1);
  const Replay r = replayClientLogs({scratchFile("again.log", text).string()}, std::nullopt);
  REQUIRE(r.story.clients.size() == 2);
  CHECK(r.story.clients[0].end == LifeEnd::STOPPED);
  CHECK(r.story.clients[0].endMs == 5000);
  CHECK(r.story.clients[1].startMs == 20000);
  REQUIRE(r.scenario.events.size() == 2);
  CHECK(r.scenario.events[0].action == "stop");
  CHECK(r.scenario.events[1].action == "start");
}

TEST_CASE("replay/rebuild/an untagged merged file: lines follow the id they name, and the guess is said") {
  const std::string text = startOf(0, "10.0.0.1@1", {0, 1}, 2) + startOf(30, "10.0.0.2@1", {2, 3}, 2);
  const Replay r = replayClientLogs({scratchFile("untagged.log", text).string()}, std::nullopt);
  REQUIRE(r.story.clients.size() == 2);
  bool said = false;
  for (const std::string& w : r.warnings) said = said || w.find("holds the lines of 2 client ids without a source tag") != std::string::npos;
  CHECK(said);
}

TEST_CASE("replay/rebuild/an mqAllSize change is a set_queues episode of the topic's broker") {
  std::string grown = result("10.0.0.1@1", 1, {0, 1, 2, 3, 4, 5});
  grown.replace(grown.find("mqAllSize=4"), 11, "mqAllSize=6");
  const std::string text = startOf(0, "10.0.0.1@1", {0, 1, 2, 3}, 1) + at(30000, "doRebalance, g, add a new mq, " + mq(4)) +
                           at(30001, "doRebalance, g, add a new mq, " + mq(5)) + at(30001, grown);
  const Replay r = replayClientLogs({scratchFile("grow.log", text).string()}, std::nullopt);
  REQUIRE(r.scenario.events.size() == 1);
  CHECK(r.scenario.events[0].action == "set_queues");
  CHECK(r.scenario.events[0].at_ms == 30001);
  CHECK(r.scenario.events[0].topic == "orders");
  CHECK(r.scenario.events[0].queues == 6);
  CHECK(r.scenario.brokers.at(0).topics.at(0).read_queues == 4);
}
