// rebalance: pop (issue 17): the brokers share messages, not queues; a dead client's popped
// messages come back after the invisible time, a partitioned one's are consumed twice.
#include <doctest/doctest.h>

#include "support/measured_run.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

/// 2 brokers x 4 queues at 400 msg/s, four pop clients each able to take 1000 msg/s.
Scenario popScenario(EventSpec e) {
  Scenario s = basicScenario(2, 4, 4, 3 * kMinute);
  s.groups[0].rebalance = RebalanceMode::POP;
  s.produce[0].rate = 400;
  s.consume.rate_per_client = 1000;
  s.events.push_back(std::move(e));
  return s;
}

RunResult run(const Scenario& s) {
  OwnershipSink sink;
  return runMeasured(s, sink);
}

}  // namespace

TEST_CASE("sim/pop: a killed client's in-flight messages (one step of its share) are revived past the invisible time") {
  const RunResult r = run(popScenario(event(kMinute, "kill", {"g-2"})));
  REQUIRE(r.events.size() == 1);
  const GroupFinal& g = r.groups[0];
  CHECK(g.pop);
  // 400 msg/s over 4 clients: 100 popped in the second before the kill, never acked.
  CHECK(g.totals.redeliveries == 100);
  CHECK(r.events[0].redeliveries == 100);
  // Revived at the first revive scan past the 60 s deadline: 1 s late each.
  CHECK(g.totals.invisiblePastDeadlineMsgS == doctest::Approx(100.0));
  CHECK(g.totals.duplicates == 0);  // never consumed, so the redelivery is the first
  CHECK(g.totals.orphanQueueSeconds == 0);
  CHECK(g.totals.overlapQueueSeconds == 0);
  CHECK(r.events[0].minMoves == 0);
  CHECK(r.events[0].convergenceSeconds.has_value());
  CHECK(g.assignment.empty());
  CHECK(g.balance.idleConsumers == 0);  // no queue, yet consuming
  CHECK(g.balance.complete);
}

TEST_CASE("sim/pop: n equal clients each consume about 1/n of the messages") {
  Scenario s = popScenario(event(kMinute, "start", {}));
  s.events.clear();
  const RunResult r = run(s);
  const GroupFinal& g = r.groups[0];
  REQUIRE(g.messageShare.size() == 4);
  for (const auto& [name, share] : g.messageShare) CHECK(share == doctest::Approx(0.25).epsilon(0.02));
  CHECK(g.totals.redeliveries == 0);
}

TEST_CASE("sim/pop: a partitioned client consumes what it popped but its acks are lost: redelivered, duplicates") {
  EventSpec e = event(kMinute, "partition", {"g-1"});
  const RunResult r = run(popScenario(e));
  const GroupFinal& g = r.groups[0];
  CHECK(g.totals.redeliveries == 100);
  CHECK(g.totals.duplicates == 100);
}

TEST_CASE("sim/pop: a client frozen past the invisible time wakes to consume its revived copies: duplicates; a short freeze costs nothing") {
  Scenario longFreeze = popScenario(event(kMinute, "pause", {"g-3"}));
  longFreeze.events.push_back(event(kMinute + 90 * kSecond, "resume", {"g-3"}));
  const RunResult l = run(longFreeze);
  CHECK(l.groups[0].totals.redeliveries == 100);
  CHECK(l.groups[0].totals.duplicates == 100);

  Scenario shortFreeze = popScenario(event(kMinute, "pause", {"g-3"}));
  shortFreeze.events.push_back(event(kMinute + 30 * kSecond, "resume", {"g-3"}));
  const RunResult s = run(shortFreeze);
  CHECK(s.groups[0].totals.redeliveries == 0);  // acked 30 s late, still before the 60 s deadline
  CHECK(s.groups[0].totals.duplicates == 0);
}
