#include "rocketmq/common/message_queue.h"

#include "rocketmq/common/java_string.h"

namespace rmqsim {

int MessageQueue::compareTo(const MessageQueue& o) const {
  if (int r = javaCompare(topic, o.topic); r != 0) return r;
  if (int r = javaCompare(brokerName, o.brokerName); r != 0) return r;
  // Java: this.queueId - o.queueId in 32-bit two's complement.
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(queueId) - static_cast<std::uint32_t>(o.queueId));
}

std::string MessageQueue::toString() const {
  return "MessageQueue [topic=" + topic + ", brokerName=" + brokerName + ", queueId=" + std::to_string(queueId) + "]";
}

}  // namespace rmqsim
