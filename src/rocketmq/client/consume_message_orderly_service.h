// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/ConsumeMessageOrderlyService.java,
// 4.9.x and 5.x; differences: only the lock side (periodic lockAll, unlockAll on shutdown);
// consumption itself is the fluid model in DefaultMQPushConsumerImpl, gated on a valid lock.
#pragma once

#include "engine/task.h"
#include "engine/timer.h"

namespace rmqsim {

class MQClientInstance;
class RebalanceImpl;

class ConsumeMessageOrderlyService {
 public:
  ConsumeMessageOrderlyService(MQClientInstance& client, RebalanceImpl& rebalance);
  /// Clustering: lockMQPeriodically every lock_interval, first after lock_initial_delay.
  void start();
  /// Stops the timer and releases every lock (clustering).
  void shutdown();
  void stopTimer() {
    lockTimer_.cancel();
    locking_ = false;
  }
  void suspend() { lockTimer_.suspend(); }
  void resume() { lockTimer_.resume(); }
  SimTime nextDue() const { return lockTimer_.due(); }

 private:
  Task<void> lockMQPeriodically();
  MQClientInstance& client_;
  RebalanceImpl& rebalance_;
  Timer lockTimer_;
  bool locking_ = false;  ///< a lockAll still waits on a broker: the tick is skipped
};

}  // namespace rmqsim
