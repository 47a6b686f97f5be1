#include "rocketmq/client/mq_client_instance.h"

#include <algorithm>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/namesrv/name_server.h"

namespace rmqsim {

MQClientInstance::MQClientInstance(ModelContext& ctx, ConsumerSetup setup)
    : ctx_(ctx),
      setup_(std::move(setup)),
      node_(ctx.net.addNode(setup_.processName)),
      rng_(Random::forEntity(ctx.seed, "client/" + setup_.processName)),
      persistRng_(CounterRandom::forEntity(ctx.seed, "client/" + setup_.processName + "/persist")),
      heartbeatRng_(Random::forEntity(ctx.seed, "client/" + setup_.processName + "/heartbeat")),
      routeRng_(Random::forEntity(ctx.seed, "client/" + setup_.processName + "/route")),
      rebalanceRng_(Random::forEntity(ctx.seed, "client/" + setup_.processName + "/rebalance")),
      finRng_(Random::forEntity(ctx.seed, "client/" + setup_.processName + "/fin")),
      routeTimer_(ctx.loop),
      heartbeatTimer_(ctx.loop),
      persistTimer_(ctx.loop),
      rebalanceService_(*this),
      api_(*this),
      consumer_(std::make_unique<DefaultMQPushConsumerImpl>(*this)) {
  ctx_.net.setUp(node_, false);
  if (!ctx_.nameservers.empty()) namesrvIndex_ = rng_.nextBounded(ctx_.nameservers.size());
  // Whatever the process sends to a broker goes over its channel to it, connecting first if needed.
  ctx_.net.setTap(
      node_,
      [this](NodeId peer, bool outbound) {
        if (!outbound || state_ != State::RUNNING) return;
        if (Broker* b = brokerAt(peer)) ensureChannel(*b, false);
      },
      /*inbound=*/false);
}

MQClientInstance::~MQClientInstance() {
  api_.cancelAll();
  threads_.cancelAll();  // before the consumer their frames point into
}

void MQClientInstance::start() {
  if (state_ != State::CREATED) return;
  state_ = State::RUNNING;
  ctx_.net.setUp(node_, true);
  ctx_.trace.emit(EvClientLifecycle{ctx_.now(), setup_.index, ClientLifecycle::STARTED});
  consumer_->copySubscription();
  startScheduledTask();
  rebalanceService_.start();
  consumer_->startConsumeService();
  spawn(startTail());
}

Task<void> MQClientInstance::startTail() {
  // DefaultMQPushConsumerImpl.start tail: routes (synchronous), heartbeat, then rebalance at once.
  co_await updateTopicRouteInfoFromNameServer();
  const bool heartbeatSent = co_await sendHeartbeatToAllBrokerWithLock();
  if (heartbeatSent || !ctx_.behaviour().start_rebalance_needs_heartbeat) rebalanceImmediately();
}

Task<void> MQClientInstance::routePollThread() {
  routePolling_ = true;
  co_await updateTopicRouteInfoFromNameServer();
  routePolling_ = false;
  skipSteadyRoutePolls();
}

void MQClientInstance::startScheduledTask() {
  const ModelTiming& t = ctx_.timing();
  // MQClientInstance.startScheduledTask: three fixed-rate tasks on one thread.
  // The poll asks a name server it can reach: its round trip (a few ms) does not hold the
  // thread here, and a poll still waiting on a lost reply skips the tick (lockNamesrv tryLock).
  routeTimer_.startPeriodic(t.route_poll_initial_delay, t.route_poll_interval, [this] {
    executeScheduled([this] {
      if (!routePolling_) spawn(routePollThread());
    });
  });
  heartbeatTimer_.startPeriodic(t.heartbeat_initial_delay, t.heartbeat_interval,
                                [this] { executeScheduled([this] { heartbeatTick(); }); });
  persistTimer_.startPeriodic(t.persist_offset_initial_delay, t.persist_offset_interval,
                              [this] { executeScheduled([this] { persistTick(); }); });
}

void MQClientInstance::executeScheduled(std::function<void()> job) {
  if (schedulerBusy_) {
    schedulerQueue_.push_back(std::move(job));
    return;
  }
  job();
}

void MQClientInstance::blockScheduler(Task<void> blocking) {
  schedulerBusy_ = true;
  spawn(schedulerJob(std::move(blocking)));
}

Task<void> MQClientInstance::schedulerJob(Task<void> blocking) {
  co_await std::move(blocking);
  schedulerBusy_ = false;
  while (!schedulerBusy_ && !schedulerQueue_.empty()) {
    std::function<void()> job = std::move(schedulerQueue_.front());
    schedulerQueue_.pop_front();
    job();
  }
}

void MQClientInstance::persistTick() {
  if (setup_.orderly) consumer_->reshare();  // client-side lock expiry gates orderly consumption
  if (ctx_.behaviour().oneway_waits_connect) {
    for (const auto& [mq, pq] : consumer_->rebalanceImpl().processQueueTable()) {
      if (pq.broker && brokerAddrTable_.count(pq.broker->name()) && !api_.channelReady(pq.broker->node())) {
        blockScheduler(persistWaitingConnects());
        return;
      }
    }
  }
  consumer_->persistConsumerOffset();
  skipSteadyPersistTicks();
}

Task<void> MQClientInstance::persistWaitingConnects() {
  // 4.9 persistAll: queue by queue, each UPDATE_CONSUMER_OFFSET oneway first gets its channel
  // (NettyRemotingClient.createChannel awaits the connect), so a lost broker costs a connect
  // timeout per queue it holds, and the queues after it are committed that much later.
  std::vector<std::pair<QueueIndex, Broker*>> mqs;
  for (const auto& [mq, pq] : consumer_->rebalanceImpl().processQueueTable()) mqs.emplace_back(mq, pq.broker);
  for (const auto& [mq, b] : mqs) {
    if (b && brokerAddrTable_.count(b->name()) && !api_.channelReady(b->node())) {
      auto call = api_.awaitConnect(b->node());
      co_await call;
      continue;
    }
    consumer_->advanceAll();
    consumer_->offsetStore().persist(mq, b);
  }
}

void MQClientInstance::stopTimers() {
  routeTimer_.cancel();
  heartbeatTimer_.cancel();
  persistTimer_.cancel();
  rebalanceService_.shutdown();
  consumer_->orderlyService().stopTimer();
}

void MQClientInstance::kill() {
  if (isAlive()) die(ClientLifecycle::KILLED, true);
}

void MQClientInstance::crash() {
  if (isAlive()) die(ClientLifecycle::CRASHED, false);
}

void MQClientInstance::die(ClientLifecycle how, bool closeChannels) {
  if (state_ == State::PAUSED) state_ = State::RUNNING;  // a frozen process can be killed too
  api_.cancelAll();  // replies still in flight resume nothing,
  threads_.cancelAll();  // and threads blocked on them end here
  schedulerBusy_ = false;
  schedulerQueue_.clear();
  routePolling_ = false;
  consumer_->advanceAll();
  consumer_->stopPulling();
  consumer_->rebalanceImpl().destroy();
  ctx_.net.setTap(node_, {});  // a dead process opens no channel
  if (closeChannels) {
    // The OS closes the sockets: each broker sees its channel close (unless the link is cut).
    // A channel closed earlier after a timeout sent its FIN then (its retransmission is not modelled).
    for (const auto& name : connectedBrokers_) {
      Broker* b = ctx_.findBroker(name);
      const std::uint64_t id = b ? api_.channelId(b->node()) : 0;
      if (id != 0) ctx_.net.send(node_, b->node(), rng_, [b, ch = setup_.index, id] { b->channelClosed(ch, id); });
    }
  }
  stopTimers();
  deferred_.clear();
  state_ = State::DEAD;
  ctx_.net.setUp(node_, false);
  ctx_.trace.emit(EvClientLifecycle{ctx_.now(), setup_.index, how});
}

void MQClientInstance::pause() {
  if (state_ != State::RUNNING) return;
  consumer_->advanceAll();
  state_ = State::PAUSED;
  consumer_->reshare();  // consumption stops
  routeTimer_.suspend();
  heartbeatTimer_.suspend();
  persistTimer_.suspend();
  rebalanceService_.suspend();
  consumer_->orderlyService().suspend();
  ctx_.trace.emit(EvClientLifecycle{ctx_.now(), setup_.index, ClientLifecycle::PAUSED});
}

void MQClientInstance::resume() {
  if (state_ != State::PAUSED) return;
  state_ = State::RUNNING;
  ctx_.trace.emit(EvClientLifecycle{ctx_.now(), setup_.index, ClientLifecycle::RESUMED});
  consumer_->reshare();  // the pull loop runs again
  // Overdue timers fire at once, in the order they were due.
  std::vector<std::pair<SimTime, int>> order;
  order.emplace_back(routeTimer_.due(), 0);
  order.emplace_back(heartbeatTimer_.due(), 1);
  order.emplace_back(persistTimer_.due(), 2);
  order.emplace_back(consumer_->orderlyService().nextDue(), 3);
  order.emplace_back(kNever - 1, 4);  // the rebalance wait (its own due time is kept inside)
  std::stable_sort(order.begin(), order.end());
  for (const auto& [due, which] : order) {
    switch (which) {
      case 0: routeTimer_.resume(); break;
      case 1: heartbeatTimer_.resume(); break;
      case 2: persistTimer_.resume(); break;
      case 3: consumer_->orderlyService().resume(); break;
      default: rebalanceService_.resume(); break;
    }
  }
  auto pending = std::move(deferred_);
  deferred_.clear();
  for (auto& fn : pending) fn();
}

void MQClientInstance::schedule(SimTime delay, std::function<void()> fn) {
  ++ctx_.unsteadyScheduled;
  ctx_.loop.scheduleAfter(delay, [this, f = std::move(fn)]() mutable {
    --ctx_.unsteadyScheduled;
    deliverOrDefer(std::move(f));
  });
}

void MQClientInstance::notifyConsumerIdsChanged(const std::string& group, const std::string& brokerName) {
  auto handle = [this](const std::string& g, const std::string& b) {
    ctx_.trace.emit(EvNotify{ctx_.now(), setup_.index, b});
    if (ctx_.log.enabled())
      ctx_.log.info(ctx_.now(), "ClientRemotingProcessor",
                    "receive broker's notification[" + b + "], the consumer group: " + g + " changed, rebalance immediately");
    rebalanceImmediately();
  };
  // Running (nearly always): handled now, no copies of the names kept for later.
  if (state_ == State::RUNNING) handle(group, brokerName);
  else deliverOrDefer([handle, group, brokerName] { handle(group, brokerName); });
}

void MQClientInstance::worldChanged() {
  if (state_ == State::RUNNING) consumer_->reshare();
}

void MQClientInstance::flushDeliveries() {
  if (isAlive()) consumer_->flushDeliveries();
}

Task<bool> MQClientInstance::doRebalance() {
  if (state_ != State::RUNNING) co_return true;
  const bool balanced = co_await consumer_->rebalanceImpl().doRebalance(setup_.orderly);
  co_return balanced;
}

void MQClientInstance::rebalanceLater(SimTime delay) {
  // scheduledExecutorService.schedule(rebalanceService::wakeup, delay): behind a blocked tick.
  if (delay <= 0) rebalanceImmediately();
  else schedule(delay, [this] { executeScheduled([this] { rebalanceImmediately(); }); });
}

Task<void> MQClientInstance::updateTopicRouteInfoFromNameServer() {
  // The subscription is fixed once started: safe to walk across waits.
  for (const std::string& topic : consumer_->rebalanceImpl().subscriptionInner())
    co_await updateTopicRouteInfoFromNameServer(topic);
}

Task<bool> MQClientInstance::updateTopicRouteInfoFromNameServer(std::string topic) {
  // The client keeps one name-server channel and connects to the next when one cannot be reached
  // (NettyRemotingClient.getAndCreateNameserverChannel); the connection itself takes no time.
  const std::size_t n = ctx_.nameservers.size();
  NameServer* ns = nullptr;
  for (std::size_t i = 0; i < n && !ns; ++i) {
    NameServer* candidate = ctx_.nameservers[(namesrvIndex_ + i) % n];
    if (!candidate->isUp() || !ctx_.net.roundTrip(node_, candidate->node())) continue;
    namesrvIndex_ = (namesrvIndex_ + i) % n;
    ns = candidate;
  }
  if (!ns) co_return false;
  auto call = api_.getTopicRouteInfoFromNameServer(*ns, topic, routeRng_);
  const auto reply = co_await call;
  if (!reply || !*reply) co_return false;  // timeout, or TOPIC_NOT_EXIST: the old route is kept
  const std::shared_ptr<const TopicRouteData>& route = *reply;
  auto& old = topicRouteTable_[topic];
  if (old && (old == route || *old == *route)) co_return false;
  old = route;
  brokerAddrTable_.clear();
  heartbeatTargetsStale_ = true;
  for (const auto& [t, r] : topicRouteTable_)
    for (const auto& qd : r->queueDatas) brokerAddrTable_.insert(qd.brokerName);
  addrBrokers_.clear();
  for (const auto& name : brokerAddrTable_) addrBrokers_.emplace_back(name, ctx_.findBroker(name));
  consumer_->updateTopicSubscribeInfo(topic, ctx_.alloc.mqViewForRoute(route));
  co_return true;
}

const std::shared_ptr<const ConsumerData>& MQClientInstance::heartbeatData() {
  // The subscription is fixed once started: one heartbeat body for the process's life.
  if (!heartbeatData_)
    heartbeatData_ = std::make_shared<const ConsumerData>(
        ConsumerData{setup_.groupName, setup_.group, setup_.broadcasting, consumer_->rebalanceImpl().subscriptionInner(),
                     setup_.retryQueueNums, setup_.notifyConsumerIdsChangedEnable});
  return heartbeatData_;
}

void MQClientInstance::prepareHeartbeat() {
  heartbeatData();
  if (heartbeatTargetsStale_) {  // brokerAddrTable_ changed: resolve the names once
    heartbeatTargets_.clear();
    for (const auto& name : brokerAddrTable_) {
      connectedBrokers_.insert(name);
      heartbeatTargets_.push_back(ctx_.findBroker(name));
    }
    heartbeatTargetsStale_ = false;
  }
}

void MQClientInstance::heartbeatTo(Broker* b) {
  ensureChannel(*b, true);  // under lockHeartbeat: the ACTIVE event's own heartbeat is skipped
  // Steady state: the heartbeat only refreshes a known channel's timestamp on arrival; apply
  // that now with the arrival time instead of scheduling a message (same effect, one event less).
  const std::shared_ptr<const ConsumerData>& shared = heartbeatData_;
  if (b->isUp() && ctx_.net.canReach(node_, b->node()) &&
      b->refreshHeartbeat(setup_.index, setup_.clientId, shared, ctx_.now() + ctx_.net.drawLatency(heartbeatRng_)))
    return;
  ctx_.net.send(node_, b->node(), heartbeatRng_,
                [b, ch = setup_.index, id = setup_.clientId, shared] { b->heartbeat(ch, id, *shared); });
}

Task<bool> MQClientInstance::sendHeartbeatToAllBrokerWithLock() {
  if (brokerAddrTable_.empty()) co_return false;
  prepareHeartbeat();
  co_await sendHeartbeatWaiting();
  co_return true;
}

void MQClientInstance::sendHeartbeatNow() {
  if (brokerAddrTable_.empty()) return;
  prepareHeartbeat();
  for (Broker* b : heartbeatTargets_)
    if (b) heartbeatTo(b);
}

void MQClientInstance::heartbeatTick() {
  // A broker that answers at once costs the thread a round trip (a few ms, not modelled); any
  // other holds it until the call fails: connect or reply timeout, or a reset's round trip.
  if (!brokerAddrTable_.empty()) {
    prepareHeartbeat();
    for (Broker* b : heartbeatTargets_) {
      if (b && !ctx_.net.roundTrip(node_, b->node())) {
        blockScheduler(sendHeartbeatWaiting());
        return;
      }
    }
  }
  sendHeartbeatNow();
  skipSteadyHeartbeats();
}

Task<void> MQClientInstance::sendHeartbeatWaiting() {
  const std::vector<Broker*> targets = heartbeatTargets_;  // a route update may change the table meanwhile
  for (Broker* b : targets) {
    if (!b) continue;
    if (ctx_.net.roundTrip(node_, b->node())) {
      heartbeatTo(b);
      continue;
    }
    auto call = api_.sendHeartbeat(*b, heartbeatData_, heartbeatRng_);
    co_await call;  // failed or not, the next broker's heartbeat follows (Java logs and goes on)
  }
}

const std::string* MQClientInstance::pickBrokerName(const std::string& topic) {
  auto it = topicRouteTable_.find(topic);
  if (it == topicRouteTable_.end() || it->second->queueDatas.empty()) return nullptr;
  const auto& qds = it->second->queueDatas;
  const std::string& name = qds[rebalanceRng_.nextBounded(qds.size())].brokerName;  // findBrokerAddrByTopic: a random broker
  return name.empty() ? nullptr : &name;
}

Task<Broker*> MQClientInstance::findBrokerByTopic(std::string topic) {
  if (const std::string* name = pickBrokerName(topic)) co_return ctx_.findBroker(*name);
  co_return co_await findBrokerAfterRouteUpdate(std::move(topic));
}

Task<Broker*> MQClientInstance::findBrokerAfterRouteUpdate(std::string topic) {
  co_await updateTopicRouteInfoFromNameServer(topic);
  const std::string* name = pickBrokerName(topic);
  co_return name ? ctx_.findBroker(*name) : nullptr;
}

Task<std::shared_ptr<const std::vector<std::string>>> MQClientInstance::findConsumerIdList(std::string topic,
                                                                                           std::string group) {
  // findBrokerByTopic inline: with the route known (every round but the first) the broker is
  // picked here, without a coroutine of its own.
  Broker* b = nullptr;
  if (const std::string* name = pickBrokerName(topic)) b = ctx_.findBroker(*name);
  else b = co_await findBrokerAfterRouteUpdate(std::move(topic));
  if (!b) co_return nullptr;
  auto call = api_.getConsumerIdListByGroup(*b, group, rebalanceRng_);
  const auto reply = co_await call;
  co_return reply ? *reply : nullptr;  // a timeout is logged and gives null
}

Task<std::shared_ptr<const std::vector<QueueIndex>>> MQClientInstance::queryAssignment(std::string topic) {
  Broker* b = co_await findBrokerByTopic(topic);
  if (!b) co_return nullptr;
  auto call = api_.queryAssignment(*b, topic, rebalanceRng_);
  const auto reply = co_await call;
  co_return reply ? *reply : nullptr;  // a timeout throws in Java: "allocate message queue exception"
}

Broker* MQClientInstance::brokerForCall(const std::string& brokerName) { return knownBroker(brokerName); }

void MQClientInstance::sendToBroker(const std::string& brokerName, std::function<void(Broker&)> request) {
  if (Broker* b = ctx_.findBroker(brokerName)) sendToBroker(*b, std::move(request));
}

void MQClientInstance::sendToBroker(Broker& b, std::function<void(Broker&)> request) {
  ctx_.net.send(node_, b.node(), rng_, [&b, req = std::move(request)] { req(b); });
}

void MQClientInstance::ensureChannel(Broker& b, bool byHeartbeat) {
  // The channel open (nearly every send): nothing to do, whatever the link (an open channel
  // implies an up broker, so the reachability check can wait for a closed one).
  const std::uint64_t id = api_.channelId(b.node());
  if (id != 0 && b.channelOpen(node_, id)) [[likely]] return;
  reopenChannel(b, byHeartbeat);
}

void MQClientInstance::reopenChannel(Broker& b, bool byHeartbeat) {
  // No connection can be made to a down broker or across a cut link (the message is lost anyway).
  if (!b.isUp() || !ctx_.net.roundTrip(node_, b.node())) return;
  // Closed by the client (a timeout), or by the broker (its FIN came: idle close, scan, restart).
  api_.channelCreated(b.node(), openChannel(b, byHeartbeat));
}

std::uint64_t MQClientInstance::channelConnected(NodeId target) {
  Broker* b = brokerAt(target);
  return b ? openChannel(*b, false) : 1;
}

std::uint64_t MQClientInstance::openChannel(Broker& b, bool byHeartbeat) {
  const std::uint64_t id = b.acceptChannel(node_, setup_.index);
  connectedBrokers_.insert(b.name());
  // sendHeartbeatToBroker(..., strictLockMode=false) needs lockHeartbeat.tryLock(): while the
  // heartbeat that opened the channel holds it, the listener's heartbeat is skipped (J5
  // MQClientInstance.java:603-636), and with it the rebalance.
  if (!byHeartbeat && ctx_.behaviour().heartbeat_on_channel_active) onChannelActive(b);
  return id;
}

void MQClientInstance::sendFin(NodeId target, std::uint64_t id) {
  if (Broker* b = brokerAt(target))
    ctx_.net.send(node_, target, finRng_, [b, ch = setup_.index, id] { b->channelClosed(ch, id); });
}

Broker* MQClientInstance::lookUpBrokerAt(NodeId node) const {
  // The tap asks for every message sent: a dense table by node, built once (the brokers are
  // fixed for the run), not a walk of the name-keyed map.
  std::vector<Broker*>& byNode = ctx_.brokersByNode;
  byNode.clear();
  for (const auto& [name, b] : ctx_.brokers) {
    const auto i = static_cast<std::size_t>(b->node());
    if (i >= byNode.size()) byNode.resize(i + 1, nullptr);
    if (!byNode[i]) byNode[i] = b;  // the map's first broker on the node, as the walk found
  }
  ctx_.brokersByNodeCount = ctx_.brokers.size();
  return brokerAt(node);
}

void MQClientInstance::onChannelActive(Broker& b) {
  // J5 MQClientInstance.java:157-195 (5.2.0+; 4.9.8's NettyRemotingClient posts no ACTIVE event):
  // run by the NettyEventExecutor thread, for a broker of brokerAddrTable; the heartbeat is
  // synchronous and rebalanceImmediately follows its reply.
  schedule(0, [this, &b] {
    if (stopping_ || !brokerAddrTable_.count(b.name())) return;  // unregistered: no heartbeat data
    const std::shared_ptr<const ConsumerData>& shared = heartbeatData();
    ctx_.net.send(node_, b.node(), rng_, [this, &b, shared] {
      b.heartbeat(setup_.index, setup_.clientId, *shared);
      ctx_.net.send(b.node(), node_, rng_, [this] { deliverOrDefer([this] { rebalanceImmediately(); }); });
    });
  });
}

}  // namespace rmqsim
