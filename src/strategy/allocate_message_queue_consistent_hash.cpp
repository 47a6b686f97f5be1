// twin of client/.../consumer/rebalance/AllocateMessageQueueConsistentHash.java (5.x; 4.9.x on a UTF-8 JVM).
#include "strategy/allocate_message_queue_consistent_hash.h"

#include <string_view>
#include <unordered_map>

#include "strategy/consistent_hash_router.h"

namespace rmqsim {
namespace {

// MessageQueue::toString() into a reused buffer: the hot loop of every round.
void queueKey(const MessageQueue& mq, std::string& out) {
  out.assign("MessageQueue [topic=").append(mq.topic).append(", brokerName=").append(mq.brokerName);
  out.append(", queueId=").append(std::to_string(mq.queueId)).append("]");
}

}  // namespace

AllocateMessageQueueConsistentHash::AllocateMessageQueueConsistentHash(int virtualNodeCnt)
    : virtualNodeCnt_(virtualNodeCnt) {
  if (virtualNodeCnt < 0) throw IllegalArgumentError("illegal virtualNodeCnt :" + std::to_string(virtualNodeCnt));
}

std::vector<int> routeQueues(const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll,
                             int virtualNodeCnt) {
  Md5Hash md5;
  ConsistentHashRouter router(cidAll, virtualNodeCnt, md5);
  std::vector<int> owners(mqAll.size(), -1);
  if (router.empty()) return owners;
  std::string key;
  for (std::size_t i = 0; i < mqAll.size(); ++i) {
    queueKey(mqAll[i], key);
    owners[i] = router.routeNode(key);
  }
  return owners;
}

AllocateResult AllocateMessageQueueConsistentHash::allocate(const std::string&, const std::string& currentCID,
                                                            const std::vector<MessageQueue>& mqAll,
                                                            const std::vector<std::string>& cidAll) const {
  std::vector<MessageQueue> results;
  if (!check(currentCID, mqAll, cidAll)) return results;
  std::vector<int> owners = routeQueues(mqAll, cidAll, virtualNodeCnt_);
  for (std::size_t i = 0; i < mqAll.size(); ++i)
    if (owners[i] >= 0 && cidAll[static_cast<std::size_t>(owners[i])] == currentCID) results.push_back(mqAll[i]);
  return results;
}

std::vector<AllocateOutcome> AllocateMessageQueueConsistentHash::allocateAll(
    const std::string&, const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll) const {
  std::vector<AllocateOutcome> out(cidAll.size());
  bool anyMember = false;
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    out[i].error = memberCheckError(cidAll[i], mqAll);
    anyMember = anyMember || !out[i].error;
  }
  if (!anyMember) return out;
  // Owners are compared by id string in Java, so bucket by the first position of each id.
  std::vector<int> first = firstIndexes(cidAll);
  std::vector<std::vector<MessageQueue>> buckets(cidAll.size());
  std::vector<int> owners = routeQueues(mqAll, cidAll, virtualNodeCnt_);
  for (std::size_t q = 0; q < mqAll.size(); ++q)
    if (owners[q] >= 0) buckets[static_cast<std::size_t>(first[static_cast<std::size_t>(owners[q])])].push_back(mqAll[q]);
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    if (out[i].error) continue;
    auto f = static_cast<std::size_t>(first[i]);
    if (f == i) out[i].result = std::move(buckets[i]);
    else out[i].result = *out[f].result;
  }
  return out;
}

}  // namespace rmqsim
