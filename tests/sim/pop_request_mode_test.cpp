// rebalance: server with message_request_mode: pop (issue 17): the broker answers through
// allocate4Pop and the clients pop their queues; overlapping assignments share messages.
#include <doctest/doctest.h>

#include "support/measured_run.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

/// 2 brokers x 4 queues at 400 msg/s (50 per queue), 4 server-assigned clients of 1000 msg/s.
Scenario serverPop(bool pop, int share) {
  Scenario s = basicScenario(2, 4, 4, 4 * kMinute);
  s.groups[0].rebalance = RebalanceMode::SERVER;
  s.groups[0].pop_request_mode = pop;
  s.groups[0].pop_share_queue_num = share;
  s.produce[0].rate = 400;
  s.consume.rate_per_client = 1000;
  return s;
}

RunResult run(const Scenario& s) {
  OwnershipSink sink;
  return runMeasured(s, sink);
}

}  // namespace

TEST_CASE("sim/pop request mode: a crashed client's queues keep flowing through its sharer (popShareQueueNum 1), orphaned under PULL") {
  // AVG gives each client 2 of the 8 queues; share 1 adds the next client's 2, so each queue has
  // two poppers at 25 msg/s each. The crashed client's channel expires only after 120 s.
  Scenario s = serverPop(true, 1);
  s.events.push_back(event(kMinute, "crash", {"g-2"}));
  const RunResult pop = run(s);
  const GroupFinal& g = pop.groups[0];
  CHECK(g.pop);
  CHECK(g.popAssigned);
  // Its one step in flight: 4 queues x 25 = 100 messages, revived 1 s past the 60 s deadline.
  CHECK(g.totals.redeliveries == 100);
  CHECK(g.totals.invisiblePastDeadlineMsgS == doctest::Approx(100.0));
  CHECK(g.totals.duplicates == 0);
  // Never more than a step or two of production unpopped on any queue.
  CHECK(g.totals.maxLag <= 150);
  REQUIRE(g.messageShare.size() == 4);
  for (const auto& [name, share] : g.messageShare)
    if (name != "g-2") CHECK(share > 0.25);

  Scenario pull = serverPop(false, 0);
  pull.events = s.events;
  const RunResult p = run(pull);
  // PULL: its 2 queues wait for channel expiry, 120 s after its last heartbeat (sent up to 30 s
  // before the crash), and a round: at least 90 s each, 50 msg/s piling up meanwhile.
  CHECK(p.groups[0].totals.orphanQueueSeconds >= 2 * 90.0);
  CHECK(p.groups[0].totals.maxLag >= 50 * 90);
  CHECK(p.groups[0].totals.maxLag > 30 * g.totals.maxLag);
}

TEST_CASE("sim/pop request mode: popShareQueueNum 0 lets every client pop every queue: about 1/4 each") {
  const RunResult r = run(serverPop(true, 0));
  const GroupFinal& g = r.groups[0];
  REQUIRE(g.messageShare.size() == 4);
  for (const auto& [name, share] : g.messageShare) CHECK(share == doctest::Approx(0.25).epsilon(0.03));
  CHECK(g.totals.redeliveries == 0);
  CHECK(g.totals.orphanQueueSeconds == 0);
}

TEST_CASE("sim/pop request mode: more clients than queues: every client pops one queue, none idle") {
  // 1 broker x 2 queues (200 msg/s each), 5 clients, share 1 (< 5 - 1): g-0, g-2, g-4 pop
  // queue 0 (a sixth each), g-1 and g-3 queue 1 (a quarter each). Under PULL three sit idle.
  Scenario s = basicScenario(1, 2, 5, 3 * kMinute);
  s.groups[0].rebalance = RebalanceMode::SERVER;
  s.groups[0].pop_request_mode = true;
  s.groups[0].pop_share_queue_num = 1;
  s.produce[0].rate = 400;
  s.consume.rate_per_client = 1000;
  const RunResult r = run(s);
  const GroupFinal& g = r.groups[0];
  REQUIRE(g.messageShare.size() == 5);
  CHECK(g.messageShare.at("g-0") == doctest::Approx(1.0 / 6).epsilon(0.05));
  CHECK(g.messageShare.at("g-1") == doctest::Approx(1.0 / 4).epsilon(0.05));
  CHECK(g.messageShare.at("g-2") == doctest::Approx(1.0 / 6).epsilon(0.05));
  CHECK(g.messageShare.at("g-3") == doctest::Approx(1.0 / 4).epsilon(0.05));
  CHECK(g.messageShare.at("g-4") == doctest::Approx(1.0 / 6).epsilon(0.05));
}
