// twin of client/.../consumer/rebalance/AllocateMessageQueueAveragely.java (4.9.x and 5.x).
#pragma once

#include "strategy/abstract_allocate_message_queue_strategy.h"

namespace rmqsim {

/// AVG: contiguous blocks in list order; the first m % n positions get one extra queue.
class AllocateMessageQueueAveragely : public AbstractAllocateMessageQueueStrategy {
 public:
  AllocateResult allocate(const std::string& consumerGroup, const std::string& currentCID,
                          const std::vector<MessageQueue>& mqAll,
                          const std::vector<std::string>& cidAll) const override;
  /// O(m + n) for the whole group.
  std::vector<AllocateOutcome> allocateAll(const std::string& consumerGroup, const std::vector<MessageQueue>& mqAll,
                                          const std::vector<std::string>& cidAll) const override;
  std::vector<AllocatePositions> allocateAllPositions(const std::string& consumerGroup,
                                                      const std::vector<MessageQueue>& mqAll,
                                                      const std::vector<std::string>& cidAll) const override;
  std::string getName() const override { return "AVG"; }

  /// The block [start, start + count) of mqAll that position `index` of n gets (Java's arithmetic).
  static void blockOf(std::size_t m, std::size_t n, std::size_t index, std::size_t& start, std::size_t& count);
};

}  // namespace rmqsim
