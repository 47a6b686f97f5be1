// twin of client/.../consumer/rebalance/AllocateMessageQueueConsistentHash.java (5.x; 4.9.x on a UTF-8 JVM).
#pragma once

#include "strategy/abstract_allocate_message_queue_strategy.h"

namespace rmqsim {

/// CONSISTENT_HASH: an MD5 ring of virtualNodeCnt nodes per client; a queue (keyed by its
/// toString()) goes to the owner of the first ring key >= its hash. Only the built-in MD5 hash.
class AllocateMessageQueueConsistentHash : public AbstractAllocateMessageQueueStrategy {
 public:
  /// Throws IllegalArgumentError("illegal virtualNodeCnt :N") for N < 0, as the Java constructor.
  explicit AllocateMessageQueueConsistentHash(int virtualNodeCnt = 10);

  AllocateResult allocate(const std::string& consumerGroup, const std::string& currentCID,
                          const std::vector<MessageQueue>& mqAll,
                          const std::vector<std::string>& cidAll) const override;
  /// Builds the ring once and routes each queue once for the whole group.
  std::vector<AllocateOutcome> allocateAll(const std::string& consumerGroup, const std::vector<MessageQueue>& mqAll,
                                          const std::vector<std::string>& cidAll) const override;
  std::string getName() const override { return "CONSISTENT_HASH"; }
  int virtualNodeCnt() const { return virtualNodeCnt_; }

 private:
  int virtualNodeCnt_;
};

/// Index into cidAll of the node owning each queue of mqAll (-1 when the ring is empty).
std::vector<int> routeQueues(const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll,
                             int virtualNodeCnt);

}  // namespace rmqsim
