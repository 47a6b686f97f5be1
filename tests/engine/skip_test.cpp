// What the fast-forward relies on in the engine: a counter-based stream skips draws exactly, and
// a timer moved with skipTo keeps its period from the new time.
#include <doctest/doctest.h>

#include <vector>

#include "engine/random.h"
#include "engine/timer.h"

using namespace rmqsim;

TEST_CASE("engine/counter random/skip(k) lands where k draws do; streams of other names differ") {
  CounterRandom a = CounterRandom::forEntity(1, "client/g-0/persist");
  CounterRandom b = a;
  for (int i = 0; i < 1000; ++i) a.uniform(1, 5);
  b.skip(1000);
  for (int i = 0; i < 50; ++i) CHECK(a.nextU64() == b.nextU64());
  CounterRandom c = CounterRandom::forEntity(1, "client/g-1/persist");
  CounterRandom d = CounterRandom::forEntity(2, "client/g-0/persist");
  CounterRandom e = CounterRandom::forEntity(1, "client/g-0/persist");
  CHECK(c.nextU64() != e.nextU64());
  CHECK(d.nextU64() != CounterRandom::forEntity(1, "client/g-0/persist").nextU64());
  // uniform covers [lo, hi] and nothing else.
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 10000; ++i) ++seen[static_cast<std::size_t>(e.uniform(1, 5))];
  CHECK(seen[0] == 0);
  CHECK(seen[6] == 0);
  for (int v = 1; v <= 5; ++v) CHECK(seen[static_cast<std::size_t>(v)] > 1700);
}

TEST_CASE("engine/timer/skipTo moves a periodic timer and keeps its period from there") {
  EventLoop loop;
  Timer t(loop);
  std::vector<SimTime> fired;
  t.startPeriodic(10, 100, [&] { fired.push_back(loop.now()); });
  loop.runUntil(250);
  REQUIRE(fired == std::vector<SimTime>{10, 110, 210});
  t.skipTo(1010);  // ticks 310 ... 910 accounted for elsewhere
  loop.runUntil(1300);
  CHECK(fired == std::vector<SimTime>{10, 110, 210, 1010, 1110, 1210});
  t.cancel();
  t.skipTo(2000);  // an idle timer stays idle
  CHECK_FALSE(t.active());
}
