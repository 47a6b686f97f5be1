// twin of client/.../consumer/rebalance/AllocateMessageQueueByMachineRoom.java (4.9.x and 5.x).
#pragma once

#include <set>
#include <string_view>

#include "strategy/abstract_allocate_message_queue_strategy.h"

namespace rmqsim {

/// MACHINE_ROOM: keeps queues whose broker name splits on '@' (Java split rules) into exactly
/// (room, broker) with room configured; each client gets an equal block from the front and one
/// queue of the remainder from the tail.
class AllocateMessageQueueByMachineRoom : public AbstractAllocateMessageQueueStrategy {
 public:
  explicit AllocateMessageQueueByMachineRoom(std::set<std::string> consumeridcs = {})
      : consumeridcs_(std::move(consumeridcs)) {}

  AllocateResult allocate(const std::string& consumerGroup, const std::string& currentCID,
                          const std::vector<MessageQueue>& mqAll,
                          const std::vector<std::string>& cidAll) const override;
  /// Filters once for the whole group.
  std::vector<AllocateOutcome> allocateAll(const std::string& consumerGroup, const std::vector<MessageQueue>& mqAll,
                                          const std::vector<std::string>& cidAll) const override;
  std::string getName() const override { return "MACHINE_ROOM"; }
  const std::set<std::string>& getConsumeridcs() const { return consumeridcs_; }

 private:
  std::vector<MessageQueue> premqAll(const std::vector<MessageQueue>& mqAll) const;
  std::set<std::string> consumeridcs_;
};

/// Java's String.split(String.valueOf(sep)) for a one-character literal separator (limit 0):
/// a leading empty piece is kept, trailing empty pieces are removed, no separator -> {s}.
std::vector<std::string_view> javaSplit(std::string_view s, char sep);

}  // namespace rmqsim
