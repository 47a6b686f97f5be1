#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "engine/event_loop.h"
#include "engine/random.h"
#include "engine/sim_assert.h"
#include "engine/sim_network.h"
#include "engine/timer.h"

using namespace rmqsim;

TEST_CASE("engine/event loop/same instant runs in insertion order, cancelled never runs") {
  EventLoop loop;
  std::vector<int> order;
  loop.schedule(10, [&] { order.push_back(1); });
  auto h = loop.schedule(10, [&] { order.push_back(99); });
  loop.schedule(10, [&] { order.push_back(2); });
  loop.schedule(5, [&] { order.push_back(0); });
  loop.schedule(10, [&] { order.push_back(3); });
  loop.cancel(h);
  CHECK_FALSE(loop.pending(h));
  loop.runUntil(100);
  CHECK(order == std::vector<int>{0, 1, 2, 3});
  CHECK(loop.now() == 100);
  CHECK(loop.eventCount() == 4);
}

TEST_CASE("engine/event loop/the order is (time, scheduling order) against a reference sort") {
  // Random schedules, some from inside events (at now and later), instants reused after they
  // drained: the run order must equal a stable sort of (time, scheduling sequence).
  EventLoop loop;
  Random rng(7);
  struct Scheduled {
    SimTime at;
    int seq;
  };
  std::vector<Scheduled> scheduled;
  std::vector<int> ran;
  int next = 0;
  std::function<void(SimTime)> add = [&](SimTime at) {
    const int id = next++;
    scheduled.push_back({at, id});
    loop.schedule(at, [&, id] {
      ran.push_back(id);
      if (next < 3000) {
        add(loop.now() + static_cast<SimTime>(rng.nextBounded(4)));  // includes now itself
        if (rng.nextBounded(3) == 0) add(loop.now() + static_cast<SimTime>(rng.nextBounded(50)));
      }
    });
  };
  for (int i = 0; i < 200; ++i) add(static_cast<SimTime>(rng.nextBounded(20)));
  loop.runUntil(1'000'000);
  std::stable_sort(scheduled.begin(), scheduled.end(), [](const Scheduled& a, const Scheduled& b) { return a.at < b.at; });
  std::vector<int> expected;
  for (const auto& s : scheduled) expected.push_back(s.seq);
  CHECK(ran.size() == scheduled.size());
  CHECK(ran == expected);
  CHECK(loop.queued() == 0);
}

TEST_CASE("engine/event loop/time is monotonic and the past is refused") {
  EventLoop loop;
  SimTime last = -1;
  bool monotonic = true;
  for (int i = 0; i < 100; ++i)
    loop.schedule((i * 37) % 50, [&] {
      monotonic = monotonic && loop.now() >= last;
      last = loop.now();
      if (loop.now() < 40) loop.scheduleAfter(3, [] {});
    });
  loop.runUntil(1000);
  CHECK(monotonic);
  CHECK_THROWS_AS(loop.schedule(10, [] {}), InternalError);
}

TEST_CASE("engine/event loop/stop conditions make a partial run") {
  EventLoop loop;
  for (int i = 0; i < 10; ++i) loop.schedule(i, [] {});
  loop.setMaxEvents(4);
  CHECK_FALSE(loop.runUntil(100));
  CHECK(loop.eventCount() == 4);
  std::atomic<bool> stop{true};
  EventLoop l2;
  l2.schedule(1, [] {});
  l2.setStopFlag(&stop);
  CHECK_FALSE(l2.runUntil(10));
}

TEST_CASE("engine/timer/periodic at a fixed rate, cancel, suspend and resume") {
  EventLoop loop;
  Timer t(loop);
  std::vector<SimTime> fired;
  t.startPeriodic(10, 30, [&] { fired.push_back(loop.now()); });
  loop.runUntil(75);
  CHECK(fired == std::vector<SimTime>{10, 40, 70});
  t.suspend();
  loop.runUntil(200);  // due at 100, frozen
  CHECK(fired.size() == 3);
  t.resume();  // overdue: fires at once, then every 30 ms from now
  loop.runUntil(235);
  CHECK(fired == std::vector<SimTime>{10, 40, 70, 200, 230});
  t.cancel();
  loop.runUntil(1000);
  CHECK(fired.size() == 5);
}

TEST_CASE("engine/random/golden values and per-entity streams") {
  Random r(42);
  const std::uint64_t first = r.nextU64();
  Random r2(42);
  CHECK(r2.nextU64() == first);
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);  // published FNV-1a 64 test vector
  std::uint64_t st = 0;
  CHECK(splitmix64(st) == 0xe220a8397b1dcdafULL);  // splitmix64 from seed 0
  Random a = Random::forEntity(1, "client/g-0"), b = Random::forEntity(1, "client/g-1");
  CHECK(a.nextU64() != b.nextU64());
  Random c = Random::forEntity(1, "client/g-0");
  Random d = Random::forEntity(1, "client/g-0");
  for (int i = 0; i < 1000; ++i) {
    const auto v = c.uniform(3, 7);
    CHECK(v >= 3);
    CHECK(v <= 7);
    CHECK(d.uniform(3, 7) == v);
  }
  CHECK(c.nextBounded(1) == 0);
}

TEST_CASE("engine/network/latency, cuts and down nodes lose messages") {
  EventLoop loop;
  SimNetwork net(loop, 2, 2);
  Random rng(1);
  NodeId a = net.addNode("a"), b = net.addNode("b");
  int got = 0;
  CHECK(net.send(a, b, rng, [&] { ++got; }));
  loop.runUntil(1);
  CHECK(got == 0);
  loop.runUntil(2);
  CHECK(got == 1);
  net.cut(a, b);
  CHECK_FALSE(net.send(a, b, rng, [&] { ++got; }));
  CHECK(net.canReach(b, a));
  CHECK_FALSE(net.roundTrip(b, a));
  net.heal(a, b);
  net.send(a, b, rng, [&] { ++got; });
  net.setUp(b, false);
  net.setUp(b, true);  // restarted while the message was in flight: lost
  loop.runUntil(100);
  CHECK(got == 1);
  CHECK(net.messagesLost() == 2);
}
