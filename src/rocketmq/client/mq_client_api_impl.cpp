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
  call->deadline = ctx.now() + call->timeout;
  const bool steady = call->steady();
  Random& rng = streamOf(*call);
  pending_.emplace_back(id, std::move(call));
  // Closures hold (this, id) only: small enough for std::function's inline storage, and a call
  // dropped meanwhile (the process died) is simply absent.
  ctx.net.send(client_.node(), target, rng, [this, id] {
    auto it = find(id);
    if (it == pending_.end()) return;
    it->second->answer();
    client_.ctx().net.send(it->second->target, client_.node(), streamOf(*it->second),
                           [this, id] { client_.deliverOrDefer([this, id] { resume(id, true); }); },
                           [this, id] { lost(id); }, it->second->steady());
  }, [this, id] { lost(id); }, steady);
}

Random& MQClientAPIImpl::streamOf(const PendingCall& call) { return call.rng ? *call.rng : client_.rng(); }

void MQClientAPIImpl::lost(std::uint64_t id) {
  auto it = find(id);
  if (it == pending_.end()) return;
  ModelContext& ctx = client_.ctx();
  ctx.loop.schedule(std::max(it->second->deadline, ctx.now()),
                    [this, id] { client_.deliverOrDefer([this, id] { resume(id, false); }); });
}

void MQClientAPIImpl::resume(std::uint64_t id, bool replied) {
  auto it = find(id);
  if (it == pending_.end()) return;  // timed out meanwhile, or the process died
  std::unique_ptr<PendingCall> call = std::move(it->second);
  pending_.erase(it);
  if (replied) call->deliver();
  call->waiting.resume();
}

}  // namespace rmqsim

namespace rmqsim {

MQClientAPIImpl::Call<std::shared_ptr<const TopicRouteData>> MQClientAPIImpl::getTopicRouteInfoFromNameServer(
    NameServer& ns, const std::string& topic, Random& rng) {
  return makeCall<std::shared_ptr<const TopicRouteData>>(
      ns.node(), client_.ctx().timing().api_timeout,
      [&ns, t = topic] { return ns.routeInfoManager().pickupTopicRouteData(t); }, &rng);
}

MQClientAPIImpl::Call<std::shared_ptr<const std::vector<std::string>>> MQClientAPIImpl::getConsumerIdListByGroup(
    Broker& b, const std::string& group, Random& rng) {
  return makeCall<std::shared_ptr<const std::vector<std::string>>>(
      b.node(), client_.ctx().timing().api_timeout, [&b, &group] { return b.getConsumerIdListByGroup(group); }, &rng);
}

MQClientAPIImpl::Call<std::shared_ptr<const std::vector<QueueIndex>>> MQClientAPIImpl::queryAssignment(
    Broker& b, const std::string& topic, Random& rng) {
  const ConsumerSetup& s = client_.setup();
  QueryAssignmentRequest req{topic,           s.groupName,         s.group,           s.clientId,
                             s.broadcasting,  s.strategy->getName(), s.rebalanceMode, s.popRequestMode,
                             s.popShareQueueNum};
  return makeCall<std::shared_ptr<const std::vector<QueueIndex>>>(
      b.node(), client_.ctx().timing().query_assignment_timeout,
      [&b, r = std::move(req)] { return b.queryAssignment(r); }, &rng);
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

}  // namespace rmqsim
