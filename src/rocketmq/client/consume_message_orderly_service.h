// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/ConsumeMessageOrderlyService.java,
// 4.9.x and 5.x; differences: only the lock side (periodic lockAll, the consume path's
// tryLockLaterAndReconsume, unlockAll on shutdown); consumption itself is the fluid model in
// DefaultMQPushConsumerImpl, gated on a valid lock. A ConsumeRequest is taken to run whenever the
// queue has messages buffered or arriving, so the consume path notices a lost lock at once.
#pragma once

#include <set>

#include "engine/task.h"
#include "engine/timer.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class MQClientInstance;
class ProcessQueue;
class RebalanceImpl;

class ConsumeMessageOrderlyService {
 public:
  /// Java's fixed delays of the consume path (not settable in Java either): the ConsumeRequest's
  /// tryLockLaterAndReconsume(mq, pq, 10 or 100), and the 3000 ms re-submit after a refused lock.
  static constexpr SimTime kRelockFirstDelay = 10;
  static constexpr SimTime kRelockRequestDelay = 100;
  static constexpr SimTime kRelockRetryDelay = 3000;

  ConsumeMessageOrderlyService(MQClientInstance& client, RebalanceImpl& rebalance);
  /// Clustering: lockMQPeriodically every lock_interval, first after lock_initial_delay.
  void start();
  /// Stops the timer and releases every lock (clustering).
  /// Stops the timers, then unlockAll(false): synchronous per broker (the shutdown thread waits).
  Task<void> shutdown();
  void stopTimer() {
    lockTimer_.cancel();
    expiryTimer_.cancel();
    locking_ = false;
  }
  void suspend() {
    lockTimer_.suspend();
    expiryTimer_.suspend();
  }
  void resume() {
    lockTimer_.resume();
    expiryTimer_.resume();
  }
  SimTime nextDue() const { return lockTimer_.due(); }
  /// Queues whose consume path is retrying the lock (tests).
  const std::set<QueueIndex>& relocking() const { return relocking_; }

 private:
  Task<void> lockMQPeriodically();
  /// Every held queue that cannot be consumed for want of a valid lock, and has messages to
  /// consume, enters the consume path's re-lock loop (ConsumeRequest.run's lock checks).
  void checkLocks(SimTime firstDelay);
  bool lockBlocked(const ProcessQueue& pq) const;
  /// tryLockLaterAndReconsume: lockOneMQ after `delay`; refused: a new ConsumeRequest after
  /// 3000 ms, which finds the queue still unlocked and tries again 100 ms later.
  void tryLockLaterAndReconsume(QueueIndex mq, SimTime delay);
  Task<void> lockOneMQ(QueueIndex mq);
  /// Arms the check at the earliest client-side lock expiry of the held queues.
  void armLockExpiry();

  MQClientInstance& client_;
  RebalanceImpl& rebalance_;
  Timer lockTimer_;
  Timer expiryTimer_;  ///< the first held lock's client-side expiry (ConsumeRequest's isLockExpired)
  bool locking_ = false;  ///< a lockAll still waits on a broker: the tick is skipped
  std::set<QueueIndex> relocking_;  ///< queues in the re-lock loop (one loop per queue, as in Java)
};

}  // namespace rmqsim
