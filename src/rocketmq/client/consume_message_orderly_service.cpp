#include "rocketmq/client/consume_message_orderly_service.h"

#include <algorithm>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"

namespace rmqsim {

ConsumeMessageOrderlyService::ConsumeMessageOrderlyService(MQClientInstance& client, RebalanceImpl& rebalance)
    : client_(client), rebalance_(rebalance), lockTimer_(client.ctx().loop), expiryTimer_(client.ctx().loop) {}

void ConsumeMessageOrderlyService::start() {
  if (client_.setup().broadcasting) return;
  const ModelTiming& t = client_.ctx().timing();
  lockTimer_.startPeriodic(t.lock_initial_delay, t.lock_interval, [this] {
    if (!locking_) client_.spawn(lockMQPeriodically());
  });
}

Task<void> ConsumeMessageOrderlyService::lockMQPeriodically() {
  locking_ = true;
  co_await rebalance_.lockAll();
  locking_ = false;
  client_.consumer().reshare();  // lock state gates orderly consumption
  // A refused renewal leaves the queue unlocked: its next ConsumeRequest (the one running, or
  // the next pull's) sees it and starts the re-lock loop.
  checkLocks(kRelockFirstDelay);
  armLockExpiry();
}

bool ConsumeMessageOrderlyService::lockBlocked(const ProcessQueue& pq) const {
  if (pq.dropped) return false;
  if (pq.locked && !pq.isLockExpired(client_.ctx().now(), client_.ctx().timing().client_lock_max_live_time)) return false;
  // A ConsumeRequest only runs with messages to take: buffered, or arriving on the queue.
  const Broker* b = pq.broker;
  return pq.hasTempMessage() || (b && b->produceRate(pq.mq) > 0);
}

void ConsumeMessageOrderlyService::checkLocks(SimTime firstDelay) {
  if (!client_.isRunning()) return;
  for (const auto& [mq, pq] : rebalance_.processQueueTable())
    if (!relocking_.count(mq) && lockBlocked(pq)) tryLockLaterAndReconsume(mq, firstDelay);
}

void ConsumeMessageOrderlyService::tryLockLaterAndReconsume(QueueIndex mq, SimTime delay) {
  relocking_.insert(mq);
  client_.schedule(delay, [this, mq] { client_.spawn(lockOneMQ(mq)); });
}

Task<void> ConsumeMessageOrderlyService::lockOneMQ(QueueIndex mq) {
  auto& table = rebalance_.processQueueTable();
  auto it = table.find(mq);
  // The loop ends with the queue (ConsumeRequest.run returns on a dropped queue), or once
  // lockAll re-locked it meanwhile.
  if (!client_.isRunning() || it == table.end() || it->second.dropped ||
      (it->second.locked && !it->second.isLockExpired(client_.ctx().now(), client_.ctx().timing().client_lock_max_live_time))) {
    relocking_.erase(mq);
    co_return;
  }
  const bool ok = co_await rebalance_.lock(mq);
  it = table.find(mq);
  if (ok || !client_.isRunning() || it == table.end() || it->second.dropped) {
    relocking_.erase(mq);
    if (ok) {
      client_.consumer().reshare();  // submitConsumeRequestLater(10): consumption resumes
      armLockExpiry();
    }
    co_return;
  }
  tryLockLaterAndReconsume(mq, kRelockRetryDelay + kRelockRequestDelay);
}

void ConsumeMessageOrderlyService::armLockExpiry() {
  if (!client_.isRunning()) return;
  const ModelContext& ctx = client_.ctx();
  const SimTime live = ctx.timing().client_lock_max_live_time;
  SimTime first = kNever;
  for (const auto& [mq, pq] : rebalance_.processQueueTable())
    if (!pq.dropped && pq.locked && !pq.isLockExpired(ctx.now(), live)) first = std::min(first, pq.lastLockTimestamp + live + 1);
  if (first == kNever || (expiryTimer_.active() && expiryTimer_.due() <= first)) return;
  expiryTimer_.startOnce(first - ctx.now(), [this] {
    // Renewals only push expiries later: re-check, stop consuming what expired, re-arm.
    const ModelContext& c = client_.ctx();
    bool expired = false;
    for (auto& [mq, pq] : rebalance_.processQueueTable())
      if (!pq.dropped && pq.locked && !pq.lockExpiryReported && pq.isLockExpired(c.now(), c.timing().client_lock_max_live_time)) {
        rebalance_.reportLockExpired(pq);
        expired = true;
      }
    if (expired) {
      client_.consumer().reshare();
      checkLocks(kRelockFirstDelay);
    }
    armLockExpiry();
  });
}

Task<void> ConsumeMessageOrderlyService::shutdown() {
  lockTimer_.cancel();
  expiryTimer_.cancel();
  // J4 ConsumeMessageOrderlyService.java:110-121, J5 :105-116: unlockAllMQ -> unlockAll(false).
  if (!client_.setup().broadcasting) co_await rebalance_.unlockAll();
}

}  // namespace rmqsim
