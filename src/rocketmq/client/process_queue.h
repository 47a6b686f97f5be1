// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/ProcessQueue.java, 4.9.x and 5.x;
// differences: no message tree; consumption is fluid (a fractional consumed offset advancing at
// the queue's share of the client's capacity), which is what duplicates and lag need; the
// messages pulled but not yet consumed are the range [consumed, pulledTo): pulls run ahead of
// consumption up to pullThresholdForQueue messages (DefaultMQPushConsumerImpl.pullMessage's flow
// control, J4 :245, J5 :272) while the queue is pulled, and what was pulled stays when it stops.
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
  ProcessQueue(QueueIndex mq, TopicIndex topic, SimTime now)
      : mq(mq), topic(topic), lastLockTimestamp(now), lastPullTimestamp(now) {}

  /// Java isPullExpired: no pull for more than pullMaxIdleTime.
  bool isPullExpired(SimTime now, SimTime pullMaxIdleTime) const { return now - lastPullTimestamp > pullMaxIdleTime; }
  /// Java isLockExpired: the client-side view of the broker lock is too old to consume on.
  bool isLockExpired(SimTime now, SimTime lockMaxLiveTime) const { return now - lastLockTimestamp > lockMaxLiveTime; }
  /// Java hasTempMessage: messages pulled and not consumed yet (msgCount > 0).
  bool hasTempMessage() const { return pulledTo >= consumed + 1.0; }

  // The small fields first, together: 96 bytes a queue, not 104, with the topic.
  QueueIndex mq;
  TopicIndex topic;  ///< mq's topic (the round's per-topic table walks compare it, not names)
  bool dropped = false;
  bool locked = false;
  bool lockExpiryReported = false;  ///< EvQueueLocked{false} sent for the client-side expiry
  bool pullCommits = false;         ///< attached to the broker as the puller whose pulls commit
  int tryUnlockTimes = 0;
  SimTime lastLockTimestamp;
  SimTime lastPullTimestamp;

  // Fluid pull/consume state.
  SimTime pullStart = 0;            ///< first pull (dispatchPullRequest delay)
  SimTime pullRetryAt = 0;          ///< a failed pull's retry (executePullRequestLater, pullTimeDelayMillsWhenException)
  double consumed = 0;              ///< next offset to consume, fractional
  std::int64_t deliveredFrom = 0;   ///< start of the range not yet reported in EvDelivered
  SimTime lastAdvance = 0;
  double share = 0;                 ///< messages/s currently consumed from this queue (0 = idle)
  double pulledTo = 0;              ///< next offset to pull: [consumed, pulledTo) is buffered (msgTreeMap)
  Broker* broker = nullptr;         ///< the queue's broker (resolved once; the fluid model's hot path)
};

}  // namespace rmqsim
