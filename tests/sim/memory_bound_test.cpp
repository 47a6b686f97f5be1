// Issue 16: without timeline outputs, memory must not grow with the number of queue moves. The
// same fleet runs 2 and 8 pause cycles (a client frozen past its channel expiry, then woken:
// each cycle moves queues twice, and starts no new process); the peak of live heap bytes,
// counted exactly by replacing the global operator new in this binary (deterministic: the same
// run makes the same allocations), must stay far below a byte per extra move.
#include <doctest/doctest.h>

#include <malloc.h>

#include <cstdlib>
#include <new>
#include <string>

#include "metrics/metrics_collector.h"
#include "scenario/scenario_parser.h"
#include "sim/simulation.h"

namespace {
bool counting = false;
long long liveBytes = 0, peakBytes = 0;

void* counted(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (p && counting) {
    liveBytes += static_cast<long long>(malloc_usable_size(p));
    if (liveBytes > peakBytes) peakBytes = liveBytes;
  }
  return p;
}
void release(void* p) noexcept {
  if (p && counting) liveBytes -= static_cast<long long>(malloc_usable_size(p));
  std::free(p);
}
}  // namespace

void* operator new(std::size_t n) {
  if (void* p = counted(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted(n); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }

using namespace rmqsim;

namespace {

struct Peak {
  long long bytes;     ///< the peak of live heap bytes during the run
  long long retained;  ///< live at the end of the run, the simulation and metrics still alive
  std::int64_t moves;
};

/// 40 clients on 2,000 queues; every 10 minutes one client is frozen for 4 minutes (its channel
/// expires after 2: the others take its queues; woken, it takes them back).
Peak churn(int cycles) {
  std::string yaml =
      "name: churn\nseed: 3\nduration: " + std::to_string(10 * cycles + 10) +
      "m\nbrokers:\n  - {name: a, topics: {t: {queues: 1000}}}\n  - {name: b, topics: {t: {queues: 1000}}}\n"
      "groups:\n  - {name: g, subscribe: [t], clients: 40}\nproduce:\n  - {topic: t, rate: 2000}\n"
      "consume:\n  rate_per_client: 100\nevents:\n";
  for (int i = 0; i < cycles; ++i) {
    const std::string client = "g-" + std::to_string(i % 40);
    yaml += "  - {at: " + std::to_string(5 + 10 * i) + "m, action: pause, client: " + client + "}\n";
    yaml += "  - {at: " + std::to_string(9 + 10 * i) + "m, action: resume, client: " + client + "}\n";
  }
  const Scenario s = parseScenarioText(yaml, "churn.yaml");
  SimulationOptions so;
  so.allocationCacheIdBudget = 1;  // the cache fills its budget (a constant) in its own time: kept small here
  liveBytes = peakBytes = 0;
  counting = true;
  std::int64_t moves = 0;
  long long retained = 0;
  {
    Simulation sim(s, so);
    MetricsCollector metrics(s);
    sim.addSink(&metrics);
    sim.run();
    moves = metrics.result().summary.queueMoves;
    retained = liveBytes;
  }
  counting = false;
  return Peak{peakBytes, retained, moves};
}

}  // namespace

TEST_CASE("sim/memory: without timeline outputs the peak heap does not grow with queue moves") {
  const Peak few = churn(4), many = churn(32);
  MESSAGE("live heap: 4 cycles peak " << few.bytes << " B, retained " << few.retained << " B, " << few.moves << " moves; 32 cycles peak "
                                      << many.bytes << " B, retained " << many.retained << " B, " << many.moves << " moves");
  REQUIRE(many.moves > 4 * few.moves);
  // A structure of even one byte per move would add (many.moves - few.moves) bytes.
  CHECK(many.bytes - few.bytes < (many.moves - few.moves) / 4);
  CHECK(many.retained - few.retained < (many.moves - few.moves) / 4);
}
