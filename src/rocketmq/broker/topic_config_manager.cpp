#include "rocketmq/broker/topic_config_manager.h"

namespace rmqsim {

const TopicConfig* TopicConfigManager::selectTopicConfig(const std::string& topic) const {
  auto it = topicConfigTable_.find(topic);
  return it == topicConfigTable_.end() ? nullptr : &it->second;
}

bool TopicConfigManager::createTopicInSendMessageBackMethod(const std::string& topic, int queueNums, int perm) {
  if (topicConfigTable_.count(topic)) return false;
  topicConfigTable_[topic] = TopicConfig{queueNums, queueNums, perm};
  return true;
}

}  // namespace rmqsim
