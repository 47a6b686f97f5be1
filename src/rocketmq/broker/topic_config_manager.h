// twin of broker/src/main/java/org/apache/rocketmq/broker/topic/TopicConfigManager.java, 4.9.x and 5.x;
// differences: only queue counts and permissions; no persistence, no system topics.
#pragma once

#include <map>
#include <string>

namespace rmqsim {

/// TopicConfig: read/write queue counts and PermName bits.
struct TopicConfig {
  int readQueueNums = 8;
  int writeQueueNums = 8;
  int perm = 6;
  bool operator==(const TopicConfig&) const = default;
};

class TopicConfigManager {
 public:
  void updateTopicConfig(const std::string& topic, const TopicConfig& cfg) { topicConfigTable_[topic] = cfg; }
  const TopicConfig* selectTopicConfig(const std::string& topic) const;
  /// Creates %RETRY%<group> on a heartbeat when missing; true when it was created (the caller
  /// then registers with the name servers at once, as registerBrokerAll/registerBrokerData do).
  bool createTopicInSendMessageBackMethod(const std::string& topic, int queueNums, int perm);
  /// Topics by name (std::map: stable order for registration and output).
  const std::map<std::string, TopicConfig>& topicConfigTable() const { return topicConfigTable_; }

 private:
  std::map<std::string, TopicConfig> topicConfigTable_;
};

}  // namespace rmqsim
