// twin of broker/src/main/java/org/apache/rocketmq/broker/processor/QueryAssignmentProcessor.java (5.x);
// differences: the POP request mode (allocate4Pop, popShareQueueNum) comes from the scenario
// (message_request_mode, as setConsumeMode sets it), not from SET_MESSAGE_REQUEST_MODE, and
// POP's queue id -1 ("every queue of this broker") is handed out as those queues; the topic's queues are the
// broker's TopicRouteInfoManager copy, fetched from a name server when missing and refreshed every
// load_balance_poll_interval (its timer starts with the first topic, in phase with broker start); the what-if modes (sticky, uniform) answer from
// WhatIfAssignment instead of a registered strategy, kept at one coordinator broker (below).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/timer.h"
#include "rocketmq/broker/what_if_assignment.h"
#include "rocketmq/client/model_context.h"
#include "rocketmq/common/rebalance_mode.h"
#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim {

class ConsumerManager;

/// QueryAssignmentRequestBody, plus the simulator's mode of the group (server, sticky, uniform).
struct QueryAssignmentRequest {
  std::string topic;
  std::string consumerGroup;
  GroupIndex group = 0;
  std::string clientId;
  bool broadcasting = false;
  std::string strategyName;
  RebalanceMode mode = RebalanceMode::SERVER;
  /// The broker's MessageRequestModeManager entry for (topic, group), which mqadmin
  /// setConsumeMode sets on every broker alike: carried in the request for brevity.
  bool popRequestMode = false;
  int popShareQueueNum = 0;
};

class QueryAssignmentProcessor {
 public:
  QueryAssignmentProcessor(ModelContext& ctx, NodeId brokerNode, const ConsumerManager& consumers);
  ~QueryAssignmentProcessor();

  /// QUERY_ASSIGNMENT: the queues assigned to the client (sorted by index), or null for "invalid
  /// result, skip the update" (unknown topic, unknown group, unsupported strategy, allocate threw).
  std::shared_ptr<const std::vector<QueueIndex>> queryAssignment(const QueryAssignmentRequest& req);
  /// The broker (re)started at `now`: the route refresh runs at now + 1 s + k * interval.
  void start(SimTime now) { startedAt_ = now; }
  /// The broker went down: what it kept in memory is gone.
  void clear();
  /// The what-ifs' answer computed here, as the group's coordinator: with this broker's
  /// consumer list and queue view, from this broker's memory.
  std::shared_ptr<const std::vector<QueueIndex>> answerAsCoordinator(const QueryAssignmentRequest& req);

 private:
  std::shared_ptr<const MqView> getTopicSubscribeInfo(const std::string& topic);
  /// TopicRouteInfoManager.updateTopicRouteInfoFromNameServer(topic): false when no name server answers.
  bool fetch(const std::string& topic);
  void refreshAll();
  std::shared_ptr<const std::vector<QueueIndex>> doLoadBalance(const QueryAssignmentRequest& req);
  /// allocate4Pop (allocate4pop.h) over this broker's views, the strategy's shares from the cache.
  std::shared_ptr<const std::vector<QueueIndex>> allocate4Pop(const AllocateMessageQueueStrategy& strategy,
                                                              const QueryAssignmentRequest& req,
                                                              const std::shared_ptr<const MqView>& mqAll,
                                                              const std::shared_ptr<const CidView>& cidAll);
  std::shared_ptr<const std::vector<QueueIndex>> allocateByStrategy(const QueryAssignmentRequest& req,
                                                                    const std::shared_ptr<const MqView>& mqSet,
                                                                    const std::shared_ptr<const CidView>& cidAll);

  ModelContext& ctx_;
  NodeId node_;
  const ConsumerManager& consumers_;
  /// name2LoadStrategy: the only two the broker registers.
  std::vector<std::unique_ptr<AllocateMessageQueueStrategy>> name2LoadStrategy_;
  std::map<std::string, std::shared_ptr<const MqView>> topicSubscribeInfo_;
  SimTime startedAt_ = 0;
  Timer pollTimer_;
  WhatIfAssignment whatIf_;
};

}  // namespace rmqsim
