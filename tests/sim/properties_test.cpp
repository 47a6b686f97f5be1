// Property tests over random small clusters: after convergence every queue has exactly one owner,
// and a balancing strategy never moves fewer queues than the membership change forced.
#include <doctest/doctest.h>

#include "engine/random.h"
#include "support/measured_run.h"

using namespace rmqsim;
using namespace rmqsim::test;

TEST_CASE("sim/properties/random clusters: one owner per queue after convergence, moves >= min_moves") {
  int checkedEvents = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Random rng = Random::forEntity(seed, "property");
    const int brokers = 1 + static_cast<int>(rng.nextBounded(3));
    const int queues = 1 + static_cast<int>(rng.nextBounded(10));
    const int clients = 1 + static_cast<int>(rng.nextBounded(8));
    Scenario s = basicScenario(brokers, queues, clients, 9 * kMinute);
    s.seed = seed;
    s.groups[0].strategy.name = rng.nextBounded(2) ? "AVG" : "AVG_BY_CIRCLE";
    const int kind = static_cast<int>(rng.nextBounded(3));
    EventSpec e = event(60 * kSecond, kind == 0 ? "start" : kind == 1 ? "stop" : "kill");
    if (kind == 0) e.count = 1 + static_cast<int>(rng.nextBounded(4));
    else if (clients > 1) e.clients = {"g-" + std::to_string(rng.nextBounded(static_cast<std::uint64_t>(clients)))};
    else e = event(60 * kSecond, "start");
    s.events.push_back(e);
    CAPTURE(seed);
    CAPTURE(brokers);
    CAPTURE(queues);
    CAPTURE(clients);
    CAPTURE(e.action);

    OwnershipSink sink;
    const RunResult r = runMeasured(s, sink);
    REQUIRE(r.events.size() == 1);
    REQUIRE(r.events[0].convergenceSeconds.has_value());  // a stop or kill converges in seconds, a start too
    CHECK(r.groups[0].balance.complete);
    CHECK(sink.complete("orders"));
    CHECK(r.events[0].queueMoves >= r.events[0].minMoves);
    ++checkedEvents;
  }
  CHECK(checkedEvents == 40);
}
