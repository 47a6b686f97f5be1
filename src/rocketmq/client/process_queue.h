// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/ProcessQueue.java, 4.9.x and 5.x;
// differences: no message tree; consumption is fluid (a fractional consumed offset advancing at
// the queue's share of the client's capacity), which is what duplicates and lag need.
#pragma once

#include <cstdint>

#include "engine/sim_time.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {
class Broker;
}

namespace rmqsim {

class ProcessQueue {
 public:
  ProcessQueue(QueueIndex mq, SimTime now) : mq(mq), lastLockTimestamp(now), lastPullTimestamp(now) {}

  /// Java isPullExpired: no pull for more than pullMaxIdleTime.
  bool isPullExpired(SimTime now, SimTime pullMaxIdleTime) const { return now - lastPullTimestamp > pullMaxIdleTime; }
  /// Java isLockExpired: the client-side view of the broker lock is too old to consume on.
  bool isLockExpired(SimTime now, SimTime lockMaxLiveTime) const { return now - lastLockTimestamp > lockMaxLiveTime; }

  QueueIndex mq;
  bool dropped = false;
  bool locked = false;
  SimTime lastLockTimestamp;
  SimTime lastPullTimestamp;
  int tryUnlockTimes = 0;

  // Fluid pull/consume state.
  SimTime pullStart = 0;            ///< first pull (dispatchPullRequest delay)
  double consumed = 0;              ///< next offset to consume, fractional
  std::int64_t deliveredFrom = 0;   ///< start of the range not yet reported in EvDelivered
  SimTime lastAdvance = 0;
  double share = 0;                 ///< messages/s currently consumed from this queue (0 = idle)
  Broker* broker = nullptr;         ///< the queue's broker (resolved once; the fluid model's hot path)
};

}  // namespace rmqsim
