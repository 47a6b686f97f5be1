#include "rocketmq/broker/broker.h"

#include <algorithm>

#include <cmath>

#include "engine/sim_assert.h"
#include "engine/sim_fanout.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/common/mix_all.h"
#include "rocketmq/namesrv/name_server.h"

namespace rmqsim {

namespace {
// BrokerController.start: Math.max(10000, Math.min(registerNameServerPeriod, 60000)), 4.9 and 5.x.
SimTime registerPeriod(const ModelTiming& t) { return std::clamp<SimTime>(t.broker_register_interval, 10 * kSecond, 60 * kSecond); }
}  // namespace

Broker::Broker(ModelContext& ctx, std::string name)
    : ctx_(ctx),
      name_(std::move(name)),
      node_(ctx.net.addNode(name_)),
      rng_(Random::forEntity(ctx.seed, "broker/" + name_)),
      consumerManager_([this](const std::string& g, const std::vector<ChannelKey>& ch) { onConsumerIdsChanged(g, ch); }),
      remotingServer_(ctx.loop, [this](ClientIndex c, std::uint64_t id) { onChannelIdle(c, id); }),
      housekeeping_(ctx.loop, consumerManager_,
                    [this](const std::string& g, const ClientChannelInfo& c) { onChannelExpired(g, c); }),
      lockManager_(ctx.timing().broker_lock_max_live_time),
      queryAssignmentProcessor_(ctx, node_, consumerManager_),
      registerTimer_(ctx.loop),
      notifyTimer_(ctx.loop) {
  ctx_.net.setUp(node_, false);
  // Every message read from or written to a client is traffic on its channel (IdleStateHandler).
  ctx_.net.setTap(node_, [this](NodeId peer, bool) { remotingServer_.touch(peer, ctx_.now()); });
}

void Broker::start(bool alreadyRegistered) {
  up_ = true;
  ctx_.net.setUp(node_, true);
  const ModelTiming& t = ctx_.timing();
  registerBrokerAll(alreadyRegistered);  // BrokerController.start registers at once, then periodically
  queryAssignmentProcessor_.start(ctx_.now());
  registerTimer_.startPeriodic(t.broker_register_initial_delay, registerPeriod(t), [this] { registerBrokerAll(); });
  housekeeping_.start(t.housekeeping_scan_interval, t.channel_expired_timeout);
  remotingServer_.start(t.server_channel_max_idle);
  if (!ctx_.behaviour().real_time_notify)
    notifyTimer_.startPeriodic(t.notify_batch_initial_delay, t.notify_batch_interval, [this] { flushBatchedNotifications(); });
}

void Broker::goDown() {
  up_ = false;
  registerTimer_.cancel();
  notifyTimer_.cancel();
  housekeeping_.shutdown();
  remotingServer_.shutdown();  // every connection is gone: clients reconnect to the new process
  consumerManager_.clear();  // in-memory tables are lost; offsets and messages are on disk
  lockManager_.clear();
  queryAssignmentProcessor_.clear();
  batchedNotify_.clear();
  notifyInFlight_.clear();
  steadyHeartbeats_.clear();
  ctx_.net.setUp(node_, false);
}

void Broker::kill() {
  if (!up_) return;
  for (NameServer* ns : ctx_.nameservers)
    ctx_.net.send(node_, ns->node(), rng_, [ns, n = name_] { ns->routeInfoManager().onChannelDestroy(n); });
  goDown();
  ctx_.net.refuseConnections(node_);  // the host lives on: clients' connects are reset, not left hanging
}

void Broker::crash() {
  if (up_) goDown();
}

void Broker::registerBrokerAll(bool direct) {
  std::map<std::string, QueueData> topics;
  for (const auto& [topic, cfg] : topicConfigManager_.topicConfigTable())
    topics[topic] = QueueData{name_, cfg.readQueueNums, cfg.writeQueueNums, cfg.perm};
  for (NameServer* ns : ctx_.nameservers) {
    if (direct) {
      if (ns->isUp()) ns->routeInfoManager().registerBroker(name_, topics, ctx_.now());
      continue;
    }
    ctx_.net.send(node_, ns->node(), rng_, [this, ns, topics] {
      if (ns->isUp()) ns->routeInfoManager().registerBroker(name_, topics, ctx_.now());
    });
  }
}

void Broker::setQueues(const std::string& topic, int queues) {
  TopicConfig cfg;
  if (const TopicConfig* old = topicConfigManager_.selectTopicConfig(topic)) cfg = *old;
  cfg.readQueueNums = cfg.writeQueueNums = queues;
  topicConfigManager_.updateTopicConfig(topic, cfg);
  if (up_) registerBrokerAll();
}

ChannelKey Broker::currentKey(ClientIndex client) const {
  return channelKey(client, remotingServer_.current(clientNode(client)));
}

void Broker::heartbeat(ClientIndex client, const std::string& clientId, const ConsumerData& data) {
  if (!data.broadcasting) {
    // ClientManageProcessor.heartBeat creates %RETRY%<group>; a new topic is registered at once.
    if (topicConfigManager_.createTopicInSendMessageBackMethod(getRetryTopic(data.groupName), data.retryQueueNums,
                                                              kPermRead | kPermWrite)) {
      registerBrokerAll();
      if (ctx_.onTopologyChanged) ctx_.onTopologyChanged();
    }
  }
  ClientChannelInfo info{currentKey(client), clientId, ctx_.now(), {}, 0};
  consumerManager_.registerConsumer(data.groupName, info, data.broadcasting, data.topics,
                                    data.notifyConsumerIdsChangedEnable, ctx_.now());
}

bool Broker::refreshHeartbeat(ClientIndex client, const std::string& clientId,
                              const std::shared_ptr<const ConsumerData>& data, SimTime at) {
  const auto c = static_cast<std::size_t>(client);
  if (steadyHeartbeats_.size() <= c) steadyHeartbeats_.resize(c + 1);
  SteadyHeartbeat& memo = steadyHeartbeats_[c];
  if (memo.data != data) memo = SteadyHeartbeat{data, false, {}};  // another body: nothing known of it
  // Topics are never removed: once the retry topic was found, it stays.
  if (!data->broadcasting && !memo.retryTopicFound) {
    if (!topicConfigManager_.selectTopicConfig(getRetryTopic(data->groupName))) return false;
    memo.retryTopicFound = true;
  }
  remotingServer_.touch(clientNode(client), at);
  // Aliasing pointer: the topics live (and stay alive) inside the client's heartbeat data.
  // The client's own id object (MQClientInstance::getClientId), as heartbeatTo passes it?
  const bool ownId = &clientId == &ctx_.clients[c]->getClientId();
  return consumerManager_.refreshConsumer(data->groupName, currentKey(client), clientId,
                                          std::shared_ptr<const std::set<std::string>>(data, &data->topics), at, &memo.hint,
                                          ownId);
}

std::shared_ptr<const std::vector<std::string>> Broker::getConsumerIdListByGroup(const std::string& group) const {
  const ConsumerGroupInfo* g = consumerManager_.getConsumerGroupInfo(group);
  // (A group left without channels answers null below, whatever it adopted.)
  if (g && !g->builtClientIds()) {
    for (const auto& [name, peer] : ctx_.brokers) {
      if (peer == this) continue;
      const ConsumerGroupInfo* pg = peer->consumerManager_.getConsumerGroupInfo(group);
      if (pg && g->shareClientIds(pg->builtClientIds())) break;
    }
  }
  return ConsumerManager::consumerIdList(g);
}

void Broker::unregisterClient(ClientIndex client, const ConsumerData& data) {
  consumerManager_.unregisterConsumer(data.groupName, currentKey(client), data.notifyConsumerIdsChangedEnable);
}

void Broker::channelClosed(ClientIndex client, std::uint64_t id) {
  remotingServer_.close(ctx_.clients[static_cast<std::size_t>(client)]->node(), id);
  consumerManager_.doChannelCloseEvent(channelKey(client, id));
}

void Broker::writeToClosed(ChannelKey key) {
  // Not a client message: the kernel answers, whatever the process is doing (paused included).
  const NodeId peer = ctx_.clients[static_cast<std::size_t>(clientOf(key))]->node();
  if (!ctx_.net.canReach(node_, peer) || !ctx_.net.canReach(peer, node_)) return;  // lost: TCP retransmission not modelled
  const SimTime rtt = ctx_.net.drawLatency(rng_) + ctx_.net.drawLatency(rng_);
  ++ctx_.unsteadyScheduled;
  ctx_.loop.scheduleAfter(rtt, [this, key] {
    --ctx_.unsteadyScheduled;
    if (up_) onConnectionReset(key);
  });
}

void Broker::onConnectionReset(ChannelKey key) {
  // NettyConnectManageHandler.exceptionCaught (connection reset by peer) closes the channel:
  // ClientHousekeepingService.onChannelException -> doChannelCloseEvent, CHANGE as for a close.
  const ClientIndex client = clientOf(key);
  if (!remotingServer_.close(ctx_.clients[static_cast<std::size_t>(client)]->node(), connectionOf(key))) return;
  if (ctx_.log.enabled())
    ctx_.log.warn(ctx_.now(), "NettyRemotingServer",
                  "NETTY SERVER PIPELINE: exceptionCaught [" + ctx_.clients[static_cast<std::size_t>(client)]->getClientId() +
                      "] Connection reset by peer");
  consumerManager_.doChannelCloseEvent(key);
}

std::vector<QueueIndex> Broker::lockBatchMQ(GroupIndex group, const std::vector<QueueIndex>& mqs,
                                            const std::string& clientId) {
  if (!ctx_.checkInvariants) return lockManager_.tryLockBatch(group, mqs, clientId, ctx_.now());
  // Invariant: a live (unexpired) lock of another client id is never granted away.
  std::vector<std::string> before;
  for (QueueIndex mq : mqs) before.push_back(lockManager_.lockedBy(group, mq, ctx_.now()));
  auto granted = lockManager_.tryLockBatch(group, mqs, clientId, ctx_.now());
  for (std::size_t i = 0; i < mqs.size(); ++i) {
    const bool got = std::find(granted.begin(), granted.end(), mqs[i]) != granted.end();
    if (got && !before[i].empty() && before[i] != clientId)
      throw InternalError(ctx_.now(), name_, "lock of " + ctx_.trace.queue(mqs[i]).toString() + " granted to " + clientId +
                                                 " while " + before[i] + " holds it");
  }
  return granted;
}

void Broker::unlockBatchMQ(GroupIndex group, const std::vector<QueueIndex>& mqs, const std::string& clientId) {
  lockManager_.unlockBatch(group, mqs, clientId);
}

void Broker::updateConsumerOffset(GroupIndex group, QueueIndex mq, std::int64_t offset, SimTime at, SimTime sentAt) {
  if (ctx_.checkInvariants && offset > maxOffset(mq, sentAt)) commitPassesMaxOffset(mq, offset);
  offsetManager_.commitOffset(group, mq, offset, at);
}

void Broker::commitPassesMaxOffset(QueueIndex mq, std::int64_t offset) const {
  throw InternalError(ctx_.now(), name_, "committed offset " + std::to_string(offset) + " passes max offset of " +
                                             ctx_.trace.queue(mq).toString());
}

std::int64_t Broker::queryConsumerOffset(GroupIndex group, QueueIndex mq) const {
  const std::int64_t offset = offsetManager_.queryOffset(group, mq, ctx_.now());
  if (offset >= 0) return offset;
  return firstMessageInMemory(mq, ctx_.now()) ? 0 : -1;  // no retention is modelled: the min offset is 0
}

bool Broker::firstMessageInMemory(QueueIndex mq, SimTime now) const {
  const StoreQueue* sq = findStore(mq);
  if (inMemoryMessages_ <= 0 || !sq || maxOffset(mq, now) == 0) return true;  // no message: nothing on disk
  // When message 0 was appended: the first segment whose count reaches 1.
  SimTime first = now;
  for (const auto& seg : history_[static_cast<std::size_t>(mq)]) {
    if (seg.count >= 1) {
      first = seg.time;
      break;
    }
    if (seg.rate > 0) {
      first = seg.time + static_cast<SimTime>(std::ceil((1.0 - seg.count) * 1000.0 / seg.rate));
      break;
    }
  }
  // Java compares commit-log bytes (maxPhyOffset - the message's position > the memory share);
  // here: messages the broker appended to all its queues since then.
  std::int64_t since = 0;
  for (std::size_t q = 0; q < store_.size(); ++q) {
    if (!store_[q].present) continue;
    const auto qi = static_cast<QueueIndex>(q);
    since += maxOffset(qi, now) - searchOffset(qi, first, now);
  }
  return since <= inMemoryMessages_;
}

std::int64_t Broker::searchOffset(QueueIndex mq, SimTime ts, SimTime now) const {
  const StoreQueue* sq = findStore(mq);
  if (!sq || ts >= now) return maxOffset(mq, now);
  // history holds (time, count then, rate after) at each rate change: replay up to ts.
  double count = 0;
  for (const auto& seg : history_[static_cast<std::size_t>(mq)]) {
    if (seg.time > ts) break;
    count = seg.count + seg.rate * static_cast<double>(ts - seg.time) / 1000.0;
  }
  return static_cast<std::int64_t>(std::floor(count));
}

void Broker::setProduceRate(QueueIndex mq, double ratePerSecond, SimTime now) {
  if (static_cast<std::size_t>(mq) >= store_.size()) {
    store_.resize(static_cast<std::size_t>(mq) + 1);
    history_.resize(store_.size());
  }
  StoreQueue& s = store_[static_cast<std::size_t>(mq)];
  s.present = true;
  s.base = s.base + s.rate * static_cast<double>(now - s.baseTime) / 1000.0;
  s.baseTime = now;
  s.rate = ratePerSecond;
  history_[static_cast<std::size_t>(mq)].push_back(Segment{now, s.base, ratePerSecond});
}

void Broker::onConsumerIdsChanged(const std::string& group, const std::vector<ChannelKey>& channels) {
  if (ctx_.behaviour().real_time_notify) notifyConsumerIdsChanged(group, channels);
  else batchedNotify_[group] = channels;  // the latest channel list wins, sent at the next batch
}

void Broker::flushBatchedNotifications() {
  auto batch = std::move(batchedNotify_);
  batchedNotify_.clear();
  for (const auto& [group, channels] : batch) notifyConsumerIdsChanged(group, channels);
}

const std::string* Broker::internGroup(const std::string& group) {
  auto it = groupNames_.find(group);
  if (it == groupNames_.end()) it = groupNames_.insert(group).first;
  return &*it;
}

NodeId Broker::lookUpClientNode(ClientIndex client) const {
  const auto i = static_cast<std::size_t>(client);
  if (clientNodes_.size() <= i) clientNodes_.resize(ctx_.clients.size(), -1);
  return clientNodes_[i] = ctx_.clients[i]->node();
}

void Broker::notifyConsumerIdsChanged(const std::string& group, const std::vector<ChannelKey>& channels) {
  // The message carries a pointer to the group's name, which outlives it (names are never
  // forgotten), and the channel; its client is found on arrival: nothing is copied or allocated.
  const std::string* groupName = internGroup(group);
  // A notification already on its way to a client has the same effect (a wakeup) as a second
  // one: coalescing them keeps a start-up storm of N clients at O(N) messages instead of O(N^2).
  // The group's notifications due at one instant are one loop event (SimFanout: exact).
  SimFanout<ChannelKey, NotifyArrival> fanout(ctx_.net, node_, rng_, NotifyArrival{this, groupName}, channels.size());
  for (ChannelKey ch : channels) {
    const auto i = static_cast<std::size_t>(clientOf(ch));
    const NodeId node = clientNode(clientOf(ch));
    if (connectionOf(ch) != remotingServer_.current(node)) {
      writeToClosed(ch);  // an older connection of a client that reconnected: its end is closed
      continue;
    }
    if (notifyInFlight_.size() <= i) notifyInFlight_.resize(i + 1, false);
    if (notifyInFlight_[i]) continue;
    notifyInFlight_[i] = fanout.send(node, ch);
  }
}

void Broker::NotifyArrival::operator()(ChannelKey ch) const {
  const auto c = static_cast<std::size_t>(clientOf(ch));
  broker->notifyInFlight_[c] = false;
  MQClientInstance* client = broker->ctx_.clients[c];
  // The client closed its end meanwhile (a timed-out call) without the broker seeing the FIN.
  if (client->api().channelId(broker->node_) != connectionOf(ch)) return broker->writeToClosed(ch);
  client->notifyConsumerIdsChanged(*groupName, broker->name_);
}

void Broker::onChannelExpired(const std::string& group, const ClientChannelInfo& info) {
  // scanNotActiveChannel closes the connection too (RemotingHelper.closeChannel, J4
  // ConsumerManager.java:162, J5 :373): no idle event follows, the client reconnects when it next sends.
  const ClientIndex client = clientOf(info.channel);
  if (connectionOf(info.channel) != 0)
    remotingServer_.close(ctx_.clients[static_cast<std::size_t>(client)]->node(), connectionOf(info.channel));
  ctx_.trace.emit(EvChannelExpired{ctx_.now(), client, name_, false});
  if (ctx_.log.enabled())
    ctx_.log.warn(ctx_.now(), "ConsumerManager",
                  "SCAN: remove expired channel from ConsumerManager consumerTable. channel=" + info.clientId +
                      ", consumerGroup=" + group);
}

void Broker::onChannelIdle(ClientIndex client, std::uint64_t id) {
  // NettyConnectManageHandler.userEventTriggered(ALL_IDLE) closes the channel and posts IDLE;
  // ClientHousekeepingService.onChannelIdle -> ConsumerManager.doChannelCloseEvent: CHANGE, so
  // the group is notified (J4 NettyRemotingServer.java:479-486, ClientHousekeepingService.java:82-85;
  // J5 :617-624, :85-89). The CLOSE event that follows finds nothing left to remove.
  const ChannelKey key = channelKey(client, id);
  const ConsumerGroupInfo* registered = nullptr;
  for (const auto& [group, info] : consumerManager_.consumerTable())
    if (info.channelInfoTable().count(key)) registered = &info;
  if (registered) {
    ctx_.trace.emit(EvChannelExpired{ctx_.now(), client, name_, true});
    if (ctx_.log.enabled())
      ctx_.log.warn(ctx_.now(), "NettyRemotingServer",
                    "NETTY SERVER PIPELINE: IDLE exception [" + ctx_.clients[static_cast<std::size_t>(client)]->getClientId() + "]");
  }
  consumerManager_.doChannelCloseEvent(key);
}

}  // namespace rmqsim
