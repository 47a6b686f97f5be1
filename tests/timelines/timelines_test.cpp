// The worked timelines of the spec's "observable consequences" (rocketmq-5 defaults, one-way
// latency 1-5 ms). Each bound is computed from the timers in a comment.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

bool balanced(const OwnershipSink& s, const std::string& topic, int lo, int hi, int clients) {
  auto loads = s.loads(topic);
  if (static_cast<int>(loads.size()) != clients) return false;
  for (const auto& [n, l] : loads)
    if (l < lo || l > hi) return false;
  return s.complete(topic);
}

}  // namespace

TEST_CASE("timelines/a client joins: converges within one notification round") {
  // 4 clients own 2x8 queues; 4 more start at 60 s. Their heartbeats reach the brokers in <= 5 ms,
  // CHANGE notifies everyone, old clients rebalance at once (their last round was long ago), new
  // ones after the 1 s minimum gap; a second notification may cost another 1 s. Bound: 60 s + 3 s.
  Scenario s = basicScenario(2, 8, 4, 63 * kSecond);
  EventSpec e = event(60 * kSecond, "start");
  e.count = 4;
  s.events.push_back(e);
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(balanced(sink, "orders", 2, 2, 8));
  CHECK_FALSE(sink.notifies.empty());

  Scenario early = s;
  early.duration_ms = 60 * kSecond + 10;  // 10 ms after the join nothing can have converged
  OwnershipSink sink2;
  runWith(early, sink2);
  CHECK_FALSE(balanced(sink2, "orders", 2, 2, 8));
}

TEST_CASE("timelines/graceful stop: converges within about a second, no duplicates on its queues") {
  // Stop persists offsets, unregisters (CHANGE -> notify), survivors rebalance at once: <= 60 s + 2 s.
  // The stopped client's queues start from its final commit: no duplicates there. (Queues moving
  // between survivors can repeat up to 5 s: the new owner may read the offset before the old
  // owner's removal persists it, exactly as in Java.)
  Scenario s = basicScenario(2, 8, 4, 62 * kSecond);
  s.events.push_back(event(60 * kSecond, "stop", {"g-3"}));
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(balanced(sink, "orders", 5, 6, 3));
  CHECK(duplicates(sink, "g-3") == 0);
}

TEST_CASE("timelines/kill: converges within about a second, duplicates since the last commit") {
  // The OS closes the sockets: CHANGE at each broker within 5 ms -> notify -> rebalance: <= 62 s.
  // Offsets were committed at the persist tick (every 5 s from 10 s): at most 5 s of the victim's
  // traffic (4 queues x 100 msg/s x 5 s = 2000) is delivered again.
  Scenario s = basicScenario(2, 8, 4, 62 * kSecond);
  s.events.push_back(event(58 * kSecond, "kill", {"g-3"}));
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(balanced(sink, "orders", 5, 6, 3));
  const auto dup = duplicates(sink, "g-3");  // on the victim's queues (survivors may also swap some)
  CHECK(dup > 0);
  CHECK(dup <= 4 * 100 * 5 + 4 * 100);  // + up to 1 s of slack for dispatch and latency
}

TEST_CASE("timelines/silent crash: queues unowned for channel expiry + scan + up to one period") {
  // Heartbeats at 1 s, 31 s; crash at 60 s -> last heartbeat ~31 s. Expired when now - 31 s > 120 s,
  // seen by the 10 s scan at 160 s; no notification, survivors' next periodic round <= 20 s later:
  // owned again by 180 s (+ a few ms). At 150 s the four queues are still orphaned.
  Scenario s = basicScenario(2, 8, 4, 150 * kSecond);
  s.events.push_back(event(60 * kSecond, "crash", {"g-3"}));
  OwnershipSink at150;
  runWith(s, at150);
  CHECK(at150.unowned("orders") == 4);
  CHECK(at150.expired.empty());

  s.duration_ms = 181 * kSecond;
  OwnershipSink at181;
  runWith(s, at181);
  CHECK(at181.expired.size() == 2);  // one channel per broker
  CHECK(balanced(at181, "orders", 5, 6, 3));
}

TEST_CASE("timelines/broker killed: its queues leave within route poll + one period") {
  // The name server drops a killed broker at once; route polls at 10 ms + k x 30 s see it at
  // 60.01 s; the next periodic round (<= 20 s) rebalances the 8 remaining queues: <= 80.1 s.
  Scenario s = basicScenario(2, 8, 4, 81 * kSecond);
  EventSpec e = event(60 * kSecond, "broker_kill");
  e.brokers = {"broker-b"};
  s.events.push_back(e);
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(sink.queueSets.at("orders").size() == 8);
  CHECK(balanced(sink, "orders", 2, 2, 4));
}

TEST_CASE("timelines/broker host lost: noticed only after name-server expiry") {
  // Registrations at 0, 10 s, 40 s; crash at 60 s -> expired when now - 40 s > 120 s, at the 5 s
  // scan of 165 s; clients poll by 195.01 s and rebalance by ~215 s. At 150 s nothing has changed.
  Scenario s = basicScenario(2, 8, 4, 150 * kSecond);
  EventSpec e = event(60 * kSecond, "broker_crash");
  e.brokers = {"broker-b"};
  s.events.push_back(e);
  OwnershipSink early;
  runWith(s, early);
  CHECK_FALSE(balanced(early, "orders", 2, 2, 4));
  s.duration_ms = 216 * kSecond;
  OwnershipSink late;
  runWith(s, late);
  CHECK(balanced(late, "orders", 2, 2, 4));
}

TEST_CASE("timelines/two clients share an id: some queues are unowned forever") {
  // cidAll = [id, id]: both take slot 0's queues (AVG: 0-3 of 8); slot 1's 4 queues have no owner.
  Scenario s = basicScenario(1, 8, 2, 5 * kMinute);
  s.groups[0].client_id.pattern = "10.0.0.7@DEFAULT";
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(sink.unowned("orders") == 4);
  int doubly = 0;
  for (QueueIndex q : sink.queueSets.at("orders")) doubly += sink.ownersOf(q).size() == 2;
  CHECK(doubly == 4);
}

TEST_CASE("timelines/more clients than queues: exactly clients - queues idle") {
  Scenario s = basicScenario(1, 4, 6, kMinute);
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(sink.complete("orders"));
  CHECK(sink.loads("orders").size() == 4);  // 2 of the 6 own nothing
}

TEST_CASE("timelines/orderly hand-over waits for the lock") {
  // Joiners compute their share at start, but the old owners still hold the broker locks until
  // they drop the queues and unlock (after their own notified round): the first lock attempts fail
  // and are retried 500 ms later (rebalanceLater), then succeed.
  Scenario s = basicScenario(2, 8, 4, 70 * kSecond);
  s.groups[0].orderly = true;
  EventSpec e = event(60 * kSecond, "start");
  e.count = 4;
  s.events.push_back(e);
  OwnershipSink sink;
  runWith(s, sink);
  CHECK_FALSE(sink.lockFailures.empty());
  CHECK(balanced(sink, "orders", 2, 2, 8));
}

TEST_CASE("timelines/orderly crash: the new owner waits for the broker lock to expire") {
  // Crash at 60 s; the lock was renewed by lockAll at 41 s (1 s + k x 20 s) so it lives until
  // 101 s, but the channel only expires at ~160 s: the take-over is dominated by expiry (<= 181 s).
  Scenario s = basicScenario(2, 8, 4, 181 * kSecond);
  s.groups[0].orderly = true;
  s.events.push_back(event(60 * kSecond, "crash", {"g-3"}));
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(balanced(sink, "orders", 5, 6, 3));
}

TEST_CASE("timelines/4.9 profile: fixed 20 s loop still converges on notification") {
  Scenario s = basicScenario(2, 8, 4, 62 * kSecond);
  s.profile = profile49();
  s.events.push_back(event(60 * kSecond, "kill", {"g-0"}));
  OwnershipSink sink;
  runWith(s, sink);
  CHECK(balanced(sink, "orders", 5, 6, 3));
}

TEST_CASE("timelines/paused past channel expiry: its queues have two owners until it wakes") {
  // Paused at 30 s: last heartbeat 31 s is not sent (frozen since 30 s), so the last one was 1 s;
  // expiry at the first scan after 121 s (130 s), survivors' next round <= 150 s. The frozen process
  // still holds its process queues until it wakes (230 s) and rebalances: two owners in between.
  Scenario s = basicScenario(2, 8, 4, 229 * kSecond);
  s.events.push_back(event(30 * kSecond, "pause", {"g-3"}));
  s.events.push_back(event(230 * kSecond, "resume", {"g-3"}));
  OwnershipSink sink;
  runWith(s, sink);
  int doubly = 0;
  for (QueueIndex q : sink.queueSets.at("orders")) doubly += sink.ownersOf(q).size() == 2;
  CHECK(doubly == 4);
  CHECK(sink.expired.size() == 2);

  s.duration_ms = 233 * kSecond;  // awake: it rejoins (heartbeat -> CHANGE) and rounds 1 s apart settle
  OwnershipSink after;
  runWith(s, after);
  CHECK(balanced(after, "orders", 4, 4, 4));
}
