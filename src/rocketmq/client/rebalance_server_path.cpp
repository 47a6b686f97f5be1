// twin of the 5.x server-side path of client/.../impl/consumer/RebalanceImpl.java
// (getRebalanceResultFromBroker, updateMessageQueueAssignment) and RebalancePushImpl.clientRebalance;
// differences: every assignment is a PULL one (no PopProcessQueue, no POP retry topic switch),
// so updateMessageQueueAssignment is the client path's table update; the what-if modes (sticky,
// uniform) take this path too, orderly groups included.
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/client/rebalance_impl.h"

namespace rmqsim {

bool RebalanceImpl::clientRebalance(const std::string&) const {
  const ConsumerSetup& s = client_.setup();
  // Java: isClientRebalance() || isConsumeOrderly() || BROADCASTING ("order pop consume not
  // implemented yet"); the what-ifs have no such limit.
  if (s.broadcasting || s.rebalanceMode == RebalanceMode::CLIENT) return true;
  return s.rebalanceMode == RebalanceMode::SERVER && s.orderly;
}

Task<bool> RebalanceImpl::getRebalanceResultFromBroker(std::string topic, bool isOrder) {
  ModelContext& ctx = client_.ctx();
  const ConsumerSetup& s = client_.setup();
  const auto assigned = co_await client_.queryAssignment(topic);
  if (!assigned) {  // null or an exception: "skip the update logic"
    ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, false, false, false});
    co_return false;
  }
  const bool changed = co_await updateProcessQueueTableInRebalance(topic, *assigned, isOrder);
  if (changed) {
    if (ctx.log.enabled())
      ctx.log.info(ctx.now(), "RebalanceImpl",
                   "broker rebalanced result changed. allocateMessageQueueStrategyName=" + s.strategy->getName() +
                       ", group=" + s.groupName + ", topic=" + topic + ", clientId=" + s.clientId +
                       ", assignmentSetSize=" + std::to_string(assigned->size()));
    messageQueueChanged(topic);
  }
  const bool balanced = *assigned == getWorkingMessageQueue(topic);
  ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, changed, balanced, true});
  co_return balanced;
}

}  // namespace rmqsim
