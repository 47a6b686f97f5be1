#include "rocketmq/client/default_mq_push_consumer_impl.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/common/mix_all.h"

namespace rmqsim {

namespace {
/// std::floor then the cast, without the libm call (Broker::floorToInt's rule): truncation, one
/// down for a negative non-integer; the same value for every offset in range.
std::int64_t floorToInt(double x) {
  const auto t = static_cast<std::int64_t>(x);
  return static_cast<double>(t) > x ? t - 1 : t;
}
}  // namespace

DefaultMQPushConsumerImpl::DefaultMQPushConsumerImpl(MQClientInstance& client)
    : client_(client),
      rebalanceImpl_(client, *this),
      offsetStore_(client, client.setup().group, client.setup().broadcasting),
      orderlyService_(client, rebalanceImpl_),
      roundTrip_(2.0 * client.ctx().net.meanLatency() / 1000.0),
      flowControlInterval_(roundTrip_ + static_cast<double>(client.ctx().timing().pull_retry_flow_control) / 1000.0),
      pullBatchSize_(static_cast<double>(client.setup().pullBatchSize)),
      pullThresholdForQueue_(static_cast<double>(client.setup().pullThresholdForQueue)) {}

void DefaultMQPushConsumerImpl::copySubscription() {
  for (const auto& t : client_.setup().topics) rebalanceImpl_.subscribe(t);
  if (!client_.setup().broadcasting) rebalanceImpl_.subscribe(getRetryTopic(client_.setup().groupName));
}

void DefaultMQPushConsumerImpl::startConsumeService() {
  if (client_.setup().orderly) orderlyService_.start();
}

Task<void> DefaultMQPushConsumerImpl::shutdownConsumeService() {
  if (client_.setup().orderly) co_await orderlyService_.shutdown();
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
        offsetStore_.updateOffset(pq.mq, floorToInt(pq.consumed));
      }
      pq.pulledTo = std::max(pq.pulledTo, end);  // caught up: everything produced is pulled
      pq.lastAdvance = last;
      if (client_.isRunning()) pq.lastPullTimestamp = last;
      return;
    }
  }
}

void DefaultMQPushConsumerImpl::updateTopicSubscribeInfo(const std::string& topic, std::shared_ptr<const MqView> view) {
  if (rebalanceImpl_.subscriptionInner().count(topic))
    rebalanceImpl_.topicSubscribeInfoTable()[client_.ctx().trace.internTopic(topic)] = std::move(view);
}

bool DefaultMQPushConsumerImpl::isPulling(const ProcessQueue& pq, SimTime now) const {
  if (pq.dropped || !client_.isRunning() || now < pq.pullStart) return false;
  return pq.broker && client_.ctx().net.roundTrip(client_.node(), pq.broker->node());
}

bool DefaultMQPushConsumerImpl::pullFails(ProcessQueue& pq, SimTime now) {
  if (now < pq.pullRetryAt) return true;  // waiting out the back-off of the last failure
  if (pq.broker->pullSubscriptionExists(client_.setup().groupName, client_.ctx().trace.queue(pq.mq).topic)) return false;
  // PullCallback.onException -> executePullRequestLater(pullTimeDelayMillsWhenException), J4
  // DefaultMQPushConsumerImpl.java:403-413, J5 :436-450: the next pull goes 3 s later.
  pq.pullRetryAt = now + client_.ctx().timing().pull_retry_error;
  ModelContext& ctx = client_.ctx();
  if (ctx.log.enabled())
    ctx.log.warn(now, "DefaultMQPushConsumerImpl",
                 "execute the pull request exception, group=" + client_.setup().groupName + ", messageQueue=" +
                     ctx.trace.queue(pq.mq).toString() + ": SUBSCRIPTION_NOT_EXIST, the consumer's group info not exist");
  if (retryScheduledAt_ != pq.pullRetryAt) {
    retryScheduledAt_ = pq.pullRetryAt;
    client_.schedule(client_.ctx().timing().pull_retry_error, [this] { reshare(); });
  }
  return true;
}

void DefaultMQPushConsumerImpl::updatePullingBrokers(std::vector<Broker*> pulling) {
  const NodeId self = client_.node();
  for (Broker* b : pullingBrokers_)
    if (std::find(pulling.begin(), pulling.end(), b) == pulling.end()) b->setPulling(self, false);
  for (Broker* b : pulling) {
    client_.ensureChannel(*b, false);  // a pull is the first message after a broker restart or a channel close
    b->setPulling(self, true);
  }
  pullingBrokers_ = std::move(pulling);
}

bool DefaultMQPushConsumerImpl::isActive(const ProcessQueue& pq, SimTime now) {
  if (!isPulling(pq, now)) return false;
  ModelContext& ctx = client_.ctx();
  if (client_.setup().orderly && !client_.setup().broadcasting)
    return pq.locked && !pq.isLockExpired(now, ctx.timing().client_lock_max_live_time);
  return true;
}

double DefaultMQPushConsumerImpl::consumedAt(const ProcessQueue& pq, SimTime now) const {
  if (pq.share <= 0 || now <= pq.lastAdvance) return pq.consumed;
  const Broker* b = pq.broker;
  return consumedUpTo(pq, now, b ? static_cast<double>(b->maxOffset(pq.mq, now)) : pq.consumed);
}

double DefaultMQPushConsumerImpl::consumedUpTo(const ProcessQueue& pq, SimTime now, double cap) const {
  if (pq.share <= 0 || now <= pq.lastAdvance) return pq.consumed;
  return std::max(pq.consumed, std::min(cap, pq.consumed + pq.share * static_cast<double>(now - pq.lastAdvance) / 1000.0));
}

std::int64_t DefaultMQPushConsumerImpl::pullCommitOffset(QueueIndex mq, SimTime now) const {
  const ProcessQueue* found = findProcessQueue(mq);
  if (!found) return 0;
  const ProcessQueue& pq = *found;
  const Broker* b = pq.broker;
  if (!b) return floorToInt(consumedAt(pq, now));
  // A pull is sent when the previous one's response arrives, before its messages are consumed,
  // and carries the offset consumed by then (readOffset READ_FROM_MEMORY).
  const double produced = static_cast<double>(b->maxOffset(mq, now));
  const double consumed = consumedUpTo(pq, now, produced);  // consumedAt, produced read once
  double behind = 0;
  if (consumed >= produced) {
    // Caught up: the pull held at the broker (long polling) was sent when the last batch
    // arrived: it carries the offset before that batch, the messages of one round trip
    // (at least the one that woke the hold, at most pullBatchSize).
    const double rate = b->produceRate(mq);
    if (rate > 0) behind = std::clamp(std::ceil(rate * roundTrip_), 1.0, pullBatchSize_);
  } else {
    // Backlogged: a pull every round trip, or every PULL_TIME_DELAY_MILLS_WHEN_CACHE_FLOW_CONTROL
    // once the ProcessQueue holds pullThresholdForQueue messages; each carries what was consumed.
    const bool flowControl = pq.pulledTo - consumed >= pullThresholdForQueue_;
    behind = pq.share * (flowControl ? flowControlInterval_ : roundTrip_);
  }
  return std::max<std::int64_t>(0, floorToInt(consumed - behind));
}

const ProcessQueue* DefaultMQPushConsumerImpl::findProcessQueue(QueueIndex mq) const {
  const auto& table = rebalanceImpl_.processQueueTable();
  std::size_t i = lookupHint_;
  if (i >= table.size() || table.begin()[static_cast<std::ptrdiff_t>(i)].first != mq) {
    auto it = table.find(mq);
    if (it == table.end()) return nullptr;
    i = static_cast<std::size_t>(it - table.begin());
  }
  lookupHint_ = i + 1;  // the sampler asks a client's queues in queue order
  return &table.begin()[static_cast<std::ptrdiff_t>(i)].second;
}

void DefaultMQPushConsumerImpl::hintProcessQueue(const ProcessQueue& pq) const {
  const auto& table = rebalanceImpl_.processQueueTable();
  if (table.empty()) return;
  using Entry = std::remove_cvref_t<decltype(*table.begin())>;
  const auto first = reinterpret_cast<std::uintptr_t>(&table.begin()->second);
  const auto at = reinterpret_cast<std::uintptr_t>(&pq);
  if (at >= first && (at - first) % sizeof(Entry) == 0) lookupHint_ = (at - first) / sizeof(Entry);
}

void DefaultMQPushConsumerImpl::setPullCommits(ProcessQueue& pq, bool pulling) {
  if (pq.pullCommits == pulling || !pq.broker || client_.setup().broadcasting) return;
  pq.pullCommits = pulling;
  if (pulling) {
    pq.broker->attachPuller(client_.setup().group, pq.mq, this);
  } else {
    hintProcessQueue(pq);  // the detach reads this queue's pullCommitOffset at once
    pq.broker->detachPuller(client_.setup().group, pq.mq, this);
  }
}

void DefaultMQPushConsumerImpl::advance(ProcessQueue& pq, SimTime now) {
  if (now < pq.lastAdvance) return;  // already advanced past now (a fast-forwarded tick)
  // Without a broker nothing is produced to consume or pull (consumedAt caps at `consumed`).
  if (pq.share > 0 && pq.broker) {
    const double produced = static_cast<double>(pq.broker->maxOffset(pq.mq, now));  // read once
    const double next = consumedUpTo(pq, now, produced);
    if (next > pq.consumed) {
      pq.consumed = next;
      offsetStore_.updateOffset(pq.mq, floorToInt(pq.consumed));
    }
    // Pulls run ahead of consumption until the ProcessQueue holds pullThresholdForQueue messages.
    const double ahead = std::min(produced, pq.consumed + pullThresholdForQueue_);
    pq.pulledTo = std::max(pq.pulledTo, ahead);
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
  std::vector<Broker*> pulling;
  pulling.reserve(std::min(table.size(), client_.ctx().brokers.size()));  // one allocation at most
  for (auto& [mq, pq] : table) {
    const bool sending = isPulling(pq, now);
    if (sending && std::find(pulling.begin(), pulling.end(), pq.broker) == pulling.end()) pulling.push_back(pq.broker);
    const bool on = isActive(pq, now) && !pullFails(pq, now);
    setPullCommits(pq, on);  // a queue that stops pulling leaves its last pull's commit (old share)
    pq.share = on ? 1.0 : 0.0;
    active += on;
  }
  updatePullingBrokers(std::move(pulling));
  if (active == 0) return;
  const double share = client_.setup().consumeRatePerSecond / static_cast<double>(active);
  for (auto& [mq, pq] : table)
    if (pq.share > 0) pq.share = share;
}

void DefaultMQPushConsumerImpl::emitDelivered(ProcessQueue& pq) {
  const auto to = floorToInt(pq.consumed);
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
  setPullCommits(pq, false);
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
