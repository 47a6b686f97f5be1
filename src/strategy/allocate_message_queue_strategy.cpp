// twin of client/.../consumer/AllocateMessageQueueStrategy.java: the group-wide helper Java lacks.
#include "strategy/allocate_message_queue_strategy.h"

#include <map>

namespace rmqsim {

std::vector<AllocateOutcome> AllocateMessageQueueStrategy::allocateAll(const std::string& consumerGroup,
                                                                       const std::vector<MessageQueue>& mqAll,
                                                                       const std::vector<std::string>& cidAll) const {
  // Reference behaviour: exactly what each member's own call returns or throws.
  std::vector<AllocateOutcome> out(cidAll.size());
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    try {
      out[i].result = allocate(consumerGroup, cidAll[i], mqAll, cidAll);
    } catch (const IllegalArgumentError& e) {
      out[i].error = e.what();
    }
  }
  return out;
}

std::vector<AllocatePositions> AllocateMessageQueueStrategy::allocateAllPositions(
    const std::string& consumerGroup, const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll) const {
  std::map<MessageQueue, std::int32_t> position;  // lookups only
  for (std::size_t i = mqAll.size(); i-- > 0;) position[mqAll[i]] = static_cast<std::int32_t>(i);
  auto all = allocateAll(consumerGroup, mqAll, cidAll);
  std::vector<AllocatePositions> out(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    out[i].error = std::move(all[i].error);
    if (!all[i].result) continue;
    auto& positions = out[i].result.emplace();
    positions.reserve(all[i].result->size());
    for (const MessageQueue& mq : *all[i].result) positions.push_back(position.at(mq));  // results come from mqAll
  }
  return out;
}

}  // namespace rmqsim
