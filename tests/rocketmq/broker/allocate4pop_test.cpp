// QueryAssignmentProcessor.allocate4Pop (5.3.3) against hand computations from the Java.
#include <doctest/doctest.h>

#include <map>

#include "rocketmq/broker/allocate4pop.h"
#include "strategy/strategy_registry.h"

using namespace rmqsim;

namespace {

/// mqAll = positions 0..queues-1 on one broker; the shares are the real AVG's.
std::vector<QueueIndex> pop4(int queues, const std::vector<std::string>& cids, const std::string& me, int share) {
  std::vector<MessageQueue> mqs;
  std::vector<QueueIndex> mqAll;
  for (int i = 0; i < queues; ++i) mqs.push_back(MessageQueue{"t", "broker-a", i}), mqAll.push_back(i);
  const auto avg = makeStrategy("AVG", {});
  auto shareOf = [&](const std::string& cid) -> std::optional<std::vector<QueueIndex>> {
    const std::vector<MessageQueue> mine = avg->allocate("g", cid, mqs, cids).value_or(std::vector<MessageQueue>{});
    std::vector<QueueIndex> out;
    for (const MessageQueue& mq : mine) out.push_back(mq.queueId);
    return out;
  };
  return allocate4Pop(mqAll, cids, me, share, shareOf).value();
}

const std::vector<std::string> kThree = {"c0", "c1", "c2"};

}  // namespace

TEST_CASE("rocketmq/broker/allocate4Pop: popShareQueueNum 0 (and >= clients - 1) gives every client every queue") {
  // AVG on 8 queues, 3 clients would be {0,1,2} {3,4,5} {6,7}; <= 0 skips the strategy.
  for (int share : {-1, 0, 2, 5}) {
    CAPTURE(share);
    for (const std::string& c : kThree) CHECK(pop4(8, kThree, c, share) == std::vector<QueueIndex>{0, 1, 2, 3, 4, 5, 6, 7});
  }
}

TEST_CASE("rocketmq/broker/allocate4Pop: popShareQueueNum 1 adds the next client's AVG share, wrapping") {
  // 1 < 3 - 1: own share plus cidAll[index + 1]'s.
  CHECK(pop4(8, kThree, "c0", 1) == std::vector<QueueIndex>{0, 1, 2, 3, 4, 5});
  CHECK(pop4(8, kThree, "c1", 1) == std::vector<QueueIndex>{3, 4, 5, 6, 7});
  CHECK(pop4(8, kThree, "c2", 1) == std::vector<QueueIndex>{0, 1, 2, 6, 7});
  // Every queue is held by exactly two clients.
  std::map<QueueIndex, int> holders;
  for (const std::string& c : kThree)
    for (QueueIndex q : pop4(8, kThree, c, 1)) ++holders[q];
  for (const auto& [q, n] : holders) CHECK(n == 2);
  CHECK(pop4(8, kThree, "stranger", 1).empty());  // not in cidAll: AVG gives nothing, no share follows
}

TEST_CASE("rocketmq/broker/allocate4Pop: more clients than queues: one queue each by position, none idle") {
  const std::vector<std::string> five = {"c0", "c1", "c2", "c3", "c4"};
  // 5 clients > 3 queues, 1 < 5 - 1: mqAll[index % 3], popShareQueueNum is not used.
  CHECK(pop4(3, five, "c0", 1) == std::vector<QueueIndex>{0});
  CHECK(pop4(3, five, "c1", 1) == std::vector<QueueIndex>{1});
  CHECK(pop4(3, five, "c2", 1) == std::vector<QueueIndex>{2});
  CHECK(pop4(3, five, "c3", 2) == std::vector<QueueIndex>{0});
  CHECK(pop4(3, five, "c4", 1) == std::vector<QueueIndex>{1});
  CHECK(pop4(3, five, "c4", 4) == std::vector<QueueIndex>{0, 1, 2});  // 4 >= 5 - 1: everything
  CHECK(pop4(3, five, "stranger", 1).empty());
}
