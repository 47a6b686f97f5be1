#include "rocketmq/client/remote_broker_offset_store.h"

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"

namespace rmqsim {

RemoteBrokerOffsetStore::OffsetRead RemoteBrokerOffsetStore::readOffsetFromStore(QueueIndex mq) {
  if (local_) {
    auto it = localStore_.find(mq);
    return OffsetRead{std::nullopt, it == localStore_.end() ? -1 : it->second};
  }
  Broker* broker = client_.brokerForCall(mq);
  if (!broker) return OffsetRead{std::nullopt, -2};
  return OffsetRead{client_.api().queryConsumerOffset(*broker, mq), -1};
}

void RemoteBrokerOffsetStore::persist(QueueIndex mq) {
  auto it = offsetTable_.find(mq);
  if (it == offsetTable_.end()) return;
  if (local_) {
    localStore_[mq] = it->second;
    return;
  }
  // The broker as the routes know it; send() checks that it is reached now (a oneway).
  send(mq, it->second, client_.brokerForCall(mq), client_.ctx().now());
}

void RemoteBrokerOffsetStore::persist(QueueIndex mq, Broker* broker) { persist(mq, broker, client_.ctx().now()); }

void RemoteBrokerOffsetStore::persist(QueueIndex mq, Broker* broker, SimTime sentAt) {
  if (local_) return persist(mq);
  auto it = offsetTable_.find(mq);
  if (it != offsetTable_.end()) send(mq, it->second, broker, sentAt);
}

void RemoteBrokerOffsetStore::send(QueueIndex mq, std::int64_t offset, Broker* broker, SimTime sentAt) {
  // Oneway UPDATE_CONSUMER_OFFSET: handed to the broker now with its arrival time rather than
  // scheduled (this runs for every owned queue every 5 s); lost when the link is cut.
  ModelContext& ctx = client_.ctx();
  if (broker && ctx.net.canReach(client_.node(), broker->node()))
    broker->updateConsumerOffset(group_, mq, offset, sentAt + ctx.net.drawLatency(client_.persistRng()), sentAt);
}

void RemoteBrokerOffsetStore::persistAll(const std::vector<QueueIndex>& mqs) {
  for (QueueIndex mq : mqs) persist(mq);
}

}  // namespace rmqsim
