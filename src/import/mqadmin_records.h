// What `import` reads from mqadmin's output, as plain records (each remembers its line, so the
// importer's own complaints are located too).
#pragma once

#include <string>
#include <vector>

namespace rmqsim {

/// One QueueData of a TopicRouteData (remoting/.../route/QueueData.java) with its BrokerData's cluster.
struct RouteQueueData {
  std::string brokerName;
  std::string cluster;  ///< from brokerDatas; empty if the route has no BrokerData for it
  int readQueueNums = 0;
  int writeQueueNums = 0;
  int perm = 6;  ///< PermName bits: 4 read, 2 write
  int line = 0;
};

/// `mqadmin topicRoute -t TOPIC` (TopicRouteSubCommand): the JSON form or the -l list.
struct TopicRoute {
  std::string format;  ///< "json" (fastjson, default) or "list" (-l)
  std::vector<RouteQueueData> queueDatas;
};

/// One line of `mqadmin consumerConnection` (Connection.java).
struct ConnectionRow {
  std::string clientId, clientAddr, language, version;
  int line = 0;
};

struct SubscriptionRow {
  std::string topic, expression;
  int line = 0;
};

/// `mqadmin consumerConnection -g GROUP` (ConsumerConnectionSubCommand).
struct ConsumerConnection {
  std::string layout;  ///< "table" (4.9.4 and later, 5.x) or "numbered" (4.9.3 and earlier)
  std::vector<ConnectionRow> connections;
  std::vector<SubscriptionRow> subscriptions;
  std::string consumeType, messageModel, consumeFromWhere;
  int consumeTypeLine = 0;
};

/// One queue of `mqadmin consumerProgress -g GROUP [-s true]` (ConsumerProgressSubCommand).
struct ProgressRow {
  std::string topic, brokerName;
  int queueId = 0;
  long long brokerOffset = 0, consumerOffset = 0;
  std::string clientIp;  ///< "#Client IP" (the part of the owner's client id before '@'); empty for N/A
  int line = 0;
};

struct ConsumerProgress {
  bool hasClientIp = false;  ///< printed with -s true
  bool hasInflight = false;  ///< 5.x prints #Inflight, 4.9 does not
  std::vector<ProgressRow> rows;
};

}  // namespace rmqsim
