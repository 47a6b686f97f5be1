// Fast-forward of MQClientInstance's steady periodic work (not a RocketMQ class; see
// docs/performance.md). Each activity draws from a stream of its own, so accounting for an
// activity's ticks ahead of time draws exactly what running them would, in the same order.
#include "engine/sim_assert.h"
#include "rocketmq/broker/broker.h"
#include "rocketmq/client/allocation_cache.h"
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/namesrv/name_server.h"

namespace rmqsim {

bool MQClientInstance::isSteady() {
  if (state_ != State::RUNNING || stopping_ || !heartbeatData_ || heartbeatTargetsStale_ || ctx_.nameservers.empty()) return false;
  if (!schedulerIdle()) return false;  // a tick waits on a failing call, or behind one
  // Broker-side assignment (rebalance: server, sticky, uniform): the round's answer is the
  // broker's, which no client-side memo can vouch for, so such a fleet is never fast-forwarded.
  if (setup_.rebalanceMode != RebalanceMode::CLIENT) return false;
  const NameServer* ns = ctx_.nameservers[namesrvIndex_];
  if (!ns->isUp() || !ctx_.net.roundTrip(node_, ns->node())) return false;
  RebalanceImpl& rebalance = consumer_->rebalanceImpl();
  for (const auto& [topic, topicIndex] : rebalance.subscribed()) {
    // The next route poll changes nothing.
    auto have = topicRouteTable_.find(topic);
    const auto fresh = ns->routeInfoManager().pickupTopicRouteData(topic);
    if (have == topicRouteTable_.end() || !have->second || !fresh || !(have->second == fresh || *have->second == *fresh))
      return false;
    if (setup_.broadcasting) {
      if (!rebalance.holdsWholeView(topicIndex)) return false;
      continue;
    }
    // Whichever broker the next round asks, its answer is the remembered one.
    if (have->second->queueDatas.empty()) return false;
    for (const auto& qd : have->second->queueDatas) {
      const Broker* b = ctx_.findBroker(qd.brokerName);
      if (!b || !rebalance.remembers(topicIndex, ctx_.alloc.cidView(b->getConsumerIdListByGroup(setup_.groupName)))) return false;
    }
  }
  return true;
}

SimTime MQClientInstance::steadyHorizon(bool forCommits) const {
  if (!ctx_.steadyHorizon || state_ != State::RUNNING || setup_.broadcasting || setup_.orderly) return 0;
  return ctx_.steadyHorizon(forCommits);
}

SimTime MQClientInstance::steadyCallSlack() const {
  return 2 * static_cast<SimTime>(consumer_->rebalanceImpl().subscriptionInner().size()) * ctx_.net.maxLatency();
}

SimTime MQClientInstance::drawSteadyRound(SimTime start) {
  // rebalanceByTopic per topic: findBrokerAddrByTopic's random broker, then the consumer-list
  // request and its reply (MQClientAPIImpl::invokeSync); the remembered round answers at once.
  SimTime t = start;
  for (const std::string& topic : consumer_->rebalanceImpl().subscriptionInner()) {
    auto it = topicRouteTable_.find(topic);
    SIM_ASSERT(it != topicRouteTable_.end() && it->second && !it->second->queueDatas.empty(), ctx_.now(), setup_.clientId,
               "steady round without a route of " + topic);
    const auto& qd = it->second->queueDatas[rebalanceRng_.nextBounded(it->second->queueDatas.size())];
    t += ctx_.net.drawLatency(rebalanceRng_);
    // The request and its reply are traffic on the channel (what the broker's idle handler sees).
    if (Broker* b = ctx_.findBroker(qd.brokerName)) b->touchChannel(node_, t);
    t += ctx_.net.drawLatency(rebalanceRng_);
  }
  return t;
}

std::int64_t MQClientInstance::steadyTicks(const Timer& timer, SimTime slack, bool forCommits) const {
  // The timer's next ticks, due, due + period, ...: those t with t + slack < the horizon.
  const SimTime horizon = steadyHorizon(forCommits);
  const SimTime first = timer.due();
  if (horizon <= ctx_.now() || first + slack >= horizon) return 0;
  return (horizon - slack - 1 - first) / timer.period() + 1;
}

void MQClientInstance::skipSteadyPersistTicks() {
  // Every commit of a tick arrives before the horizon, and before the next sample tick reads them.
  const std::int64_t count = steadyTicks(persistTimer_, ctx_.net.maxLatency(), true);
  if (count == 0) return;
  const SimTime first = persistTimer_.due(), period = persistTimer_.period();
  consumer_->skipSteadyPersistTicks(first, period, count);
  persistTimer_.skipTo(first + count * period);
}

void MQClientInstance::skipSteadyHeartbeats() {
  const std::int64_t count = steadyTicks(heartbeatTimer_, ctx_.net.maxLatency(), false);
  if (count == 0) return;
  SimTime next = heartbeatTimer_.due();
  for (std::int64_t k = 0; k < count; ++k, next += heartbeatTimer_.period()) {
    for (Broker* b : heartbeatTargets_) {
      if (!b || !b->isUp() || !ctx_.net.canReach(node_, b->node())) continue;
      const bool refreshed =
          b->refreshHeartbeat(setup_.index, setup_.clientId, heartbeatData_, next + ctx_.net.drawLatency(heartbeatRng_));
      SIM_ASSERT(refreshed, ctx_.now(), setup_.clientId, "a steady heartbeat to " + b->name() + " would register");
    }
  }
  heartbeatTimer_.skipTo(next);
}

void MQClientInstance::skipSteadyRoutePolls() {
  const std::int64_t count = steadyTicks(routeTimer_, steadyCallSlack(), false);
  if (count == 0) return;
  const std::size_t topics = consumer_->rebalanceImpl().subscriptionInner().size();
  for (std::int64_t k = 0; k < count; ++k) {
    for (std::size_t i = 0; i < topics; ++i) {  // the route query and its reply, per topic
      ctx_.net.drawLatency(routeRng_);
      ctx_.net.drawLatency(routeRng_);
    }
  }
  routeTimer_.skipTo(routeTimer_.due() + count * routeTimer_.period());
}

void MQClientInstance::digest(Fnv& f) {
  f.i64(static_cast<std::int64_t>(state_));
  for (SimTime t : {routeTimer_.due(), heartbeatTimer_.due(), persistTimer_.due(), rebalanceService_.due(),
                    rebalanceService_.lastRebalanceTimestamp()})
    f.i64(t);
  Random r = rng_, hb = heartbeatRng_, route = routeRng_, round = rebalanceRng_;  // copies: the run is not disturbed
  CounterRandom persist = persistRng_;
  for (std::uint64_t v : {r.nextU64(), hb.nextU64(), route.nextU64(), round.nextU64(), persist.nextU64()})
    f.i64(static_cast<std::int64_t>(v));
  for (const auto& [mq, pq] : consumer_->rebalanceImpl().processQueueTable()) {
    f.i64(mq);
    f.bytes(&pq.consumed, sizeof pq.consumed);
    f.bytes(&pq.pulledTo, sizeof pq.pulledTo);
    f.i64(pq.lastAdvance);
    f.i64(pq.lastPullTimestamp);
  }
  for (const auto& [mq, offset] : consumer_->offsetStore().offsetTable()) {
    f.i64(mq);
    f.i64(offset);
  }
}

}  // namespace rmqsim
