#include "rocketmq/client/mq_client_api_impl.h"

#include <algorithm>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/namesrv/name_server.h"

namespace rmqsim {

NodeId MQClientAPIImpl::self() const { return client_.node(); }
Random& MQClientAPIImpl::rng() { return client_.rng(); }
SimTime MQClientAPIImpl::now() const { return client_.ctx().now(); }
SimNetwork& MQClientAPIImpl::net() { return client_.ctx().net; }
void MQClientAPIImpl::deliver(std::function<void()> fn) { client_.deliverOrDefer(std::move(fn)); }

void MQClientAPIImpl::scheduleTimeout(std::uint64_t id, SimTime deadline) {
  client_.ctx().loop.schedule(std::max(deadline, now()), [this, id] {
    deliver([this, id] {
      if (pending_.count(id)) complete(id);  // resumes with no reply
    });
  });
}

void MQClientAPIImpl::complete(std::uint64_t id) {
  auto it = pending_.find(id);
  const std::coroutine_handle<> h = it->second;
  pending_.erase(it);
  h.resume();
}

MQClientAPIImpl::Call<std::shared_ptr<const TopicRouteData>> MQClientAPIImpl::getTopicRouteInfoFromNameServer(
    NameServer& ns, std::string topic) {
  return {this, ns.node(), client_.ctx().timing().api_timeout,
          [&ns, t = std::move(topic)] { return ns.routeInfoManager().pickupTopicRouteData(t); }, {}};
}

MQClientAPIImpl::Call<std::shared_ptr<const std::vector<std::string>>> MQClientAPIImpl::getConsumerIdListByGroup(
    Broker& b, std::string group) {
  return {this, b.node(), client_.ctx().timing().api_timeout,
          [&b, g = std::move(group)] { return b.getConsumerIdListByGroup(g); }, {}};
}

MQClientAPIImpl::Call<std::vector<QueueIndex>> MQClientAPIImpl::lockBatchMQ(Broker& b, std::vector<QueueIndex> mqs) {
  return {this, b.node(), client_.ctx().timing().lock_batch_timeout,
          [&b, g = client_.setup().group, id = client_.getClientId(), q = std::move(mqs)] {
            return b.lockBatchMQ(g, q, id);
          },
          {}};
}

MQClientAPIImpl::Call<std::int64_t> MQClientAPIImpl::queryConsumerOffset(Broker& b, QueueIndex mq) {
  return {this, b.node(), client_.ctx().timing().query_offset_timeout,
          [&b, g = client_.setup().group, mq] { return b.queryConsumerOffset(g, mq); }, {}};
}

MQClientAPIImpl::Call<std::int64_t> MQClientAPIImpl::getMaxOffset(Broker& b, QueueIndex mq) {
  return {this, b.node(), client_.ctx().timing().admin_timeout,
          [&b, mq, &loop = client_.ctx().loop] { return b.maxOffset(mq, loop.now()); }, {}};
}

MQClientAPIImpl::Call<std::int64_t> MQClientAPIImpl::searchOffset(Broker& b, QueueIndex mq, SimTime timestamp) {
  return {this, b.node(), client_.ctx().timing().admin_timeout,
          [&b, mq, timestamp, &loop = client_.ctx().loop] { return b.searchOffset(mq, timestamp, loop.now()); }, {}};
}

}  // namespace rmqsim
