#include "rocketmq/client/consume_message_orderly_service.h"

#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"

namespace rmqsim {

ConsumeMessageOrderlyService::ConsumeMessageOrderlyService(MQClientInstance& client, RebalanceImpl& rebalance)
    : client_(client), rebalance_(rebalance), lockTimer_(client.ctx().loop) {}

void ConsumeMessageOrderlyService::start() {
  if (client_.setup().broadcasting) return;
  const ModelTiming& t = client_.ctx().timing();
  lockTimer_.startPeriodic(t.lock_initial_delay, t.lock_interval, [this] {
    if (!locking_) client_.spawn(lockMQPeriodically());
  });
}

Task<void> ConsumeMessageOrderlyService::lockMQPeriodically() {
  locking_ = true;
  co_await rebalance_.lockAll();
  locking_ = false;
  client_.consumer().reshare();  // lock state gates orderly consumption
}

void ConsumeMessageOrderlyService::shutdown() {
  lockTimer_.cancel();
  if (!client_.setup().broadcasting) rebalance_.unlockAll();
}

}  // namespace rmqsim
