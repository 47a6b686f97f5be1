// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/RebalancePushImpl.java, 4.9.x and 5.x;
// differences: the orderly consume lock is taken at once on removal (a ConsumeRequest batch is
// short next to the 500 ms / 1 s try); 4.9's 20 s delayed unlock applies while the ProcessQueue buffers messages.
#pragma once

#include "rocketmq/client/rebalance_impl.h"

namespace rmqsim {

class DefaultMQPushConsumerImpl;

class RebalancePushImpl : public RebalanceImpl {
 public:
  RebalancePushImpl(MQClientInstance& client, DefaultMQPushConsumerImpl& consumer)
      : RebalanceImpl(client), consumer_(consumer) {}

 protected:
  Task<void> messageQueueChanged(std::string topic) override;
  bool removeUnnecessaryMessageQueue(QueueIndex mq, ProcessQueue& pq) override;
  RemoteBrokerOffsetStore::OffsetRead readOffset(QueueIndex mq) override;
  Task<std::int64_t> computePullFromWhere(QueueIndex mq, std::int64_t lastOffset) override;
  void removeDirtyOffset(QueueIndex mq) override;
  void dispatchPullRequest(const std::vector<QueueIndex>& added, SimTime delay) override;

 private:
  bool tryRemoveOrderMessageQueue(QueueIndex mq, ProcessQueue& pq);
  DefaultMQPushConsumerImpl& consumer_;
};

}  // namespace rmqsim
