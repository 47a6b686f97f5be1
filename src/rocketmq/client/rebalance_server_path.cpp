// twin of the 5.x server-side path of client/.../impl/consumer/RebalanceImpl.java
// (getRebalanceResultFromBroker, updateMessageQueueAssignment) and RebalancePushImpl.clientRebalance;
// differences: a topic's assignments are all PULL or all POP (the group's message_request_mode;
// the retry topic always PULL): PULL ones take the client path's table update, POP ones go to
// popProcessQueueTable, which PopMessageProcessor pops from (no POP retry-topic switch); the
// what-if modes (sticky, uniform) take this path too, orderly groups included.
#include <algorithm>

#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/common/mix_all.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/client/rebalance_impl.h"

namespace rmqsim {

bool RebalanceImpl::clientRebalance(TopicIndex) const {
  const ConsumerSetup& s = client_.setup();
  // Java: isClientRebalance() || isConsumeOrderly() || BROADCASTING ("order pop consume not
  // implemented yet"); the what-ifs have no such limit.
  if (s.broadcasting || s.rebalanceMode == RebalanceMode::CLIENT) return true;
  return s.rebalanceMode == RebalanceMode::SERVER && s.orderly;
}

Task<bool> RebalanceImpl::getRebalanceResultFromBroker(TopicIndex topicIndex, bool isOrder) {
  ModelContext& ctx = client_.ctx();
  const ConsumerSetup& s = client_.setup();
  const std::string& topic = ctx.trace.topicName(topicIndex);
  const auto assigned = co_await client_.queryAssignment(topic);
  if (!assigned) {  // null or an exception: "skip the update logic"
    ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, false, false, false});
    co_return false;
  }
  // updateMessageQueueAssignment: the broker answers the retry topic in PULL mode always.
  const bool pop = s.popRequestMode && !isRetryTopic(topic);
  // A named local: GCC 12 destroys a conditional's temporary twice inside co_await.
  std::vector<QueueIndex> pulled;
  if (!pop) pulled = *assigned;
  bool changed = co_await updateProcessQueueTableInRebalance(topicIndex, std::move(pulled), isOrder);
  if (pop) changed = updatePopProcessQueueTable(topicIndex, *assigned) || changed;
  if (changed) {
    if (ctx.log.enabled())
      ctx.log.info(ctx.now(), "RebalanceImpl",
                   "broker rebalanced result changed. allocateMessageQueueStrategyName=" + s.strategy->getName() +
                       ", group=" + s.groupName + ", topic=" + topic + ", clientId=" + s.clientId +
                       ", assignmentSetSize=" + std::to_string(assigned->size()));
    co_await messageQueueChanged(topic);
  }
  const bool balanced = *assigned == getWorkingMessageQueue(topicIndex);
  ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, changed, balanced, true});
  co_return balanced;
}

bool RebalanceImpl::updatePopProcessQueueTable(TopicIndex topic, const std::vector<QueueIndex>& mqSet) {
  bool changed = false;
  for (auto it = popProcessQueueTable_.begin(); it != popProcessQueueTable_.end();) {
    if (ofTopic(*it, topic) && !std::binary_search(mqSet.begin(), mqSet.end(), *it)) {
      it = popProcessQueueTable_.erase(it);  // "remove unnecessary pop mq"
      changed = true;
    } else {
      ++it;
    }
  }
  for (QueueIndex mq : mqSet) changed = popProcessQueueTable_.insert(mq).second || changed;  // "add a new pop mq"
  return changed;
}

}  // namespace rmqsim
