#include <doctest/doctest.h>

#include "engine/sim_assert.h"
#include "sim/invariant_checker.h"
#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

RunCatalog catalogOf(int clients, const std::string& sharedId = "") {
  RunCatalog c;
  for (int i = 0; i < clients; ++i)
    c.clients.push_back(ClientInfo{"g-" + std::to_string(i), sharedId.empty() ? "10.0.0." + std::to_string(i + 1) + "@1" : sharedId, 0});
  for (int q = 0; q < 4; ++q) c.queues.push_back(MessageQueue{"orders", "broker-a", q});
  c.queues.push_back(MessageQueue{"%RETRY%g", "broker-a", 0});
  return c;
}

void feed(InvariantChecker& chk, const RunCatalog& cat, const std::vector<SimEvent>& evs) {
  for (const auto& e : evs) chk.onEvent(e, cat);
}

}  // namespace

TEST_CASE("sim/invariants/a settled run with an unowned queue is a bug; a partial or young run is not judged") {
  Scenario s = basicScenario(1, 4, 2);
  const RunCatalog cat = catalogOf(2);
  InvariantChecker chk(s);
  const SimTime end = chk.settleTime() + kMinute;
  std::vector<SimEvent> evs = {EvQueueSetChanged{0, "orders", {0, 1, 2, 3}}, EvQueueSetChanged{0, "%RETRY%g", {4}},
                               EvClientLifecycle{0, 0, ClientLifecycle::STARTED}, EvClientLifecycle{0, 1, ClientLifecycle::STARTED},
                               EvQueueAdded{10, 0, 0}, EvQueueAdded{10, 0, 1}, EvQueueAdded{10, 1, 2}, EvQueueAdded{10, 0, 4}};
  feed(chk, cat, evs);
  InvariantChecker young = chk;
  CHECK_NOTHROW(young.onEvent(EvRunEnd{end - 2 * kMinute, false}, cat));  // too early to judge
  InvariantChecker partial = chk;
  CHECK_NOTHROW(partial.onEvent(EvRunEnd{end, true}, cat));
  CHECK_THROWS_AS(chk.onEvent(EvRunEnd{end, false}, cat), InternalError);  // queue 3 has no owner
}

TEST_CASE("sim/invariants/the known shared-id failure is not reported as a bug") {
  Scenario s = basicScenario(1, 4, 2);
  const RunCatalog cat = catalogOf(2, "10.0.0.7@DEFAULT");
  InvariantChecker chk(s);
  feed(chk, cat, {EvQueueSetChanged{0, "orders", {0, 1, 2, 3}}, EvClientLifecycle{0, 0, ClientLifecycle::STARTED},
                  EvClientLifecycle{0, 1, ClientLifecycle::STARTED}, EvQueueAdded{10, 0, 0}, EvQueueAdded{10, 1, 0}});
  CHECK_NOTHROW(chk.onEvent(EvRunEnd{chk.settleTime() + kMinute, false}, cat));
}

TEST_CASE("sim/invariants/time going back and commits past the produced offset are bugs") {
  Scenario s = basicScenario(1, 4, 1);
  const RunCatalog cat = catalogOf(1);
  InvariantChecker chk(s);
  chk.onEvent(EvNotify{100, 0, "broker-a"}, cat);
  CHECK_THROWS_AS(chk.onEvent(EvNotify{99, 0, "broker-a"}, cat), InternalError);
  InvariantChecker chk2(s);
  CHECK_NOTHROW(chk2.onEvent(EvQueueSample{5, 0, 0, 10, 10}, cat));
  CHECK_THROWS_AS(chk2.onEvent(EvQueueSample{6, 0, 0, 10, 11}, cat), InternalError);
}

TEST_CASE("sim/invariants/a long run with a crash settles with every queue owned once") {
  Scenario s = basicScenario(2, 8, 4, 12 * kMinute);
  s.events.push_back(event(60 * kSecond, "crash", {"g-1"}));
  OwnershipSink sink;
  CHECK_NOTHROW(runWith(s, sink));  // runWith checks invariants
  CHECK(sink.complete("orders"));
}
