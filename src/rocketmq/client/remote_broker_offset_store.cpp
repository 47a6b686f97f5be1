#include "rocketmq/client/remote_broker_offset_store.h"

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"

namespace rmqsim {

std::int64_t RemoteBrokerOffsetStore::readOffsetFromStore(QueueIndex mq) {
  if (local_) {
    auto it = localStore_.find(mq);
    return it == localStore_.end() ? -1 : it->second;
  }
  Broker* broker = client_.brokerForRequest(client_.ctx().trace.queue(mq).brokerName);
  if (!broker) return -2;
  return broker->queryConsumerOffset(group_, mq);
}

void RemoteBrokerOffsetStore::persist(QueueIndex mq) {
  auto it = offsetTable_.find(mq);
  if (it == offsetTable_.end()) return;
  if (local_) {
    localStore_[mq] = it->second;
    return;
  }
  // Oneway UPDATE_CONSUMER_OFFSET, applied at send time when the link works (its 1-5 ms latency
  // is far below every timer, and this runs for every owned queue every 5 s).
  if (Broker* broker = client_.brokerForOneway(client_.ctx().trace.queue(mq).brokerName))
    broker->updateConsumerOffset(group_, mq, it->second);
}

void RemoteBrokerOffsetStore::persist(QueueIndex mq, Broker* broker) {
  if (local_ || !broker) return persist(mq);
  auto it = offsetTable_.find(mq);
  if (it != offsetTable_.end() && client_.ctx().net.canReach(client_.node(), broker->node()))
    broker->updateConsumerOffset(group_, mq, it->second);
}

void RemoteBrokerOffsetStore::persistAll(const std::vector<QueueIndex>& mqs) {
  for (QueueIndex mq : mqs) persist(mq);
}

}  // namespace rmqsim
