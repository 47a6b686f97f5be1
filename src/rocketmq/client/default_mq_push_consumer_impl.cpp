#include "rocketmq/client/default_mq_push_consumer_impl.h"

#include <algorithm>
#include <cmath>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/common/mix_all.h"

namespace rmqsim {

DefaultMQPushConsumerImpl::DefaultMQPushConsumerImpl(MQClientInstance& client)
    : client_(client),
      rebalanceImpl_(client, *this),
      offsetStore_(client, client.setup().group, client.setup().broadcasting),
      orderlyService_(client, rebalanceImpl_) {}

void DefaultMQPushConsumerImpl::copySubscription() {
  for (const auto& t : client_.setup().topics) rebalanceImpl_.subscriptionInner().insert(t);
  if (!client_.setup().broadcasting) rebalanceImpl_.subscriptionInner().insert(getRetryTopic(client_.setup().groupName));
}

void DefaultMQPushConsumerImpl::startConsumeService() {
  if (client_.setup().orderly) orderlyService_.start();
}

void DefaultMQPushConsumerImpl::shutdownConsumeService() {
  if (client_.setup().orderly) orderlyService_.shutdown();
}

void DefaultMQPushConsumerImpl::persistConsumerOffset() { persistConsumerOffsetAt(client_.ctx().now()); }

void DefaultMQPushConsumerImpl::persistConsumerOffsetAt(SimTime at) {
  advanceAllAt(at);
  for (const auto& [mq, pq] : rebalanceImpl_.processQueueTable()) offsetStore_.persist(mq, pq.broker, at);
}

void DefaultMQPushConsumerImpl::skipSteadyPersistTicks(SimTime first, SimTime period, std::int64_t count) {
  if (count <= 0) return;
  ModelContext& ctx = client_.ctx();
  auto& table = rebalanceImpl_.processQueueTable();
  // Each tick commits every queue of the table, one latency draw each where the broker is
  // reached; the fast path needs every queue to have an offset already (one draw per tick).
  std::uint64_t draws = 0;
  for (const auto& [mq, pq] : table) {
    if (pq.dropped || !offsetStore_.hasOffset(mq)) {
      for (std::int64_t k = 0; k < count; ++k) persistConsumerOffsetAt(first + k * period);
      return;
    }
    if (pq.broker && ctx.net.canReach(client_.node(), pq.broker->node())) draws += static_cast<std::uint64_t>(ctx.net.drawsPerLatency());
  }
  const SimTime last = first + (count - 1) * period;
  for (auto& [mq, pq] : table) advanceOverTicks(pq, first, period, count);
  client_.persistRng().skip(draws * static_cast<std::uint64_t>(count - 1));  // the earlier ticks' commits
  for (const auto& [mq, pq] : table) offsetStore_.persist(mq, pq.broker, last);
}

void DefaultMQPushConsumerImpl::advanceOverTicks(ProcessQueue& pq, SimTime first, SimTime period, std::int64_t count) {
  // advance() tick by tick. Once a tick lands on the produced count and consumption outpaces
  // production by a message per tick (the count's floor moves by at most rate * period + 1), every
  // later tick lands on it too: the last tick's count is the result.
  const SimTime last = first + (count - 1) * period;
  Broker* b = pq.broker;
  const double perTick = static_cast<double>(period) / 1000.0;
  const bool outpaces = b && pq.share * perTick >= (b->produceRate(pq.mq) * perTick) + 1.0 + 1e-6;
  for (SimTime t = first; t <= last; t += period) {
    advance(pq, t);
    if (outpaces && t < last && pq.consumed == static_cast<double>(b->maxOffset(pq.mq, t))) {
      const auto end = static_cast<double>(b->maxOffset(pq.mq, last));
      if (end > pq.consumed) {
        pq.consumed = end;
        offsetStore_.updateOffset(pq.mq, static_cast<std::int64_t>(std::floor(pq.consumed)));
      }
      pq.lastAdvance = last;
      if (client_.isRunning()) pq.lastPullTimestamp = last;
      return;
    }
  }
}

void DefaultMQPushConsumerImpl::updateTopicSubscribeInfo(const std::string& topic, std::shared_ptr<const MqView> view) {
  if (rebalanceImpl_.subscriptionInner().count(topic)) rebalanceImpl_.topicSubscribeInfoTable()[topic] = std::move(view);
}

bool DefaultMQPushConsumerImpl::isActive(const ProcessQueue& pq, SimTime now) {
  if (pq.dropped || !client_.isRunning() || now < pq.pullStart) return false;
  ModelContext& ctx = client_.ctx();
  Broker* b = pq.broker;
  if (!b || !ctx.net.roundTrip(client_.node(), b->node())) return false;
  if (client_.setup().orderly && !client_.setup().broadcasting)
    return pq.locked && !pq.isLockExpired(now, ctx.timing().client_lock_max_live_time);
  return true;
}

void DefaultMQPushConsumerImpl::advance(ProcessQueue& pq, SimTime now) {
  if (now < pq.lastAdvance) return;  // already advanced past now (a fast-forwarded tick)
  if (pq.share > 0 && now > pq.lastAdvance) {
    Broker* b = pq.broker;
    const double cap = b ? static_cast<double>(b->maxOffset(pq.mq, now)) : pq.consumed;
    const double next = std::min(cap, pq.consumed + pq.share * static_cast<double>(now - pq.lastAdvance) / 1000.0);
    if (next > pq.consumed) {
      pq.consumed = next;
      offsetStore_.updateOffset(pq.mq, static_cast<std::int64_t>(std::floor(pq.consumed)));
    }
  }
  pq.lastAdvance = now;
  if (client_.isRunning()) pq.lastPullTimestamp = now;  // a running pull loop keeps pulling
}

void DefaultMQPushConsumerImpl::advanceAll() { advanceAllAt(client_.ctx().now()); }

void DefaultMQPushConsumerImpl::advanceAllAt(SimTime now) {
  for (auto& [mq, pq] : rebalanceImpl_.processQueueTable())
    if (!pq.dropped) advance(pq, now);
}

void DefaultMQPushConsumerImpl::reshare() {
  const SimTime now = client_.ctx().now();
  advanceAll();
  auto& table = rebalanceImpl_.processQueueTable();
  std::size_t active = 0;
  for (auto& [mq, pq] : table) {
    const bool on = isActive(pq, now);
    pq.share = on ? 1.0 : 0.0;
    active += on;
  }
  if (active == 0) return;
  const double share = client_.setup().consumeRatePerSecond / static_cast<double>(active);
  for (auto& [mq, pq] : table)
    if (pq.share > 0) pq.share = share;
}

void DefaultMQPushConsumerImpl::emitDelivered(ProcessQueue& pq) {
  const auto to = static_cast<std::int64_t>(std::floor(pq.consumed));
  if (to > pq.deliveredFrom) {
    client_.ctx().trace.emit(EvDelivered{client_.ctx().now(), client_.index(), pq.mq, pq.deliveredFrom, to});
    pq.deliveredFrom = to;
  }
}

void DefaultMQPushConsumerImpl::flushDeliveries() {
  advanceAll();
  for (auto& [mq, pq] : rebalanceImpl_.processQueueTable())
    if (!pq.dropped) emitDelivered(pq);
}

void DefaultMQPushConsumerImpl::onDropping(ProcessQueue& pq) {
  advance(pq, client_.ctx().now());
  emitDelivered(pq);
  pq.share = 0;
}

void DefaultMQPushConsumerImpl::executePullRequestLater(const std::vector<QueueIndex>& added, SimTime delay) {
  const SimTime start = client_.ctx().now() + delay;
  for (QueueIndex mq : added) {
    auto it = rebalanceImpl_.processQueueTable().find(mq);
    if (it != rebalanceImpl_.processQueueTable().end()) it->second.pullStart = start;
  }
  reshare();  // removed queues free capacity at once
  if (!added.empty() && delay > 0) client_.schedule(delay, [this] { reshare(); });
}

}  // namespace rmqsim
