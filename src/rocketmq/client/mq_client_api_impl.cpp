#include "rocketmq/client/mq_client_api_impl.h"

#include <algorithm>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/namesrv/name_server.h"

namespace rmqsim {

MQClientAPIImpl::Pending::iterator MQClientAPIImpl::find(std::uint64_t id) {
  return std::find_if(pending_.begin(), pending_.end(), [id](const auto& p) { return p.first == id; });
}

void MQClientAPIImpl::invokeSync(std::unique_ptr<PendingCall> call) {
  ModelContext& ctx = client_.ctx();
  const std::uint64_t id = nextId_++;
  const NodeId target = call->target;
  const SimTime now = ctx.now();
  call->deadline = now + call->timeout;
  const bool steady = call->steady;
  const bool connectOnly = call->connectOnly;
  Random& rng = streamOf(*call);
  pending_.emplace_back(id, std::move(call));
  // NettyRemotingClient.invokeSync → getAndCreateChannel: a refused connect (or a reset on the
  // open channel, whose FIN came when the process died) fails after a round trip.
  if (ctx.net.refuses(client_.node(), target)) {
    channelClosed(target);
    const SimTime rtt = ctx.net.drawLatency(rng) + ctx.net.drawLatency(rng);
    failAt(id, now + rtt);
    return;
  }
  if (channelId(target) == 0) {
    // createChannel awaits the connect for connectTimeoutMillis whatever the call's own timeout.
    if (!ctx.net.roundTrip(client_.node(), target)) {
      failAt(id, now + ctx.timing().connect_timeout);
      return;
    }
    connect(target);  // the handshake's round trip is not modelled
  }
  if (connectOnly) {
    pending_.back().second->answer();
    ctx.loop.schedule(now, [this, id] { client_.deliverOrDefer([this, id] { resume(id, true); }); });
    return;
  }
  // Closures hold (this, id) only: small enough for std::function's inline storage, and a call
  // dropped meanwhile (the process died) is simply absent.
  ctx.net.send(client_.node(), target, rng, [this, id] {
    auto it = find(id);
    if (it == pending_.end()) return;
    PendingCall& c = *it->second;  // stays put: answer() reaches no other call of this process
    c.answer();
    client_.ctx().net.send(c.target, client_.node(), streamOf(c),
                           [this, id] { client_.deliverOrDefer([this, id] { resume(id, true); }); },
                           [this, id] { lost(id); }, c.steady);
  }, [this, id] { lost(id); }, steady);
}

Random& MQClientAPIImpl::streamOf(const PendingCall& call) { return call.rng ? *call.rng : client_.rng(); }

void MQClientAPIImpl::lost(std::uint64_t id) {
  auto it = find(id);
  if (it == pending_.end()) return;
  ModelContext& ctx = client_.ctx();
  if (ctx.net.refuses(client_.node(), it->second->target)) {
    // The process died with the request on its way: its host answers with a reset, and the
    // channel's close fails the waiting call at once (NettyRemotingAbstract.failFast).
    channelClosed(it->second->target);
    failAt(id, ctx.now() + ctx.net.drawLatency(streamOf(*it->second)));
    return;
  }
  it->second->timedOut = true;
  failAt(id, std::max(it->second->deadline, ctx.now()));
}

void MQClientAPIImpl::failAt(std::uint64_t id, SimTime at) {
  client_.ctx().loop.schedule(at, [this, id] { client_.deliverOrDefer([this, id] { resume(id, false); }); });
}

void MQClientAPIImpl::resume(std::uint64_t id, bool replied) {
  auto it = find(id);
  if (it == pending_.end()) return;  // timed out meanwhile, or the process died
  std::unique_ptr<PendingCall> call = std::move(it->second);
  // The order of the calls in flight means nothing (found by id): the last one fills the gap.
  if (it != pending_.end() - 1) *it = std::move(pending_.back());
  pending_.pop_back();
  if (replied) call->deliver();
  // RemotingTimeoutException: invokeSync closes the channel (4.9 always, 5.x when more than
  // 100 ms of the timeout were left for the reply: always here, connects cost nothing).
  else if (call->timedOut && client_.ctx().behaviour().close_socket_if_timeout) {
    if (const std::uint64_t open = channelId(call->target); open != 0) {
      client_.sendFin(call->target, open);  // before the entry goes: the FIN opens nothing
      channelClosed(call->target);
    }
  }
  call->waiting.resume();
}

bool MQClientAPIImpl::channelReady(NodeId target) {
  ModelContext& ctx = client_.ctx();
  if (ctx.net.refuses(client_.node(), target)) {
    channelClosed(target);
    return false;
  }
  if (channelId(target) != 0) return true;
  if (!ctx.net.roundTrip(client_.node(), target)) return false;
  connect(target);
  return true;
}

void MQClientAPIImpl::connect(NodeId target) { channelCreated(target, client_.channelConnected(target)); }

}  // namespace rmqsim

namespace rmqsim {

MQClientAPIImpl::Call<std::shared_ptr<const TopicRouteData>> MQClientAPIImpl::getTopicRouteInfoFromNameServer(
    NameServer& ns, const std::string& topic, Random& rng) {
  return makeCall<std::shared_ptr<const TopicRouteData>>(
      ns.node(), client_.ctx().timing().api_timeout,
      [&ns, t = topic] { return ns.routeInfoManager().pickupTopicRouteData(t); }, &rng, true);
}

MQClientAPIImpl::Call<std::shared_ptr<const std::vector<std::string>>> MQClientAPIImpl::getConsumerIdListByGroup(
    Broker& b, const std::string& group, Random& rng) {
  return makeCall<std::shared_ptr<const std::vector<std::string>>>(
      b.node(), client_.ctx().timing().api_timeout, [&b, &group] { return b.getConsumerIdListByGroup(group); }, &rng, true);
}

MQClientAPIImpl::Call<std::shared_ptr<const std::vector<QueueIndex>>> MQClientAPIImpl::queryAssignment(
    Broker& b, const std::string& topic, Random& rng) {
  const ConsumerSetup& s = client_.setup();
  QueryAssignmentRequest req{topic,           s.groupName,         s.group,           s.clientId,
                             s.broadcasting,  s.strategy->getName(), s.rebalanceMode, s.popRequestMode,
                             s.popShareQueueNum};
  return makeCall<std::shared_ptr<const std::vector<QueueIndex>>>(
      b.node(), client_.ctx().timing().query_assignment_timeout,
      [&b, r = std::move(req)] { return b.queryAssignment(r); }, &rng, true);
}

MQClientAPIImpl::Call<std::vector<QueueIndex>> MQClientAPIImpl::lockBatchMQ(Broker& b, std::vector<QueueIndex> mqs) {
  return makeCall<std::vector<QueueIndex>>(
      b.node(), client_.ctx().timing().lock_batch_timeout,
      [&b, g = client_.setup().group, &id = client_.getClientId(), q = std::move(mqs)] { return b.lockBatchMQ(g, q, id); });
}

MQClientAPIImpl::Call<std::int64_t> MQClientAPIImpl::queryConsumerOffset(Broker& b, QueueIndex mq) {
  return makeCall<std::int64_t>(b.node(), client_.ctx().timing().query_offset_timeout,
                                [&b, g = client_.setup().group, mq] { return b.queryConsumerOffset(g, mq); });
}

MQClientAPIImpl::Call<std::int64_t> MQClientAPIImpl::getMaxOffset(Broker& b, QueueIndex mq) {
  return makeCall<std::int64_t>(b.node(), client_.ctx().timing().admin_timeout,
                                [&b, mq, &loop = client_.ctx().loop] { return b.maxOffset(mq, loop.now()); });
}

MQClientAPIImpl::Call<std::int64_t> MQClientAPIImpl::searchOffset(Broker& b, QueueIndex mq, SimTime timestamp) {
  return makeCall<std::int64_t>(b.node(), client_.ctx().timing().admin_timeout, [&b, mq, timestamp, &loop = client_.ctx().loop] {
    return b.searchOffset(mq, timestamp, loop.now());
  });
}

MQClientAPIImpl::Call<bool> MQClientAPIImpl::sendHeartbeat(Broker& b, std::shared_ptr<const ConsumerData> data, Random& rng) {
  return makeCall<bool>(b.node(), client_.ctx().timing().api_timeout,
                        [&b, ch = client_.index(), &id = client_.getClientId(), d = std::move(data)] {
                          b.heartbeat(ch, id, *d);
                          return true;
                        },
                        &rng);
}

MQClientAPIImpl::Call<bool> MQClientAPIImpl::unlockBatchMQ(Broker& b, std::vector<QueueIndex> mqs) {
  return makeCall<bool>(b.node(), client_.ctx().timing().lock_batch_timeout,
                        [&b, g = client_.setup().group, &id = client_.getClientId(), q = std::move(mqs)] {
                          b.unlockBatchMQ(g, q, id);
                          return true;
                        });
}

MQClientAPIImpl::Call<bool> MQClientAPIImpl::unregisterClient(Broker& b, const ConsumerData& data) {
  return makeCall<bool>(b.node(), client_.ctx().timing().api_timeout, [&b, ch = client_.index(), d = data] {
    b.unregisterClient(ch, d);
    return true;
  });
}

MQClientAPIImpl::Call<bool> MQClientAPIImpl::awaitConnect(NodeId target) {
  auto call = makeCall<bool>(target, client_.ctx().timing().connect_timeout, [] { return true; });
  call.call->connectOnly = true;
  return call;
}

}  // namespace rmqsim
