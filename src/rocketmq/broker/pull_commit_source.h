// What a pulling consumer tells the broker with every pull (not a RocketMQ class): Java's pull
// request carries the client's in-memory offset (PullMessageRequestHeader.commitOffset, flag
// FLAG_COMMIT_OFFSET; client/.../consumer/DefaultMQPushConsumerImpl.java pullMessage, J4 :416-451,
// J5 :453-489) and the master commits it on arrival (broker/.../processor/PullMessageProcessor.java,
// J4 storeOffsetEnable :463-469, J5 tryCommitOffset :785-797). Pulls are implicit in the fluid
// model, so the broker asks the puller what its latest pull carried instead of receiving each one.
#pragma once

#include <cstdint>

#include "engine/sim_time.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class PullCommitSource {
 public:
  /// The commitOffset the queue's latest pull before `now` carried (> 0 commits; 0 commits nothing).
  virtual std::int64_t pullCommitOffset(QueueIndex mq, SimTime now) const = 0;

 protected:
  ~PullCommitSource() = default;
};

}  // namespace rmqsim
