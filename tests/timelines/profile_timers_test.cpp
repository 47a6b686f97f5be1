// Worked timelines of the timers the fidelity audit found mismatched (issue 15): the name
// server's broker-expiry scan (4.9.8: first after 5 s, every 10 s; 5.x: first after 5 ms, every
// 5 s), the first flush of batched notifications (30 s, then every 15 s) and the clamp of the
// broker registration period (10-60 s). Every bound is derived from the timers in its comment.
#include <doctest/doctest.h>

#include <algorithm>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/allocation_cache.h"
#include "rocketmq/namesrv/name_server.h"
#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

/// One name server (and brokers a test adds) on a 1 ms network, with a profile's timers.
struct NamesrvWorld {
  explicit NamesrvWorld(const Profile& p) : config{p.timing, p.behaviour} {}
  ModelConfig config;
  EventLoop loop;
  SimNetwork net{loop, 1, 1};
  TraceBus trace;
  AllocationCache alloc{trace, false};
  ModelContext ctx{loop, net, config, trace, alloc, SimLog(false), false, 1, {}, {}, {}, {}, {}, 0};
  NameServer ns{ctx, "namesrv-0"};

  /// A broker started at 7 s that registers at 7, 17 and 47 s (BrokerController: at start, then
  /// after 10 s, then every 30 s) and falls silent at 60 s: expired once 47 s + 120 s < now.
  void registerLikeACrashedBroker() {
    for (SimTime at : {7 * kSecond, 17 * kSecond, 47 * kSecond})
      loop.schedule(at, [this] { ns.routeInfoManager().registerBroker("broker-b", {}, loop.now()); });
  }
  bool liveAt(SimTime t) {
    loop.runUntil(t);
    return ns.routeInfoManager().isBrokerLive("broker-b");
  }
};

}  // namespace

TEST_CASE("profile timers/4.9 name server: a silent broker goes at the first 10 s scan tick past 120 s") {
  // 4.9.8 ticks at 5 s + 10 s x k: 165 s is too early (167 s), 175 s drops it; a 5 s scan would
  // have at 170 s (5.x: 170.005 s).
  NamesrvWorld w(profile49());
  w.ns.start();
  w.registerLikeACrashedBroker();
  CHECK(w.liveAt(174'999));
  CHECK_FALSE(w.liveAt(175'000));
}

TEST_CASE("profile timers/5.x name server: the scan runs 5 ms after start, then every 5 s") {
  // Ticks at 5 ms + 5 s x k: 170.005 s is the first past 167 s (a 5 s first delay: 170.000 s).
  for (const Profile& p : {profile5(), *findProfile("rocketmq-5.0")}) {
    CAPTURE(p.name);
    NamesrvWorld w(p);
    w.ns.start();
    w.registerLikeACrashedBroker();
    CHECK(w.liveAt(170'004));
    CHECK_FALSE(w.liveAt(170'005));
  }
  // The first tick: with a 1 ms expiry a broker registered at 0 is gone at 5 ms in 5.x, and
  // survives until the 5 s first tick in 4.9.
  for (const auto& [p, firstTick] : {std::pair{profile5(), SimTime{5}}, std::pair{profile49(), 5 * kSecond}}) {
    CAPTURE(p.name);
    Profile q = p;
    q.timing.broker_expired_timeout = 1;
    NamesrvWorld w(q);
    w.ns.start();
    w.ns.routeInfoManager().registerBroker("broker-b", {}, 0);
    CHECK(w.liveAt(firstTick - 1));
    CHECK_FALSE(w.liveAt(firstTick));
  }
}

TEST_CASE("profile timers/broker registration period is clamped to 10-60 s, as BrokerController does") {
  // Registrations arrive 1 ms after 0 s, 10 s, then every clamped period; the 5.x scan ticks at
  // 5 ms + 5 s x k.
  SUBCASE("90 s runs every 60 s") {
    // 0.001, 10.001, 70.001, 130.001, 190.001 s: no gap reaches a 65 s expiry. Unclamped,
    // 10.001 s -> 100.001 s would be dropped at the 75.005 s tick.
    Profile p = profile5();
    p.timing.broker_register_interval = 90 * kSecond;
    p.timing.broker_expired_timeout = 65 * kSecond;
    NamesrvWorld w(p);
    w.ns.start();
    w.ctx.nameservers = {&w.ns};
    Broker b(w.ctx, "broker-b");
    b.start();
    for (SimTime t = kSecond; t <= 200 * kSecond; t += kSecond) {
      CAPTURE(t);
      REQUIRE(w.liveAt(t));
    }
  }
  SUBCASE("1 s runs every 10 s") {
    // 0.001 s then 10.001 s: a 5 s expiry drops the broker at the 5.005 s tick (0.001 + 5 < 5.005)
    // until 10.001 s re-registers it. Unclamped, a registration every second keeps it live.
    Profile p = profile5();
    p.timing.broker_register_interval = kSecond;
    p.timing.broker_expired_timeout = 5 * kSecond;
    NamesrvWorld w(p);
    w.ns.start();
    w.ctx.nameservers = {&w.ns};
    Broker b(w.ctx, "broker-b");
    b.start();
    CHECK(w.liveAt(5'004));
    CHECK_FALSE(w.liveAt(5'005));
    CHECK_FALSE(w.liveAt(10'000));
    CHECK(w.liveAt(10'001));
  }
}

TEST_CASE("profile timers/batched notifications: first flush 30 s after the broker starts, then every 15 s") {
  // real_time_notify off: CHANGE only records the group's channels. Four clients register at
  // about 1 ms (start-up heartbeat); the first flush at 30 s notifies them (arriving 1-5 ms
  // later), nothing before. Four more start at 35 s: told at the 45 s flush, not at 30 + 15 x 0.
  Scenario s = basicScenario(1, 8, 4, 50 * kSecond);
  s.profile.behaviour.real_time_notify = false;
  EventSpec e = event(35 * kSecond, "start");
  e.count = 4;
  s.events.push_back(e);
  OwnershipSink sink;
  runWith(s, sink);
  REQUIRE_FALSE(sink.notifies.empty());
  const auto first = std::min_element(sink.notifies.begin(), sink.notifies.end(),
                                      [](const EvNotify& a, const EvNotify& b) { return a.at < b.at; });
  CHECK(first->at >= 30 * kSecond);
  CHECK(first->at <= 30 * kSecond + 5);
  std::size_t inFirst = 0, inSecond = 0;
  for (const EvNotify& n : sink.notifies) {
    CAPTURE(n.at);
    const bool first30 = n.at >= 30 * kSecond && n.at <= 30 * kSecond + 5;
    const bool second45 = n.at >= 45 * kSecond && n.at <= 45 * kSecond + 5;
    CHECK((first30 || second45));
    inFirst += first30;
    inSecond += second45;
  }
  CHECK(inFirst == 4);
  CHECK(inSecond == 8);  // the 45 s flush tells all 8 members
}

namespace {

bool tookOver(const Profile& p, SimTime until) {
  // 4 orderly clients on 2 x 8 queues; g-3 is killed at 60 s: the survivors are notified at once,
  // but g-3's broker locks were last renewed by lockAll at 41 s (1 s + 20 s x k) and live until
  // 101 s, so every lock attempt before that fails.
  Scenario s = basicScenario(2, 8, 4, until);
  s.profile = p;
  s.groups[0].orderly = true;
  s.events.push_back(event(60 * kSecond, "kill", {"g-3"}));
  OwnershipSink sink;
  runWith(s, sink);
  const auto loads = sink.loads("orders");
  return sink.complete("orders") && loads.size() == 3 &&
         std::all_of(loads.begin(), loads.end(), [](const auto& l) { return l.second >= 5 && l.second <= 6; });
}

}  // namespace

TEST_CASE("profile timers/rocketmq-5.0: rebalanceLater(500) like 5.x, the fixed 20 s loop like 4.9") {
  // 5.0.0-5.1.4 and 5.2+: a refused lock wakes the RebalanceService 500 ms later (5.2+: after the
  // 1 s minimum gap), so the queues move within about a second of the 101 s lock expiry.
  CHECK(tookOver(*findProfile("rocketmq-5.0"), 103 * kSecond));
  CHECK(tookOver(profile5(), 103 * kSecond));
  // 4.9.8 has no rebalanceLater: after the notified round at 60 s the next ones come at 80 s and
  // 100 s (lock still live), then 120 s.
  CHECK_FALSE(tookOver(profile49(), 110 * kSecond));
  CHECK(tookOver(profile49(), 122 * kSecond));
}

TEST_CASE("profile timers/fast-forward stays exact under rocketmq-5.0 and batched notifications") {
  for (bool batched : {false, true}) {
    CAPTURE(batched);
    Scenario s = basicScenario(2, 4, 3, 20 * kMinute);
    s.profile = *findProfile("rocketmq-5.0");
    s.profile.behaviour.real_time_notify = !batched;
    s.events.push_back(event(5 * kMinute, "crash", {"g-1"}));
    EventSpec e = event(12 * kMinute, "start");
    e.count = 2;
    s.events.push_back(e);
    OwnershipSink ff, plain;
    SimulationOptions off;
    off.fastForward = false;
    const RunStats a = runWith(s, ff);
    const RunStats b = runWith(s, plain, off);
    CHECK(ff.added == plain.added);
    CHECK(ff.notifies.size() == plain.notifies.size());
    CHECK(ff.expired.size() == plain.expired.size());
    CHECK(ff.delivered.size() == plain.delivered.size());
    CHECK(duplicates(ff) == duplicates(plain));
    CHECK(a.events <= b.events);
  }
}
