// One whole-group allocation round per iteration, at the sizes of java_baseline.md: queues over 4
// brokers of one topic, ids "10.0.x.y@pid", both lists sorted as RebalanceImpl sorts them.
// "PerClient" calls allocate() once per client as real clients do; "AllocateAll" is one call.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "rocketmq/common/java_string.h"
#include "strategy/strategy_registry.h"

namespace {

using namespace rmqsim;

struct Group {
  std::vector<MessageQueue> mqAll;
  std::vector<std::string> cidAll;
};

Group makeGroup(int queues, int clients) {
  Group g;
  const char* brokers[] = {"broker-a", "broker-b", "broker-c", "broker-d"};
  for (int b = 0; b < 4; ++b)
    for (int q = 0; q < queues / 4; ++q) g.mqAll.push_back(MessageQueue{"orders", brokers[b], q});
  for (int c = 0; c < clients; ++c)
    g.cidAll.push_back("10.0." + std::to_string(c / 250) + "." + std::to_string(c % 250 + 1) + "@" +
                       std::to_string(4000 + c * 7));
  std::sort(g.mqAll.begin(), g.mqAll.end());
  std::sort(g.cidAll.begin(), g.cidAll.end(), JavaStringLess{});
  return g;
}

StrategyParams paramsFor(const std::string&) {
  StrategyParams p;
  p.consumeridcs = {"room1"};
  return p;
}

void perClient(benchmark::State& state, const std::string& name) {
  Group g = makeGroup(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto strategy = makeStrategy(name, paramsFor(name));
  for (auto _ : state) {
    std::size_t total = 0;
    for (const auto& cid : g.cidAll) total += strategy->allocate("G", cid, g.mqAll, g.cidAll)->size();
    benchmark::DoNotOptimize(total);
  }
}

void allocateAll(benchmark::State& state, const std::string& name) {
  Group g = makeGroup(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto strategy = makeStrategy(name, paramsFor(name));
  for (auto _ : state) {
    auto all = strategy->allocateAll("G", g.mqAll, g.cidAll);
    benchmark::DoNotOptimize(all.data());
  }
}

// What the simulator calls: results as positions in mqAll (Java's lists reference mqAll's objects).
void allocateAllPositions(benchmark::State& state, const std::string& name) {
  Group g = makeGroup(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  auto strategy = makeStrategy(name, paramsFor(name));
  for (auto _ : state) {
    auto all = strategy->allocateAllPositions("G", g.mqAll, g.cidAll);
    benchmark::DoNotOptimize(all.data());
  }
}

void sizes(benchmark::internal::Benchmark* b) {
  b->Args({1024, 64})->Args({16384, 1024})->Args({65536, 4096})->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK_CAPTURE(perClient, AVG, std::string("AVG"))->Apply(sizes);
BENCHMARK_CAPTURE(allocateAll, AVG, std::string("AVG"))->Apply(sizes);
BENCHMARK_CAPTURE(allocateAllPositions, AVG, std::string("AVG"))->Apply(sizes);
BENCHMARK_CAPTURE(perClient, AVG_BY_CIRCLE, std::string("AVG_BY_CIRCLE"))->Apply(sizes);
BENCHMARK_CAPTURE(allocateAll, AVG_BY_CIRCLE, std::string("AVG_BY_CIRCLE"))->Apply(sizes);
BENCHMARK_CAPTURE(allocateAllPositions, AVG_BY_CIRCLE, std::string("AVG_BY_CIRCLE"))->Apply(sizes);
// Per-client CONSISTENT_HASH repeats the ring for every client (clients x (clients x 10 + queues)
// MD5s, about 4e8 at the largest size): run at the two smaller sizes only, one iteration.
BENCHMARK_CAPTURE(perClient, CONSISTENT_HASH, std::string("CONSISTENT_HASH"))
    ->Args({1024, 64})->Args({16384, 1024})->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(allocateAll, CONSISTENT_HASH, std::string("CONSISTENT_HASH"))->Apply(sizes);
BENCHMARK_CAPTURE(perClient, CONFIG, std::string("CONFIG"))->Args({1024, 64})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(allocateAll, MACHINE_ROOM, std::string("MACHINE_ROOM"))->Apply(sizes);
BENCHMARK_CAPTURE(allocateAll, MACHINE_ROOM_NEARBY, std::string("MACHINE_ROOM_NEARBY"))->Apply(sizes);

BENCHMARK_MAIN();
