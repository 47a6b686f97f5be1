// FIFO pop (orderly + rebalance: pop, issue 17): one batch per queue per group in flight, so a
// dead or frozen consumer blocks its queues until the ack or the invisible time (60 s).
#include <doctest/doctest.h>

#include "support/measured_run.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

/// 2 brokers x 4 queues at 400 msg/s (50 per queue), 4 FIFO pop clients of 1000 msg/s: each
/// step every client takes one queue's batch on each broker.
Scenario fifo(std::vector<EventSpec> events) {
  Scenario s = basicScenario(2, 4, 4, 3 * kMinute);
  s.groups[0].rebalance = RebalanceMode::POP;
  s.groups[0].orderly = true;
  s.produce[0].rate = 400;
  s.consume.rate_per_client = 1000;
  s.events = std::move(events);
  return s;
}

RunResult run(const Scenario& s) {
  OwnershipSink sink;
  return runMeasured(s, sink);
}

}  // namespace

TEST_CASE("sim/pop fifo: a killed consumer blocks its two queues for the invisible time, then they are popped again in order") {
  const RunResult r = run(fifo({event(kMinute, "kill", {"g-2"})}));
  const GroupFinal& g = r.groups[0];
  CHECK(g.pop);
  CHECK(g.orderly);
  // Its two in-flight batches (one per broker, 50 each) come back at popTime + 60 s, no revive
  // scan: blocked from the step their ack was due (popTime + 1 s): 59 s each.
  CHECK(g.totals.fifoBlockedQueueS == doctest::Approx(2 * 59.0));
  CHECK(g.totals.redeliveries == 100);
  CHECK(g.totals.invisiblePastDeadlineMsgS == doctest::Approx(0.0));
  CHECK(g.totals.duplicates == 0);  // never consumed
  // The blocked queue's backlog: 50 msg/s for the 60 s it waited.
  CHECK(g.totals.maxLag >= 50 * 59);
  CHECK(g.totals.maxLag <= 50 * 62);
  CHECK(g.totals.orphanConsumingQueueSeconds == 0);  // no locks: nothing owned
}

TEST_CASE("sim/pop fifo: a 10 s freeze blocks its queues ~10 s each, with no redelivery; shared pop is never blocked") {
  const RunResult r = run(fifo({event(kMinute, "pause", {"g-1"}), event(kMinute + 10 * kSecond, "resume", {"g-1"})}));
  const GroupFinal& g = r.groups[0];
  CHECK(g.totals.fifoBlockedQueueS >= 2 * 9.0);
  CHECK(g.totals.fifoBlockedQueueS <= 2 * 11.0);
  CHECK(g.totals.redeliveries == 0);
  CHECK(g.totals.maxLag <= 50 * 12);

  Scenario shared = fifo({event(kMinute, "kill", {"g-2"})});
  shared.groups[0].orderly = false;
  const RunResult s = run(shared);
  CHECK(s.groups[0].totals.fifoBlockedQueueS == 0);
  CHECK(s.groups[0].totals.maxLag < 50 * 10);  // no queue waits: the others pop it meanwhile
}

TEST_CASE("sim/pop fifo: a partitioned consumer's consumed batches are acked nowhere: popped again, consumed twice") {
  const RunResult r = run(fifo({event(kMinute, "partition", {"g-3"})}));
  const GroupFinal& g = r.groups[0];
  CHECK(g.totals.redeliveries == 100);
  CHECK(g.totals.duplicates == 100);
  CHECK(g.totals.fifoBlockedQueueS == doctest::Approx(2 * 59.0));
}
