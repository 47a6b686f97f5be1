// twin of client/.../consumer/rebalance/AllocateMessageQueueByConfig.java (4.9.x and 5.x).
#pragma once

#include <optional>

#include "strategy/abstract_allocate_message_queue_strategy.h"

namespace rmqsim {

/// CONFIG: returns the configured list to everyone (outsider too), without any check;
/// nullopt (Java null) when no list was ever set.
class AllocateMessageQueueByConfig : public AbstractAllocateMessageQueueStrategy {
 public:
  explicit AllocateMessageQueueByConfig(std::optional<std::vector<MessageQueue>> messageQueueList = std::nullopt)
      : messageQueueList_(std::move(messageQueueList)) {}

  AllocateResult allocate(const std::string& consumerGroup, const std::string& currentCID,
                          const std::vector<MessageQueue>& mqAll,
                          const std::vector<std::string>& cidAll) const override;
  std::string getName() const override { return "CONFIG"; }
  const std::optional<std::vector<MessageQueue>>& getMessageQueueList() const { return messageQueueList_; }

 private:
  std::optional<std::vector<MessageQueue>> messageQueueList_;
};

}  // namespace rmqsim
