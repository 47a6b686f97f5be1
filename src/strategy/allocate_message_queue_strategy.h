// twin of client/.../consumer/AllocateMessageQueueStrategy.java (4.9.x and 5.x).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "rocketmq/common/message_queue.h"

namespace rmqsim {

/// Java's IllegalArgumentException thrown by a strategy; what() is RocketMQ's exact message.
class IllegalArgumentError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The queues one client gets; nullopt mirrors Java's null (CONFIG with no list).
using AllocateResult = std::optional<std::vector<MessageQueue>>;

/// One member's outcome: a result, or the IllegalArgumentError message Java would throw.
struct AllocateOutcome {
  AllocateResult result;
  std::optional<std::string> error;
};

/// One member's outcome as positions in mqAll: Java's result lists hold references to mqAll's
/// objects, positions are the copy-free equivalent (what the simulator needs).
struct AllocatePositions {
  std::optional<std::vector<std::int32_t>> result;  ///< nullopt mirrors Java's null
  std::optional<std::string> error;
};

/// A pure allocation function: no I/O, no clock, no RNG, no mutable state.
class AllocateMessageQueueStrategy {
 public:
  virtual ~AllocateMessageQueueStrategy() = default;

  /// Java allocate(consumerGroup, currentCID, mqAll, cidAll): lists used in the order given.
  /// Throws IllegalArgumentError where Java throws IllegalArgumentException.
  virtual AllocateResult allocate(const std::string& consumerGroup, const std::string& currentCID,
                                  const std::vector<MessageQueue>& mqAll,
                                  const std::vector<std::string>& cidAll) const = 0;

  /// Every member's result at once, indexed like cidAll (duplicated ids get equal results).
  /// Equal to calling allocate() per member; strategies override it where one shared
  /// computation (the consistent-hash ring) serves the whole group.
  virtual std::vector<AllocateOutcome> allocateAll(const std::string& consumerGroup,
                                                  const std::vector<MessageQueue>& mqAll,
                                                  const std::vector<std::string>& cidAll) const;

  /// allocateAll with positions instead of copies. The default maps allocateAll's queues back
  /// to their first position in mqAll; AVG and AVG_BY_CIRCLE compute positions directly.
  virtual std::vector<AllocatePositions> allocateAllPositions(const std::string& consumerGroup,
                                                              const std::vector<MessageQueue>& mqAll,
                                                              const std::vector<std::string>& cidAll) const;

  /// Java getName(): "AVG", "CONSISTENT_HASH", "MACHINE_ROOM_NEARBY-AVG", ...
  virtual std::string getName() const = 0;
};

}  // namespace rmqsim
