#include "rocketmq/namesrv/route_info_manager.h"

namespace rmqsim {

void RouteInfoManager::registerBroker(const std::string& brokerName, const std::map<std::string, QueueData>& topics,
                                      SimTime now) {
  brokerLiveTable_[brokerName] = now;
  // Topics this broker no longer has lose its queue data; the others are replaced.
  for (auto it = topicQueueTable_.begin(); it != topicQueueTable_.end();) {
    auto b = it->second.find(brokerName);
    if (b != it->second.end() && !topics.count(it->first)) {
      it->second.erase(b);
      routeCache_.erase(it->first);
    }
    it = it->second.empty() ? topicQueueTable_.erase(it) : std::next(it);
  }
  for (const auto& [topic, qd] : topics) {
    QueueData& slot = topicQueueTable_[topic][brokerName];
    if (!(slot == qd)) {
      slot = qd;
      routeCache_.erase(topic);
    }
  }
}

void RouteInfoManager::removeBroker(const std::string& brokerName) {
  brokerLiveTable_.erase(brokerName);
  for (auto it = topicQueueTable_.begin(); it != topicQueueTable_.end();) {
    if (it->second.erase(brokerName)) routeCache_.erase(it->first);
    it = it->second.empty() ? topicQueueTable_.erase(it) : std::next(it);
  }
}

void RouteInfoManager::onChannelDestroy(const std::string& brokerName) { removeBroker(brokerName); }

std::vector<std::string> RouteInfoManager::scanNotActiveBroker(SimTime now, SimTime expiredTimeout) {
  std::vector<std::string> expired;
  for (const auto& [name, last] : brokerLiveTable_)
    if (last + expiredTimeout < now) expired.push_back(name);
  for (const auto& name : expired) removeBroker(name);
  return expired;
}

std::shared_ptr<const TopicRouteData> RouteInfoManager::pickupTopicRouteData(const std::string& topic) const {
  auto it = topicQueueTable_.find(topic);
  if (it == topicQueueTable_.end() || it->second.empty()) return nullptr;
  auto& cached = routeCache_[topic];
  if (!cached) {
    auto route = std::make_shared<TopicRouteData>();
    route->topic = topic;
    for (const auto& [broker, qd] : it->second) route->queueDatas.push_back(qd);
    cached = std::move(route);
  }
  return cached;
}

void RouteInfoManager::clear() {
  topicQueueTable_.clear();
  brokerLiveTable_.clear();
  routeCache_.clear();
}

}  // namespace rmqsim
