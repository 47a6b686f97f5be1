// Properties over random inputs (fixed seeds): one test body run over the strategies it applies to.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "rocketmq/common/java_string.h"
#include "strategy/strategy_registry.h"
#include "test_support.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

struct World {
  std::vector<MessageQueue> mqAll;
  std::vector<std::string> cidAll;  // distinct, sorted as RebalanceImpl sorts
};

World randomWorld(SplitMix64& rng) {
  World w;
  std::size_t brokers = 1 + rng.below(4), perBroker = 1 + rng.below(24), clients = 1 + rng.below(40);
  for (std::size_t b = 0; b < brokers; ++b)
    for (std::size_t q = 0; q < perBroker; ++q)
      w.mqAll.push_back(MessageQueue{"orders", "broker-" + std::string(1, static_cast<char>('a' + b)), static_cast<int>(q)});
  std::map<std::string, int, JavaStringLess> ids;  // distinct by construction of the key
  while (ids.size() < clients)
    ids.emplace("10.0." + std::to_string(rng.below(4)) + "." + std::to_string(rng.below(256)) + "@" +
                    std::to_string(rng.below(100000)),
                0);
  for (const auto& [id, unused] : ids) w.cidAll.push_back(id);
  std::sort(w.mqAll.begin(), w.mqAll.end());
  return w;
}

void checkPartition(const std::string& name, const StrategyParams& params, bool balanced) {
  auto strategy = makeStrategy(name, params);
  SplitMix64 rng(0xC0FFEE + name.size());
  for (int round = 0; round < 200; ++round) {
    World w = randomWorld(rng);
    CAPTURE(round);
    std::map<MessageQueue, int> owners;
    std::vector<std::size_t> loads;
    auto all = strategy->allocateAll("G", w.mqAll, w.cidAll);
    REQUIRE(all.size() == w.cidAll.size());
    for (std::size_t i = 0; i < w.cidAll.size(); ++i) {
      auto one = strategy->allocate("G", w.cidAll[i], w.mqAll, w.cidAll);
      REQUIRE(one.has_value());
      REQUIRE_FALSE(all[i].error.has_value());
      CHECK(*all[i].result == *one);  // allocateAll equals the per-client call
      for (const auto& mq : *one) ++owners[mq];
      loads.push_back(one->size());
    }
    CHECK(owners.size() == w.mqAll.size());  // every queue has an owner ...
    for (const auto& [mq, count] : owners) CHECK(count == 1);  // ... and exactly one
    if (balanced) CHECK(*std::max_element(loads.begin(), loads.end()) - *std::min_element(loads.begin(), loads.end()) <= 1);
    auto outsider = strategy->allocate("G", "10.9.9.9@1", w.mqAll, w.cidAll);
    REQUIRE(outsider.has_value());
    CHECK(outsider->empty());
  }
}

}  // namespace

TEST_CASE("strategy/properties/AVG partitions the queues with loads differing by at most one") {
  checkPartition("AVG", {}, true);
}

TEST_CASE("strategy/properties/AVG_BY_CIRCLE partitions the queues with loads differing by at most one") {
  checkPartition("AVG_BY_CIRCLE", {}, true);
}

TEST_CASE("strategy/properties/CONSISTENT_HASH partitions the queues") {
  StrategyParams p;
  for (int v : {1, 3, 10}) {
    p.virtualNodeCnt = v;
    CAPTURE(v);
    checkPartition("CONSISTENT_HASH", p, false);
  }
}

TEST_CASE("strategy/properties/allocateAll equals per-client calls with duplicated and empty ids") {
  SplitMix64 rng(77);
  StrategyParams p;
  p.consumeridcs = {"room1"};
  const char* names[] = {"AVG", "AVG_BY_CIRCLE", "CONSISTENT_HASH", "MACHINE_ROOM", "MACHINE_ROOM_NEARBY", "CONFIG"};
  for (const char* name : names) {
    auto strategy = makeStrategy(name, p);
    for (int round = 0; round < 100; ++round) {
      std::vector<MessageQueue> mqs;
      std::size_t m = rng.below(30);
      for (std::size_t i = 0; i < m; ++i) {
        const char* brokers[] = {"room1@broker-a", "room2@b", "hz-broker", "sh-broker", "-x"};
        mqs.push_back(MessageQueue{"t", brokers[rng.below(round % 2 == 0 ? 4 : 5)], static_cast<int>(rng.below(8))});
      }
      std::vector<std::string> cids;
      std::size_t n = rng.below(8);
      for (std::size_t i = 0; i < n; ++i) {
        const char* ids[] = {"hz-1", "hz-2", "sh-1", "bj-1", "hz-1", "", "x"};
        cids.push_back(ids[rng.below(round % 3 == 0 ? 7 : 5)]);
      }
      auto all = strategy->allocateAll("G", mqs, cids);
      REQUIRE(all.size() == cids.size());
      auto positions = strategy->allocateAllPositions("G", mqs, cids);
      REQUIRE(positions.size() == cids.size());
      for (std::size_t i = 0; i < cids.size(); ++i) {
        CAPTURE(name);
        CAPTURE(round);
        CAPTURE(i);
        CHECK(positions[i].error == all[i].error);  // positions name the same queues as allocateAll
        REQUIRE(positions[i].result.has_value() == all[i].result.has_value());
        if (positions[i].result) {
          std::vector<MessageQueue> named;
          for (std::int32_t pos : *positions[i].result) named.push_back(mqs.at(static_cast<std::size_t>(pos)));
          CHECK(named == *all[i].result);
        }
        nlohmann::json one;
        try {
          one = toJson(strategy->allocate("G", cids[i], mqs, cids));
        } catch (const IllegalArgumentError& e) {
          one = errorJson(e.what());
        }
        CHECK(toJson(all[i]) == one);
      }
    }
  }
}
