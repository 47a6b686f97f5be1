// The event loop's steady state allocates nothing per event (issue 7): periodic timers and
// network messages reuse their slots and buckets, and callbacks live in the slots. What remains
// is growth: a new bucket when more instants are pending at once than ever before (a rarer and
// rarer peak of random latencies). Counted by replacing the global operator new in this binary.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>

#include "engine/event_loop.h"
#include "engine/random.h"
#include "engine/sim_network.h"
#include "engine/timer.h"

namespace {
bool counting = false;
long allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
// The nothrow forms too (std::stable_sort's buffer uses them), or a sanitizer's operator new
// would meet this file's free() in operator delete.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return ::operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace rmqsim;

TEST_CASE("engine/event loop/steady state: timers and messages allocate nothing") {
  EventLoop loop;
  SimNetwork net(loop, 1, 5);
  const NodeId a = net.addNode("a"), b = net.addNode("b");
  Random rng(3);
  long delivered = 0, lost = 0;
  // A fleet-like load: 200 timers on three periods, each sending a message with a loss handler
  // (the network's event then carries two handlers, the destination and its epoch).
  std::vector<std::unique_ptr<Timer>> timers;
  for (int i = 0; i < 200; ++i) {
    timers.push_back(std::make_unique<Timer>(loop));
    const SimTime period = i % 3 == 0 ? 5000 : i % 3 == 1 ? 20000 : 30000;
    timers.back()->startPeriodic(i, period, [&] {
      net.send(a, b, rng, [&] { ++delivered; }, [&] { ++lost; });
      loop.scheduleAfter(static_cast<SimTime>(rng.nextBounded(7)), [&] { ++delivered; });
    });
  }
  // Warm-up: slots, buckets and their vectors grow to the sizes this load needs (a recycled
  // bucket keeps its capacity, so growth stops once each has held its largest instant).
  loop.runUntil(600'000);
  const long before = delivered;
  const std::int64_t eventsBefore = loop.eventCount();
  counting = true;
  loop.runUntil(1'800'000);
  counting = false;
  const std::int64_t events = loop.eventCount() - eventsBefore;
  CHECK(delivered > before + 10'000);
  CHECK(lost == 0);
  // std::function callbacks allocated for every message (over 100 % of events); now growth only.
  CHECK(allocations * 1000 < events);
}

TEST_CASE("engine/event loop/a callback too big for the slot still runs (heap fallback)") {
  EventLoop loop;
  struct Big {
    char bytes[200] = {};
  } big;
  big.bytes[199] = 7;
  int seen = 0;
  loop.schedule(5, [big, &seen] { seen = big.bytes[199]; });
  EventHandle h = loop.schedule(6, [big, &seen] { seen += 100; });
  loop.schedule(6, [big, &seen] { seen += big.bytes[199]; });
  loop.cancel(h);  // destroys the heap copy now (ASan's leak check covers the rest)
  loop.runUntil(10);
  CHECK(seen == 14);
}
