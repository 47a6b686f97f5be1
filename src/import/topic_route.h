// `mqadmin topicRoute -t TOPIC` output → TopicRoute. Both forms of TopicRouteSubCommand (4.9.8 and
// 5.3.3 print the same): TopicRouteData as fastjson prints it (default), or the -l table.
#pragma once

#include "import/mqadmin_records.h"
#include "import/source_text.h"

namespace rmqsim {

/// Picks the form by the first line that is not log noise; throws ScenarioError, located.
TopicRoute parseTopicRoute(const SourceText& src);

/// fastjson's TopicRouteData: "queueDatas" [{brokerName, readQueueNums, writeQueueNums, perm,
/// topicSysFlag}], "brokerDatas" [{brokerAddrs: {0:"ip:port"}, brokerName, cluster}]. fastjson
/// writes Long map keys bare ({0:"..."}), which is not JSON: they are accepted.
TopicRoute parseTopicRouteJson(const SourceText& src, std::size_t firstLine);

/// The -l table: "#ClusterName #BrokerName #BrokerAddrs #ReadQueue #WriteQueue #Perm" rows
/// (brokerAddrs as Java's HashMap.toString, "{0=ip:port, 1=ip:port}"), a dashed line, "Total:".
TopicRoute parseTopicRouteList(const SourceText& src, std::size_t headerLine);

}  // namespace rmqsim
