// twin of client/.../consumer/AllocateMessageQueueStrategy.java: the group-wide helper Java lacks.
#include "strategy/allocate_message_queue_strategy.h"

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

}  // namespace rmqsim
