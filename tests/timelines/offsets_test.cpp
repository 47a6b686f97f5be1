// Worked timelines of the offset mechanics (issue 14, rocketmq-5 defaults, one-way latency 1-5 ms,
// mean 3 ms): commits carried by every pull, the broker's "offset 0" for a never-committed queue,
// a frozen client that wakes, and the ProcessQueue buffer. Each figure is derived from the timers
// and rates in its comment.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "metrics/metrics_collector.h"
#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

struct Measured {
  RunResult result;
  OwnershipSink sink;
};

Measured measure(const Scenario& s) {
  Measured m;
  MetricsCollector metrics(s);
  SimulationOptions o;
  o.checkInvariants = true;
  Simulation sim(s, o);
  sim.addSink(&metrics);
  sim.addSink(&m.sink);
  sim.run();
  m.result = metrics.result();
  return m;
}

/// basicScenario(2, 8, 4) with one event on g-3: the duplicates on g-3's queues (survivors
/// handing queues to each other repeat about one message per moved queue besides).
std::int64_t duplicatesAfter(const std::string& action, SimTime at, SimTime duration) {
  Scenario s = basicScenario(2, 8, 4, duration);
  s.events.push_back(event(at, action, {"g-3"}));
  Measured m = measure(s);
  REQUIRE(m.result.events.size() == 1);
  CHECK(m.result.summary.skippedMessages == 0);
  CHECK(m.result.events[0].duplicates <= duplicates(m.sink, "g-3") + 4);
  return duplicates(m.sink, "g-3");
}

/// When the last queue added by a client started at 60 s (g-2, g-3) was added.
SimTime lastJoinerAdd(const OwnershipSink& s) {
  SimTime last = 0;
  for (const auto& [t, c, q] : s.added) {
    const std::string& name = s.catalog->clients[static_cast<std::size_t>(c)].name;
    if (name == "g-2" || name == "g-3") last = std::max(last, t);
  }
  return last;
}

/// The lowest offset delivered on each queue of the topic.
std::map<QueueIndex, std::int64_t> firstDelivered(const OwnershipSink& s) {
  std::map<QueueIndex, std::int64_t> out;
  for (const auto& d : s.delivered) {
    auto [it, fresh] = out.emplace(d.queue, d.from);
    if (!fresh) it->second = std::min(it->second, d.from);
  }
  return out;
}

}  // namespace

TEST_CASE("offsets/kill: the survivors restart from the last pull's commit, one batch per queue") {
  // 100 msg/s per queue, capacity 100,000/s: every queue is caught up, so its pull is held at the
  // broker (long polling) and was sent when the last message arrived, before it was consumed: it
  // carries consumed - 1 (ceil(100/s x 6 ms round trip) = 1, at least the one message). Killed at
  // 58 s: the broker keeps that commit; the new owners re-deliver one message per queue: 4 queues
  // -> 4 duplicates (the 5 s persist tick alone would give up to 4 x 100 x 5 = 2,000).
  CHECK(duplicatesAfter("kill", 58 * kSecond, 62 * kSecond) == 4);
}

TEST_CASE("offsets/crash: the same one-batch loss after the channel expiry") {
  // Crash at 60 s (see timelines/silent crash: owned again by ~180 s). The pulls stopped at 60 s
  // carrying consumed - 1 per queue; nothing else reaches the broker: 4 duplicates.
  CHECK(duplicatesAfter("crash", 60 * kSecond, 181 * kSecond) == 4);
}

TEST_CASE("offsets/backlog: a pull every flow-control delay, so the commit trails by share x 56 ms") {
  // 2 clients, 1 broker x 4 queues at 1,000 msg/s each, capacity 1,000/s per client (500/s per
  // queue): the backlog passes pullThresholdForQueue (1,000) within 2 s, so each pull waits
  // PULL_TIME_DELAY_MILLS_WHEN_CACHE_FLOW_CONTROL (50 ms) + a 6 ms round trip and carries
  // consumed - 500 x 0.056 = consumed - 28. Killed at 58 s: its 2 queues repeat floor(28) .. 29 each.
  Scenario s = basicScenario(1, 4, 2, 62 * kSecond);
  s.produce[0].rate = 4000;
  s.consume.rate_per_client = 1000;
  s.events.push_back(event(58 * kSecond, "kill", {"g-1"}));
  Measured m = measure(s);
  CHECK(m.result.events[0].duplicates >= 2 * 28);
  CHECK(m.result.events[0].duplicates <= 2 * 29);
}

TEST_CASE("offsets/graceful stop: the removal's persist wins over the last pull, no duplicates") {
  // shutdown persists every offset (arrives within 5 ms), then unregisters; the last pull's commit
  // (one message behind) arrived earlier, so the survivors read the full offset: 0 duplicates.
  CHECK(duplicatesAfter("stop", 60 * kSecond, 62 * kSecond) == 0);
}

TEST_CASE("offsets/a new group consumes from offset 0, not from the max offset") {
  // No group has committed anything at t = 0; the broker answers queryConsumerOffset with 0 since
  // every queue's first message is in memory, so LAST_OFFSET does not apply: every queue's first
  // delivery starts at 0 and nothing produced before the first pull (the 5.x 500 ms dispatch
  // delay plus the ~1 s first round: ~150 messages per queue) is skipped.
  Scenario s = basicScenario(2, 8, 4, 30 * kSecond);
  Measured m = measure(s);
  const auto first = firstDelivered(m.sink);
  REQUIRE(first.size() == 16);
  for (const auto& [q, from] : first) CHECK(from == 0);
  CHECK(m.result.summary.skippedMessages == 0);
  CHECK(m.result.summary.duplicates == 0);
}

TEST_CASE("offsets/set_queues: the new queues are consumed from 0") {
  // 4 -> 8 queues on one broker at 20 s: the new queues get traffic at once; their owners pick
  // them at their next round (<= 20 s) and the broker answers 0: nothing of the ~2,000 messages
  // per new queue produced meanwhile is skipped.
  Scenario s = basicScenario(1, 4, 2, 60 * kSecond);
  EventSpec e = event(20 * kSecond, "set_queues");
  e.topic = "orders";
  e.queues = 8;
  e.brokers = {"broker-a"};
  s.events.push_back(e);
  Measured m = measure(s);
  const auto first = firstDelivered(m.sink);
  REQUIRE(first.size() == 8);
  for (const auto& [q, from] : first) CHECK(from == 0);
  CHECK(m.result.summary.skippedMessages == 0);
}

TEST_CASE("offsets/LAST_OFFSET past the in-memory window skips, and says so") {
  // The group starts at 60 s; the broker's page cache holds the newest 1,000 messages, while it
  // has appended 8 x 100 x 60 = 48,000: message 0 is on disk, QUERY_NOT_FOUND, LAST_OFFSET starts
  // at the max offset. Skipped: what was produced before the first round read the max offset
  // (60 s + the 1 s first round: ~6,100 per queue, 8 queues).
  Scenario s = basicScenario(1, 8, 0, 75 * kSecond);
  s.brokers[0].in_memory_messages = 1000;
  EventSpec e = event(60 * kSecond, "start");
  e.group = "g";
  e.count = 2;
  s.events.push_back(e);
  Measured m = measure(s);
  REQUIRE(m.result.events.size() == 1);
  const std::int64_t skipped = m.result.events[0].skippedMessages;
  CHECK(skipped >= 8 * 6000);
  CHECK(skipped <= 8 * 6200);
  CHECK(m.result.summary.skippedMessages == skipped);
  CHECK(m.result.groups[0].totals.skippedMessages == skipped);

  s.brokers[0].in_memory_messages = 0;  // everything in memory: from 0, nothing skipped
  CHECK(measure(s).result.summary.skippedMessages == 0);
}

TEST_CASE("offsets/a frozen client wakes: it re-consumes from its stale offsets what the others consumed") {
  // g-3 freezes at 30 s holding 4 queues at offset ~3,000 (100 msg/s each); its channel expires
  // and the survivors take the queues by ~150 s from its last pull's commit (one message back:
  // ~4 duplicates in the pause window). At 230 s it wakes still holding them: its pulls go on
  // from its in-memory offsets, and its first round (the heartbeat re-registered it, AVG gives the
  // last-sorted id the same 4 queues) keeps them while the survivors drop theirs. It consumes
  // again everything produced on them while it was frozen: 4 x 100 x (230 - 30) = 80,000, at its
  // capacity (100,000/s over 5 queues: within about a second).
  Scenario s = basicScenario(2, 8, 4, 240 * kSecond);
  s.events.push_back(event(30 * kSecond, "pause", {"g-3"}));
  s.events.push_back(event(230 * kSecond, "resume", {"g-3"}));
  Measured m = measure(s);
  REQUIRE(m.result.events.size() == 2);
  CHECK(m.result.events[0].duplicates <= 8);
  CHECK(m.result.events[1].duplicates >= 80000 - 8);
  CHECK(m.result.events[1].duplicates <= 80000 + 8);
}

TEST_CASE("offsets/the recorded 4.9.8 freeze: a woken client re-consumes about 300 messages") {
  // The real run of issue 14: one broker, 8 queues, 4 consumers (AVG: 2 queues each), 10 msg/s
  // produced, one consumer frozen past the 120 s channel expiry. Its 2 queues got
  // 2 x 10/8 = 2.5 msg/s; the survivors took them over at the expiry and consumed what arrived.
  // On waking it pulls on from its stale in-memory offsets: everything produced on its queues
  // while frozen comes again, 2.5 x 125 s = 312.5 (about 300 in the real run).
  Scenario s = basicScenario(1, 8, 4, 240 * kSecond);
  s.profile = profile49();
  s.produce[0].rate = 10;
  s.events.push_back(event(60 * kSecond, "pause", {"g-3"}));
  s.events.push_back(event(185 * kSecond, "resume", {"g-3"}));
  Measured m = measure(s);
  REQUIRE(m.result.events.size() == 2);
  CHECK(m.result.events[1].duplicates >= 300);
  CHECK(m.result.events[1].duplicates <= 320);
}

TEST_CASE("offsets/4.9 orderly: the broker unlock waits while the ProcessQueue buffers messages") {
  // Orderly, 4.9 profile, a backlog (1,000 msg/s per queue, 500/s of capacity each): a queue
  // dropped on scale-out still buffers pulled messages, so its broker unlock waits 20 s
  // (unlockDelay) and the new owner's lock is refused until then.
  Scenario s = basicScenario(1, 4, 2, 100 * kSecond);
  s.profile = profile49();
  s.groups[0].orderly = true;
  s.produce[0].rate = 4000;
  s.consume.rate_per_client = 1000;
  EventSpec e = event(60 * kSecond, "start");
  e.count = 2;
  s.events.push_back(e);
  // The joiners' first locks (~60 s) are refused; 4.9 retries only at its fixed 20 s rounds, so
  // the queues move at the ~80 s round, after the delayed unlock (dropped at ~60 s + 20 s).
  CHECK_FALSE(measure(s).sink.lockFailures.empty());
  CHECK(lastJoinerAdd(measure(s).sink) >= 80 * kSecond);

  // Caught up (capacity 100,000/s): nothing buffered, the old owners unlock as they drop, and the
  // joiners' notified second round (~60 s) gets the locks.
  s.produce[0].rate = 400;
  s.consume.rate_per_client = 100000;
  CHECK(lastJoinerAdd(measure(s).sink) < 62 * kSecond);
}
