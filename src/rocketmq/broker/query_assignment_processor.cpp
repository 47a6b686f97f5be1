#include "rocketmq/broker/query_assignment_processor.h"

#include <algorithm>

#include "rocketmq/broker/allocate4pop.h"
#include "rocketmq/broker/broker.h"
#include "rocketmq/broker/consumer_manager.h"
#include "rocketmq/client/allocation_cache.h"
#include "rocketmq/common/mix_all.h"
#include "rocketmq/namesrv/name_server.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {

QueryAssignmentProcessor::QueryAssignmentProcessor(ModelContext& ctx, NodeId brokerNode, const ConsumerManager& consumers)
    : ctx_(ctx), node_(brokerNode), consumers_(consumers), pollTimer_(ctx.loop) {
  for (const std::string& name : queryAssignmentStrategyNames()) name2LoadStrategy_.push_back(makeStrategy(name, {}));
}

QueryAssignmentProcessor::~QueryAssignmentProcessor() = default;

void QueryAssignmentProcessor::clear() {
  topicSubscribeInfo_.clear();
  whatIf_.clear();
  pollTimer_.cancel();
}

bool QueryAssignmentProcessor::fetch(const std::string& topic) {
  for (NameServer* ns : ctx_.nameservers) {
    if (!ns->isUp() || !ctx_.net.roundTrip(node_, ns->node())) continue;
    auto view = ctx_.alloc.mqViewForRoute(ns->routeInfoManager().pickupTopicRouteData(topic));
    if (view && !view->queues.empty()) topicSubscribeInfo_[topic] = view;
    else topicSubscribeInfo_.erase(topic);  // TOPIC_NOT_EXIST, or no readable queue
    return true;
  }
  return false;
}

void QueryAssignmentProcessor::refreshAll() {
  std::vector<std::string> topics;
  for (const auto& [topic, view] : topicSubscribeInfo_) topics.push_back(topic);
  for (const std::string& topic : topics) fetch(topic);
}

std::shared_ptr<const MqView> QueryAssignmentProcessor::getTopicSubscribeInfo(const std::string& topic) {
  auto it = topicSubscribeInfo_.find(topic);
  if (it != topicSubscribeInfo_.end()) return it->second;
  fetch(topic);  // Java: a missing topic is fetched at once
  it = topicSubscribeInfo_.find(topic);
  if (it == topicSubscribeInfo_.end()) return nullptr;
  if (pollTimer_.due() == kNever) {
    // The scheduled refresh exists from broker start; started here, with the first topic, so
    // runs without server-side assignment have no such events. Same phase either way.
    const SimTime period = ctx_.timing().load_balance_poll_interval, first = startedAt_ + kSecond;
    const SimTime next = ctx_.now() < first ? first : first + ((ctx_.now() - first) / period + 1) * period;
    pollTimer_.startPeriodic(next - ctx_.now(), period, [this] { refreshAll(); });
  }
  return it->second;
}

std::shared_ptr<const std::vector<QueueIndex>> QueryAssignmentProcessor::queryAssignment(const QueryAssignmentRequest& req) {
  auto out = doLoadBalance(req);
  if (!out && ctx_.log.enabled() && !isRetryTopic(req.topic))
    ctx_.log.warn(ctx_.now(), "QueryAssignmentProcessor",
                  "QueryLoad: no assignment for group[" + req.consumerGroup + "] topic[" + req.topic + "]");
  return out;
}

std::shared_ptr<const std::vector<QueueIndex>> QueryAssignmentProcessor::doLoadBalance(const QueryAssignmentRequest& req) {
  const auto mqSet = getTopicSubscribeInfo(req.topic);
  if (!mqSet) return nullptr;
  auto all = [&mqSet] {
    std::vector<QueueIndex> q = mqSet->queues;
    std::sort(q.begin(), q.end());
    return std::make_shared<const std::vector<QueueIndex>>(std::move(q));
  };
  if (req.broadcasting || !ctx_.behaviour().server_load_balancer_enable) return all();
  if (req.mode == RebalanceMode::STICKY || req.mode == RebalanceMode::UNIFORM) {
    // A memory per broker would diverge (each sees membership changes in its own order and is
    // asked at its own moments) and two brokers would hand one queue to two clients for good;
    // like Kafka's group coordinator, one broker keeps it: the first live one by name. The hop
    // from the broker asked to the coordinator is not modelled.
    for (const auto& [name, b] : ctx_.brokers)
      if (b->isUp()) return b->queryAssignmentAsCoordinator(req);
    return nullptr;
  }
  const auto cidAll = ctx_.alloc.cidView(consumers_.findConsumerIdList(req.consumerGroup));
  if (!cidAll) return nullptr;  // "get consumer id list failed"
  return allocateByStrategy(req, mqSet, cidAll);
}

std::shared_ptr<const std::vector<QueueIndex>> QueryAssignmentProcessor::answerAsCoordinator(const QueryAssignmentRequest& req) {
  const auto mqSet = getTopicSubscribeInfo(req.topic);
  const auto cidAll = ctx_.alloc.cidView(consumers_.findConsumerIdList(req.consumerGroup));
  if (!mqSet || !cidAll) return nullptr;
  switch (req.mode) {
    case RebalanceMode::STICKY:
      return std::make_shared<const std::vector<QueueIndex>>(whatIf_.sticky(req.group, req.topic, req.clientId, mqSet, cidAll));
    case RebalanceMode::UNIFORM: {
      const ConsumerGroupInfo* info = consumers_.getConsumerGroupInfo(req.consumerGroup);
      std::vector<std::string> topics(info->subscriptionTable().begin(), info->subscriptionTable().end());
      auto viewOf = [this](const std::string& t) { return getTopicSubscribeInfo(t); };
      return std::make_shared<const std::vector<QueueIndex>>(
          whatIf_.uniform(req.group, topics, req.topic, req.clientId, viewOf, cidAll));
    }
    default:
      return nullptr;
  }
}

std::shared_ptr<const std::vector<QueueIndex>> QueryAssignmentProcessor::allocateByStrategy(
    const QueryAssignmentRequest& req, const std::shared_ptr<const MqView>& mqSet, const std::shared_ptr<const CidView>& cidAll) {
  auto it = std::find_if(name2LoadStrategy_.begin(), name2LoadStrategy_.end(),
                         [&req](const auto& s) { return s->getName() == req.strategyName; });
  if (it == name2LoadStrategy_.end()) {
    if (ctx_.log.enabled())
      ctx_.log.warn(ctx_.now(), "QueryAssignmentProcessor", "QueryLoad: unsupported strategy [" + req.strategyName + "]");
    return nullptr;
  }
  // Java: the retry topic must be PULL mode, whatever the group's entry says.
  if (req.popRequestMode && !isRetryTopic(req.topic)) return allocate4Pop(**it, req, mqSet, cidAll);
  AllocationOutcome r = ctx_.alloc.allocate(req.group, req.consumerGroup, **it, req.clientId, mqSet, cidAll);
  if (r.error) return nullptr;  // "allocate message queue exception"
  return std::make_shared<const std::vector<QueueIndex>>(std::move(r.queues));
}

std::shared_ptr<const std::vector<QueueIndex>> QueryAssignmentProcessor::allocate4Pop(
    const AllocateMessageQueueStrategy& strategy, const QueryAssignmentRequest& req,
    const std::shared_ptr<const MqView>& mqAll, const std::shared_ptr<const CidView>& cidAll) {
  auto shareOf = [&](const std::string& cid) -> std::optional<std::vector<QueueIndex>> {
    AllocationOutcome r = ctx_.alloc.allocate(req.group, req.consumerGroup, strategy, cid, mqAll, cidAll);
    if (r.error) return std::nullopt;
    return std::move(r.queues);
  };
  auto out = rmqsim::allocate4Pop(mqAll->queues, cidAll->cidAll, req.clientId, req.popShareQueueNum, shareOf);
  if (!out) return nullptr;  // "allocate message queue exception"
  return std::make_shared<const std::vector<QueueIndex>>(std::move(*out));
}

}  // namespace rmqsim
