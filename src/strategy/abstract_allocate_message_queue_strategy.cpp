// twin of client/.../consumer/rebalance/AbstractAllocateMessageQueueStrategy.java (4.9.x and 5.x).
#include "strategy/abstract_allocate_message_queue_strategy.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace rmqsim {

bool AbstractAllocateMessageQueueStrategy::check(const std::string& currentCID,
                                                 const std::vector<MessageQueue>& mqAll,
                                                 const std::vector<std::string>& cidAll) {
  // StringUtils.isEmpty: only "" fails; a blank " " is a legal id.
  if (currentCID.empty()) throw IllegalArgumentError("currentCID is empty");
  if (mqAll.empty()) throw IllegalArgumentError("mqAll is null or mqAll empty");
  if (cidAll.empty()) throw IllegalArgumentError("cidAll is null or cidAll empty");
  return std::find(cidAll.begin(), cidAll.end(), currentCID) != cidAll.end();
}

std::optional<std::string> AbstractAllocateMessageQueueStrategy::memberCheckError(
    const std::string& currentCID, const std::vector<MessageQueue>& mqAll) {
  if (currentCID.empty()) return "currentCID is empty";
  if (mqAll.empty()) return "mqAll is null or mqAll empty";
  return std::nullopt;
}

std::vector<AllocateOutcome> queuesAt(std::vector<AllocatePositions> positions, const std::vector<MessageQueue>& mqAll) {
  std::vector<AllocateOutcome> out(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    out[i].error = std::move(positions[i].error);
    if (!positions[i].result) continue;
    auto& queues = out[i].result.emplace();
    queues.reserve(positions[i].result->size());
    for (std::int32_t p : *positions[i].result) queues.push_back(mqAll[static_cast<std::size_t>(p)]);
  }
  return out;
}

std::vector<int> firstIndexes(const std::vector<std::string>& cidAll) {
  std::vector<int> out(cidAll.size());
  // A list in byte order (RebalanceImpl sorts cidAll, and Java order is byte order for ASCII ids)
  // has equal ids side by side: one compare a neighbour, no hashing or table.
  bool ordered = true;
  for (std::size_t i = 0; i < cidAll.size() && ordered; ++i) {
    const int c = i == 0 ? -1 : cidAll[i - 1].compare(cidAll[i]);
    ordered = c <= 0;
    out[i] = c == 0 ? out[i - 1] : static_cast<int>(i);
  }
  if (ordered) return out;
  // Lookup only: the map's iteration order never reaches a result.
  std::unordered_map<std::string_view, int> first;
  first.reserve(cidAll.size());
  for (std::size_t i = 0; i < cidAll.size(); ++i)
    out[i] = first.try_emplace(cidAll[i], static_cast<int>(i)).first->second;
  return out;
}

}  // namespace rmqsim
