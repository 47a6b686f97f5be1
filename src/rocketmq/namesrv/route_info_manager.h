// twin of namesrv/src/main/java/org/apache/rocketmq/namesrv/routeinfo/RouteInfoManager.java, 4.9.x and 5.x;
// differences: one master per broker name, no clusters/filter servers; routes are shared
// immutable snapshots so thousands of clients polling the same route share one object.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/sim_time.h"

namespace rmqsim {

/// QueueData of one broker for one topic.
struct QueueData {
  std::string brokerName;
  int readQueueNums = 0;
  int writeQueueNums = 0;
  int perm = 6;
  bool operator==(const QueueData&) const = default;
};

/// TopicRouteData: the queue datas of a topic, sorted by broker name.
struct TopicRouteData {
  std::string topic;
  std::vector<QueueData> queueDatas;
  bool operator==(const TopicRouteData& o) const { return topic == o.topic && queueDatas == o.queueDatas; }
};

class RouteInfoManager {
 public:
  /// REGISTER_BROKER: the broker's whole topic table; refreshes its live entry.
  void registerBroker(const std::string& brokerName, const std::map<std::string, QueueData>& topics, SimTime now);
  /// The broker's connection closed (or it unregistered): removed at once.
  void onChannelDestroy(const std::string& brokerName);
  /// Removes brokers silent for more than `expiredTimeout`; returns their names.
  std::vector<std::string> scanNotActiveBroker(SimTime now, SimTime expiredTimeout);
  /// GET_ROUTEINFO_BY_TOPIC: nullptr when no live broker serves the topic (TOPIC_NOT_EXIST).
  std::shared_ptr<const TopicRouteData> pickupTopicRouteData(const std::string& topic) const;
  bool isBrokerLive(const std::string& brokerName) const { return brokerLiveTable_.count(brokerName) > 0; }
  void clear();

 private:
  void removeBroker(const std::string& brokerName);

  std::map<std::string, std::map<std::string, QueueData>> topicQueueTable_;  ///< topic -> broker -> data
  std::map<std::string, SimTime> brokerLiveTable_;                            ///< broker -> last update
  mutable std::map<std::string, std::shared_ptr<const TopicRouteData>> routeCache_;
};

}  // namespace rmqsim
