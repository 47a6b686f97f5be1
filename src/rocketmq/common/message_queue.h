// twin of common/src/main/java/org/apache/rocketmq/common/message/MessageQueue.java (4.9.x and 5.x).
#pragma once

#include <cstdint>
#include <string>

namespace rmqsim {

/// A queue of a topic on one broker; ordering and toString() exactly as in Java.
struct MessageQueue {
  std::string topic;
  std::string brokerName;
  int queueId = 0;

  /// Java compareTo: topic, then brokerName (UTF-16 order), then queueId as Java's int
  /// subtraction (which wraps for ids more than 2^31 apart).
  int compareTo(const MessageQueue& o) const;
  /// "MessageQueue [topic=T, brokerName=B, queueId=N]": also the consistent-hash key.
  std::string toString() const;

  bool operator==(const MessageQueue& o) const = default;
  bool operator<(const MessageQueue& o) const { return compareTo(o) < 0; }
};

}  // namespace rmqsim
