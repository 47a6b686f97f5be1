#include <doctest/doctest.h>

#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

TEST_CASE("sim/steady state: 4 clients on 2x8 queues end complete and balanced") {
  Scenario s = basicScenario(2, 8, 4, 2 * kMinute);
  OwnershipSink sink;
  RunStats st = runWith(s, sink);
  CHECK_FALSE(st.partial);
  CHECK(st.endTime == 2 * kMinute);
  CHECK(sink.complete("orders"));
  for (const auto& [name, load] : sink.loads("orders")) CHECK(load == 4);
  CHECK(sink.complete("%RETRY%g"));  // one retry queue per broker, owned too
}

TEST_CASE("sim/determinism: same seed gives the same fingerprint, another seed differs") {
  Scenario s = basicScenario(2, 4, 3, kMinute);
  s.events.push_back(event(20 * kSecond, "kill", {"g-1"}));
  OwnershipSink a, b, c;
  const auto fa = runWith(s, a).fingerprint;
  const auto fb = runWith(s, b).fingerprint;
  CHECK(fa == fb);
  s.seed = 2;
  CHECK(runWith(s, c).fingerprint != fa);
}

TEST_CASE("sim/determinism: allocation cache on and off give identical streams") {
  Scenario s = basicScenario(2, 8, 5, kMinute);
  s.events.push_back(event(30 * kSecond, "stop", {"g-0"}));
  OwnershipSink a, b;
  SimulationOptions off;
  off.useAllocationCache = false;
  CHECK(runWith(s, a).fingerprint == runWith(s, b, off).fingerprint);
}

TEST_CASE("sim/determinism: a cache that forgets its lists every few rounds gives the same stream") {
  // A rolling restart with new ids makes a new id list per broker every few seconds; with a
  // minimum budget of one id the cache keeps 16 lists' worth and forgets them all every few
  // rounds (and the round memos miss).
  Scenario s = basicScenario(2, 8, 6, 4 * kMinute);
  EventSpec e = event(30 * kSecond, "rolling_restart");
  e.interval_ms = 5 * kSecond;
  e.delay_ms = 2 * kSecond;
  e.id_policy = IdPolicy::NEW_IP;
  s.events.push_back(e);
  s.events.push_back(event(2 * kMinute, "crash", {"g-2"}));
  OwnershipSink a, b;
  SimulationOptions tiny;
  tiny.allocationCacheIdBudget = 1;
  CHECK(runWith(s, a).fingerprint == runWith(s, b, tiny).fingerprint);
  CHECK(a.complete("orders"));
}

TEST_CASE("sim/determinism: a client added later does not change earlier clients' ids") {
  Scenario s = basicScenario(1, 4, 2, 10 * kSecond);
  Simulation one(s, {});
  one.run();
  s.groups[0].clients = 3;
  Simulation two(s, {});
  two.run();
  REQUIRE(two.catalog().clients.size() == 3);
  CHECK(one.catalog().clients[0].clientId == two.catalog().clients[0].clientId);
  CHECK(one.catalog().clients[1].clientId == two.catalog().clients[1].clientId);
  CHECK(one.catalog().clients[0].clientId.rfind("10.0.0.1@", 0) == 0);
}

TEST_CASE("sim/clients.ids: the listed ids go to clients 0..n-1, the pattern to the rest") {
  Scenario s = basicScenario(1, 4, 3, 10 * kSecond);
  s.groups[0].client_id.ids = {"127.0.0.1@c1", "127.0.0.1@c2"};
  Simulation sim(s, {});
  sim.run();
  REQUIRE(sim.catalog().clients.size() == 3);
  CHECK(sim.catalog().clients[0].clientId == "127.0.0.1@c1");
  CHECK(sim.catalog().clients[1].clientId == "127.0.0.1@c2");
  CHECK(sim.catalog().clients[2].clientId.rfind("10.0.0.3@", 0) == 0);
}

TEST_CASE("sim/max events stops the run as partial") {
  Scenario s = basicScenario(1, 4, 2, kMinute);
  SimulationOptions o;
  o.maxEvents = 50;
  Simulation sim(s, o);
  RunStats st = sim.run();
  CHECK(st.partial);
  CHECK(st.events == 50);
}
