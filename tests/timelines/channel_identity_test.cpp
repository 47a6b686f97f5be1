// Worked timelines of channel identity (issue 15): the broker's consumer table is keyed by
// connection, and a client that closed its channel after a timeout (clientCloseSocketIfTimeout)
// across a cut link reconnects with a new one while the broker still holds the old one. Java's
// getAllClientId lists one id per channel, without dedup (J4 ConsumerGroupInfo.java:83-95, J5
// :92-104), and the clients sort it without dedup (RebalanceImpl.rebalanceByTopic), so the id is
// listed twice until the old channel goes: scan expiry, idle close, or the reset the client's host
// answers the broker's first write with.
//
// One broker (every consumer list comes from it), 8 queues, 4 clients; g-0 (10.0.0.1) sorts first.
// g-0 is cut from broker-a at 60 s and healed at 100 s. Its 61 s heartbeat times out at 64 s and
// closes the channel; the FIN is lost. Its last heartbeat that arrived: 5.x 31 s (1 s + 30 s k),
// 4.9 the 40 s round's messageQueueChanged (the retry topic's second round), so the scan (10 s k,
// expired when now - last > 120 s) removes the old channel at 160 s (5.x) / 170 s (4.9), before
// the idle close (no traffic since 60 s: 180 s).
// With the id twice, AVG over 8 queues and [g-0, g-0, g-1, g-2, g-3]: g-0 (index 0) keeps queues
// 0-1, g-1 (index 2) takes 4-5, g-2 6, g-3 7: queues 2-3, the second g-0 slot, have no owner.
#include <doctest/doctest.h>

#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

Scenario healedPartition(SimTime duration, bool notify) {
  Scenario s = basicScenario(1, 8, 4, duration);
  s.groups[0].notify_consumer_ids_changed = notify;
  EventSpec cut = event(60 * kSecond, "partition", {"g-0"});
  cut.brokers = {"broker-a"};
  EventSpec heal = event(100 * kSecond, "heal", {"g-0"});
  heal.brokers = {"broker-a"};
  s.events = {cut, heal};
  return s;
}

/// Queues of "orders" with no owner at the scenario's end.
int unownedAt(Scenario s, SimTime at) {
  s.duration_ms = at;
  OwnershipSink sink;
  runWith(s, sink);
  return sink.unowned("orders");
}

}  // namespace

TEST_CASE("timelines/channel identity 5.2+: a healed partition lists the client twice until the scan") {
  // 100 s: the first pull after the heal opens a new channel; onChannelActive heartbeats it (new
  // channel: registered beside the old one). Without notification the others see it at their
  // periodic round (~101 s): two queues unowned. The 160 s scan removes the old channel (no
  // CHANGE); the 161 s round restores the four-way split.
  const Scenario s = healedPartition(150 * kSecond, false);
  CHECK(unownedAt(s, 100 * kSecond + 500) == 0);
  OwnershipSink mid;
  runWith(s, mid);
  CHECK(mid.unowned("orders") == 2);
  const auto loads = mid.loads("orders");
  CHECK(loads.at("g-0") == 2);
  CHECK(loads.at("g-1") == 2);
  CHECK(loads.at("g-2") == 1);
  CHECK(loads.at("g-3") == 1);
  CHECK(unownedAt(s, 160 * kSecond + 500) == 2);  // scanned at 160 s, nobody told
  CHECK(unownedAt(s, 162 * kSecond) == 0);

  // The same story without the client-side close: one channel throughout, listed once.
  Scenario keep = s;
  keep.profile.behaviour.close_socket_if_timeout = false;
  CHECK(unownedAt(keep, 150 * kSecond) == 0);
}

TEST_CASE("timelines/channel identity 4.9 and 5.0: the new channel registers at the next periodic heartbeat") {
  // No onChannelActive before 5.2: the pulls reconnect at 100 s, but the new channel is listed only
  // from the 121 s heartbeat; the 140 s round (20 s k) sees the id twice; the 170 s scan removes the
  // old channel and the 180 s round ends it. (oneway_waits_connect off: the persist ticks blocked
  // on connects would delay the 91 s heartbeat past the heal and register it earlier.)
  for (const char* name : {"rocketmq-4.9", "rocketmq-5.0"}) {
    CAPTURE(name);
    Scenario s = healedPartition(139 * kSecond, false);
    s.profile = *findProfile(name);
    s.profile.behaviour.oneway_waits_connect = false;
    CHECK(unownedAt(s, 139 * kSecond) == 0);
    CHECK(unownedAt(s, 141 * kSecond) == 2);
    CHECK(unownedAt(s, 179 * kSecond) == 2);
    CHECK(unownedAt(s, 181 * kSecond) == 0);
  }
}

TEST_CASE("timelines/channel identity: a notified group resets the old channel within a round trip") {
  // With notification on, the new channel's registration fires CHANGE and the broker writes the
  // notification to every channel of the group, the old one too. g-0's host has no socket for it
  // and answers with a reset: the broker closes the old channel one round trip later (<= 10 ms)
  // and fires CHANGE again. So each client hears broker-a twice right after the heal, and the
  // split is back to four by the round after (5.x minInterval: <= 1 s later).
  const Scenario s = healedPartition(103 * kSecond, true);
  OwnershipSink sink;
  runWith(s, sink);
  std::vector<SimTime> toG1;
  for (const auto& n : sink.notifies)
    if (n.at >= 100 * kSecond && sink.catalog->clients[static_cast<std::size_t>(n.client)].name == "g-1") toG1.push_back(n.at);
  REQUIRE(toG1.size() == 2);
  CHECK(toG1[0] <= 100 * kSecond + 3 * 5);  // pull connect, ACTIVE heartbeat, notification
  CHECK(toG1[1] - toG1[0] <= 3 * 5);        // the reset's round trip, then the notification
  CHECK(sink.unowned("orders") == 0);
  CHECK(sink.complete("orders"));
}
