// twin of client/.../consumer/rebalance/AllocateMessageQueueByConfig.java (4.9.x and 5.x).
#include "strategy/allocate_message_queue_by_config.h"

namespace rmqsim {

AllocateResult AllocateMessageQueueByConfig::allocate(const std::string&, const std::string&,
                                                      const std::vector<MessageQueue>&,
                                                      const std::vector<std::string>&) const {
  return messageQueueList_;  // Java never calls check() here
}

}  // namespace rmqsim
