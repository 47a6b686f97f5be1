// MQClientInstance's graceful stop: DefaultMQPushConsumerImpl.shutdown (J4 :564-582, J5 :903-921)
// -> consumeMessageService.shutdown (orderly: unlockAll(false)), persistConsumerOffset,
// unregisterConsumer (MQClientInstance.unregisterClient: UNREGISTER_CLIENT to every broker of
// brokerAddrTable, synchronous, mqClientApiTimeout; J4 :886-910, J5 :1003-1027), then
// mQClientFactory.shutdown. Calls to brokers that answer at once cost their round trip (not
// modelled), so a stop with every broker reachable ends at once, as it always did here.
#include "rocketmq/broker/broker.h"
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"

namespace rmqsim {

void MQClientInstance::shutdown() {
  if (state_ != State::RUNNING || stopping_) return;
  spawn(shutdownThread());
  if (!stopping_) die(ClientLifecycle::STOPPED, true);  // nothing waited: done within this event
}

void MQClientInstance::shutdownBlocks() {
  if (stopping_) return;
  stopping_ = true;
  // The consume executor is shut down first; the consumer is out of consumerTable, so the
  // scheduler's heartbeats and the rebalance rounds have nothing left to do. The process keeps
  // its queues (processQueueTable) until it ends.
  consumer_->advanceAll();
  consumer_->stopPulling();
  stopTimers();
}

Task<void> MQClientInstance::shutdownThread() {
  co_await consumer_->shutdownConsumeService();
  bool waitsConnect = false;
  if (ctx_.behaviour().oneway_waits_connect) {
    for (const auto& [mq, pq] : consumer_->rebalanceImpl().processQueueTable())
      if (pq.broker && brokerAddrTable_.count(pq.broker->name()) && !api_.channelReady(pq.broker->node())) waitsConnect = true;
  }
  if (waitsConnect) {
    shutdownBlocks();
    co_await persistWaitingConnects();  // 4.9-5.2: each oneway commit awaits its connect
  } else {
    consumer_->persistConsumerOffset();
  }
  co_await unregisterClient();
  // die() ends every thread of the process, this one included: it runs as an event of its own.
  if (stopping_) ctx_.loop.schedule(ctx_.now(), [this] {
      if (isAlive()) die(ClientLifecycle::STOPPED, true);
    });
}

Task<void> MQClientInstance::unregisterClient() {
  const ConsumerData data{setup_.groupName, setup_.group, setup_.broadcasting, {}, setup_.retryQueueNums,
                          setup_.notifyConsumerIdsChangedEnable};
  const std::set<std::string> names = brokerAddrTable_;
  for (const auto& name : names) {
    Broker* b = ctx_.findBroker(name);
    if (!b) continue;
    if (ctx_.net.roundTrip(node_, b->node())) {
      sendToBroker(*b, [ch = setup_.index, data](Broker& broker) { broker.unregisterClient(ch, data); });
      continue;
    }
    shutdownBlocks();
    auto call = api_.unregisterClient(*b, data);
    co_await call;  // a failure is logged; the next broker follows
  }
}

}  // namespace rmqsim
