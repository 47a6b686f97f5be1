// twin of client/.../consumer/rebalance/AbstractAllocateMessageQueueStrategy.java (4.9.x and 5.x).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim {

/// The input checks shared by every built-in strategy except CONFIG.
class AbstractAllocateMessageQueueStrategy : public AllocateMessageQueueStrategy {
 public:
  /// Java check(): throws IllegalArgumentError for an empty currentCID, then an empty mqAll,
  /// then an empty cidAll (in that order); false when currentCID is not in cidAll.
  static bool check(const std::string& currentCID, const std::vector<MessageQueue>& mqAll,
                    const std::vector<std::string>& cidAll);
  /// The message check() throws for a MEMBER of a non-empty cidAll, or nullopt if it passes.
  static std::optional<std::string> memberCheckError(const std::string& currentCID,
                                                     const std::vector<MessageQueue>& mqAll);
};

/// allocateAll's outcomes from allocateAllPositions' (the queues copied out of mqAll).
std::vector<AllocateOutcome> queuesAt(std::vector<AllocatePositions> positions, const std::vector<MessageQueue>& mqAll);

/// For each position of cidAll, the first index of the same id (Java's indexOf); O(n).
std::vector<int> firstIndexes(const std::vector<std::string>& cidAll);

}  // namespace rmqsim
