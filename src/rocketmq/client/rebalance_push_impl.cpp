#include "rocketmq/client/rebalance_push_impl.h"

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/common/mix_all.h"

namespace rmqsim {

Task<void> RebalancePushImpl::messageQueueChanged(std::string) {
  // Java bumps the subscription version, rescales pull thresholds, then heartbeats every broker,
  // synchronously on the rebalance thread (J4 RebalancePushImpl.java:81, J5 :85): a broker it
  // cannot reach holds the round until that call fails.
  co_await client_.sendHeartbeatToAllBrokerWithLock();
}

bool RebalancePushImpl::removeUnnecessaryMessageQueue(QueueIndex mq, ProcessQueue& pq) {
  RemoteBrokerOffsetStore& store = consumer_.offsetStore();
  if (client_.setup().orderly && !client_.setup().broadcasting) {
    store.persist(mq);
    return tryRemoveOrderMessageQueue(mq, pq);
  }
  store.persist(mq);
  store.removeOffset(mq);
  return true;
}

bool RebalancePushImpl::tryRemoveOrderMessageQueue(QueueIndex mq, ProcessQueue& pq) {
  ModelContext& ctx = client_.ctx();
  RemoteBrokerOffsetStore& store = consumer_.offsetStore();
  store.persist(mq);
  store.removeOffset(mq);
  setLocked(pq, false);
  if (ctx.behaviour().orderly_remove_forced) {
    unlock(mq);  // 5.x: forced after 20 s since the last lock, or once the consume lock is free: at once
  } else {
    // 4.9 unlockDelay (RebalancePushImpl.java:113-128): with messages still buffered in the
    // ProcessQueue (pulled, not consumed), the broker unlock waits unlock_delay.
    if (pq.hasTempMessage()) client_.schedule(ctx.timing().unlock_delay, [this, mq] { unlock(mq); });
    else unlock(mq);
  }
  return true;
}

RemoteBrokerOffsetStore::OffsetRead RebalancePushImpl::readOffset(QueueIndex mq) {
  return consumer_.offsetStore().readOffsetFromStore(mq);
}

Task<std::int64_t> RebalancePushImpl::computePullFromWhere(QueueIndex mq, std::int64_t lastOffset) {
  ModelContext& ctx = client_.ctx();
  const ConsumerSetup& s = client_.setup();
  if (lastOffset >= 0) co_return lastOffset;
  if (lastOffset != -1) co_return -1;  // the query failed: "add new mq failed", retried next round
  const bool retry = isRetryTopic(ctx.trace.topicName(ctx.trace.topicOf(mq)));
  if (s.consumeFromWhere == ConsumeFromWhereKind::CONSUME_FROM_FIRST_OFFSET) co_return 0;
  if (s.consumeFromWhere == ConsumeFromWhereKind::CONSUME_FROM_LAST_OFFSET && retry) co_return 0;
  Broker* broker = client_.brokerForCall(mq);
  if (!broker) co_return -1;
  // MQAdminImpl.maxOffset / searchOffset: synchronous calls too; a timeout fails the add.
  std::optional<std::int64_t> reply;
  if (s.consumeFromWhere == ConsumeFromWhereKind::CONSUME_FROM_TIMESTAMP && !retry) {
    auto call = client_.api().searchOffset(*broker, mq, s.consumeTimestamp);
    reply = co_await call;
  } else {
    auto call = client_.api().getMaxOffset(*broker, mq);
    reply = co_await call;
  }
  co_return reply ? *reply : -1;
}

void RebalancePushImpl::removeDirtyOffset(QueueIndex mq) { consumer_.offsetStore().removeOffset(mq); }

void RebalancePushImpl::dispatchPullRequest(const std::vector<QueueIndex>& added, SimTime delay) {
  consumer_.executePullRequestLater(added, delay);
}

}  // namespace rmqsim
