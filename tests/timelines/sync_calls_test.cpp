// Worked timelines of the synchronous calls outside the rebalance queries (issue 15): the
// heartbeat of messageQueueChanged (on the rebalance thread) and of start(), unlockAll(false)
// and UNREGISTER_CLIENT at shutdown. Each goes to every broker in turn; one the client cannot
// reach holds the calling thread until the call fails: connect_timeout (3 s) once the channel
// was closed after a timeout, a round trip when a killed broker's host refuses.
// rocketmq-5 defaults unless said; one-way latency 1-5 ms; heartbeats at 1 s + 30 s k: the 31 s
// heartbeat to a host lost at 30 s times out at 34 s and closes the channel.
#include <doctest/doctest.h>

#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

/// 2 brokers x 4 queues, 4 clients; broker-b's host is lost (or its process killed) at 30 s.
Scenario brokerBLost(SimTime duration, const char* how = "broker_crash") {
  Scenario s = basicScenario(2, 4, 4, duration);
  EventSpec down = event(30 * kSecond, how);
  down.brokers = {"broker-b"};
  s.events.push_back(down);
  return s;
}

/// When the client's process ended (kNever: still running at the end).
SimTime endOf(const Scenario& s, const std::string& client) {
  OwnershipSink sink;
  SimTime end = kNever;
  sink.onAfter = [&](const SimEvent& ev) {
    if (const auto* l = std::get_if<EvClientLifecycle>(&ev))
      if (l->what == ClientLifecycle::STOPPED && sink.catalog->clients[static_cast<std::size_t>(l->client)].name == client)
        end = l->at;
  };
  runWith(s, sink);
  return end;
}

}  // namespace

TEST_CASE("timelines/sync calls: a stop waits for its unregister (and orderly unlockAll) to a lost broker") {
  // g-3 stops at 40 s while broker-b's host is gone (still in its routes until the name server's
  // 120 s expiry). UNREGISTER_CLIENT to broker-a leaves at once (the others are notified and take
  // over); to broker-b its connect fails after connect_timeout: the process ends at 43 s.
  Scenario s = brokerBLost(60 * kSecond);
  s.events.push_back(event(40 * kSecond, "stop", {"g-3"}));
  CHECK(endOf(s, "g-3") == 43 * kSecond);

  // Orderly: unlockAll(false) first, per broker: broker-b's call fails at its connect too (46 s
  // with the unregister). 4.9 and 5.0 also await the connect of each oneway offset commit to
  // broker-b (g-3 holds its queues 2 and 3): 40 + 3 + 2 x 3 + 3 = 52 s.
  Scenario orderly = s;
  orderly.groups[0].orderly = true;
  CHECK(endOf(orderly, "g-3") == 46 * kSecond);
  orderly.profile = profile49();
  CHECK(endOf(orderly, "g-3") == 52 * kSecond);

  // A killed broker's host refuses the connects: each call fails after a round trip.
  Scenario killed = brokerBLost(60 * kSecond, "broker_kill");
  killed.events.push_back(event(40 * kSecond, "stop", {"g-3"}));
  const SimTime end = endOf(killed, "g-3");
  CHECK(end >= 40 * kSecond);
  CHECK(end <= 40 * kSecond + 2 * 5);

  // Until then g-3 holds its queues (broker-b's 2 and 3), as Java's processQueueTable does until
  // the factory shuts down.
  OwnershipSink sink;
  Scenario before = s;
  before.duration_ms = 42 * kSecond;
  runWith(before, sink);
  int held = 0;
  for (const auto& [q, owners] : sink.owners)
    for (ClientIndex c : owners) held += sink.catalog->clients[static_cast<std::size_t>(c)].name == "g-3";
  CHECK(held == 2);
}

TEST_CASE("timelines/sync calls: messageQueueChanged's heartbeat holds the rebalance round") {
  // A broadcasting client (no consumer-list query in its round). broker-a's topic grows from 4 to
  // 6 queues at 40 s; the 60.01 s route poll brings it; the periodic round at ~61 s (1 s + 20 s k)
  // adds the two queues, then heartbeats both brokers: broker-b's connect fails after 3 s, and
  // only then does the round end.
  auto changedRound = [](bool lost) {
    Scenario s = lost ? brokerBLost(70 * kSecond) : basicScenario(2, 4, 1, 70 * kSecond);
    s.groups[0].model = MessageModel::BROADCASTING;
    EventSpec grow = event(40 * kSecond, "set_queues");
    grow.topic = "orders";
    grow.queues = 6;
    grow.brokers = {"broker-a"};
    s.events.push_back(grow);
    OwnershipSink sink;
    runWith(s, sink);
    for (const auto& r : sink.rebalances)
      if (r.changed && r.topic == "orders" && r.at > 40 * kSecond) return r.at;
    return kNever;
  };
  const SimTime reachable = changedRound(false);
  CHECK(reachable >= 61 * kSecond);
  CHECK(reachable <= 61 * kSecond + 100);
  const SimTime held = changedRound(true);
  CHECK(held >= 64 * kSecond);
  CHECK(held <= 64 * kSecond + 100);
}

TEST_CASE("timelines/sync calls: the start-up heartbeat holds start() before its first round") {
  // g-4 starts at 40 s with broker-b lost: start() heartbeats broker-a, then waits out the connect
  // to broker-b (3 s) before rebalanceImmediately. With notification off nothing else wakes its
  // RebalanceService, so its first round comes at 43 s instead of at once (5.2+: after the 1 s
  // minInterval since the service started, 41 s). The round may itself ask broker-b (+3 s).
  auto firstRound = [](Profile p, bool lost) {
    Scenario s = lost ? brokerBLost(50 * kSecond) : basicScenario(2, 4, 4, 50 * kSecond);
    s.profile = p;
    s.groups[0].notify_consumer_ids_changed = false;
    s.events.push_back(event(40 * kSecond, "start"));
    OwnershipSink sink;
    runWith(s, sink);
    for (const auto& r : sink.rebalances)
      if (sink.catalog->clients[static_cast<std::size_t>(r.client)].name == "g-4") return r.at;
    return kNever;
  };
  for (bool v5 : {true, false}) {
    CAPTURE(v5);
    const Profile p = v5 ? profile5() : profile49();
    const SimTime start = 40 * kSecond + (v5 ? kSecond : 0);
    const SimTime reachable = firstRound(p, false);
    CHECK(reachable >= start);
    CHECK(reachable <= start + 100);
    const SimTime held = firstRound(p, true);
    CHECK(held >= 43 * kSecond);
    CHECK(held <= 46 * kSecond + 100);
  }
}
