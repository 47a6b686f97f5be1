// twin of client/.../consumer/rebalance/AllocateMessageQueueAveragelyByCircle.java (4.9.x and 5.x).
#pragma once

#include "strategy/abstract_allocate_message_queue_strategy.h"

namespace rmqsim {

/// AVG_BY_CIRCLE: the client at first index k gets mqAll[k], mqAll[k+n], mqAll[k+2n], ...
class AllocateMessageQueueAveragelyByCircle : public AbstractAllocateMessageQueueStrategy {
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
  std::string getName() const override { return "AVG_BY_CIRCLE"; }
};

}  // namespace rmqsim
