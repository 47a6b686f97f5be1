// twin of client/.../consumer/rebalance/AllocateMachineRoomNearby.java (4.9.x and 5.x).
#pragma once

#include <memory>

#include "strategy/abstract_allocate_message_queue_strategy.h"

namespace rmqsim {

/// Java AllocateMachineRoomNearby.MachineRoomResolver: the room of a broker and of a consumer.
class MachineRoomResolver {
 public:
  virtual ~MachineRoomResolver() = default;
  virtual std::string brokerDeployIn(const MessageQueue& messageQueue) const = 0;
  virtual std::string consumerDeployIn(const std::string& clientID) const = 0;
};

/// The resolver of RocketMQ's AllocateMachineRoomNearByTest: name.split("-")[0] for both.
/// A name made only of dashes (where Java's [0] throws) resolves to the empty room.
class PrefixBeforeFirstDashResolver : public MachineRoomResolver {
 public:
  std::string brokerDeployIn(const MessageQueue& messageQueue) const override;
  std::string consumerDeployIn(const std::string& clientID) const override;
};

/// MACHINE_ROOM_NEARBY: the inner strategy within the client's own room, plus a share of every
/// room that has queues but no consumers (visited in Java string order).
class AllocateMachineRoomNearby : public AbstractAllocateMessageQueueStrategy {
 public:
  AllocateMachineRoomNearby(std::unique_ptr<AllocateMessageQueueStrategy> inner,
                            std::unique_ptr<MachineRoomResolver> resolver);

  AllocateResult allocate(const std::string& consumerGroup, const std::string& currentCID,
                          const std::vector<MessageQueue>& mqAll,
                          const std::vector<std::string>& cidAll) const override;
  /// Groups once and runs the inner strategy's allocateAll once per room.
  std::vector<AllocateOutcome> allocateAll(const std::string& consumerGroup, const std::vector<MessageQueue>& mqAll,
                                          const std::vector<std::string>& cidAll) const override;
  std::string getName() const override { return "MACHINE_ROOM_NEARBY-" + inner_->getName(); }
  const AllocateMessageQueueStrategy& inner() const { return *inner_; }

 private:
  std::unique_ptr<AllocateMessageQueueStrategy> inner_;
  std::unique_ptr<MachineRoomResolver> resolver_;
};

}  // namespace rmqsim
