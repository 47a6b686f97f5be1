#include "rocketmq/client/allocation_cache.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "strategy/allocate_message_queue_averagely.h"

using namespace rmqsim;

namespace {

std::shared_ptr<const TopicRouteData> routeOf(int queues) {
  auto r = std::make_shared<TopicRouteData>();
  r->topic = "orders";
  QueueData qd;
  qd.brokerName = "broker-a";
  qd.readQueueNums = queues;
  qd.writeQueueNums = queues;
  qd.perm = 6;
  r->queueDatas.push_back(qd);
  return r;
}

/// `n` ids, all new in each generation: the successive lists of a fleet whose ids keep changing.
std::shared_ptr<const std::vector<std::string>> idsOf(int n, int generation) {
  auto ids = std::make_shared<std::vector<std::string>>();
  for (int i = 0; i < n; ++i) ids->push_back("10.0." + std::to_string(generation) + "." + std::to_string(i) + "@1");
  return ids;
}

}  // namespace

TEST_CASE("rocketmq/client/allocation_cache: the ids held stay within the budget, the answers stay the strategy's") {
  TraceBus trace;
  const std::size_t budget = 1000;
  AllocationCache cache(trace, true, budget);
  AllocateMessageQueueAveragely avg;
  const auto mqs = cache.mqViewForRoute(routeOf(64));
  REQUIRE(mqs);
  std::size_t most = 0;
  for (int gen = 0; gen < 200; ++gen) {
    const auto raw = idsOf(40, gen);
    const auto cids = cache.cidView(raw);
    for (const std::string& id : {raw->front(), raw->back()}) {
      const AllocationOutcome got = cache.allocate(0, "g", avg, id, mqs, cids);
      const auto want = avg.allocate("g", id, mqs->mqAll, cids->cidAll);
      REQUIRE(want);
      std::vector<QueueIndex> wantIdx;
      for (const auto& mq : *want) wantIdx.push_back(trace.internQueue(mq));
      std::sort(wantIdx.begin(), wantIdx.end());
      CHECK(got.queues == wantIdx);
    }
    most = std::max(most, cache.heldIds());
  }
  // Each list is counted three times (raw, view, results): at most one list's worth beyond the budget.
  CHECK(most <= budget + 3 * 40);
  CHECK(cache.computations() == 200);  // one allocateAll per list: the second client hits
}
