// twin of client/.../consumer/rebalance/AllocateMessageQueueAveragelyByCircle.java (4.9.x and 5.x).
#include "strategy/allocate_message_queue_averagely_by_circle.h"

#include <algorithm>

namespace rmqsim {
namespace {

// Java walks i from index testing i % n == index; stepping by n visits the same positions.
std::vector<MessageQueue> circleOf(const std::vector<MessageQueue>& mqAll, std::size_t n, std::size_t index) {
  std::vector<MessageQueue> result;
  if (index < mqAll.size()) result.reserve((mqAll.size() - index + n - 1) / n);
  for (std::size_t i = index; i < mqAll.size(); i += n) result.push_back(mqAll[i]);
  return result;
}

}  // namespace

AllocateResult AllocateMessageQueueAveragelyByCircle::allocate(const std::string&, const std::string& currentCID,
                                                               const std::vector<MessageQueue>& mqAll,
                                                               const std::vector<std::string>& cidAll) const {
  if (!check(currentCID, mqAll, cidAll)) return std::vector<MessageQueue>{};
  auto index = static_cast<std::size_t>(std::find(cidAll.begin(), cidAll.end(), currentCID) - cidAll.begin());
  return circleOf(mqAll, cidAll.size(), index);
}

std::vector<AllocateOutcome> AllocateMessageQueueAveragelyByCircle::allocateAll(const std::string& consumerGroup,
                                                  const std::vector<MessageQueue>& mqAll,
                                                  const std::vector<std::string>& cidAll) const {
  return queuesAt(allocateAllPositions(consumerGroup, mqAll, cidAll), mqAll);
}

std::vector<AllocatePositions> AllocateMessageQueueAveragelyByCircle::allocateAllPositions(
    const std::string&, const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll) const {
  std::vector<AllocatePositions> out(cidAll.size());
  std::vector<int> first = firstIndexes(cidAll);
  const std::size_t n = cidAll.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (auto err = memberCheckError(cidAll[i], mqAll)) {
      out[i].error = std::move(err);
      continue;
    }
    auto& positions = out[i].result.emplace();
    const auto index = static_cast<std::size_t>(first[i]);  // a duplicate gets its first position's share
    if (index < mqAll.size()) positions.reserve((mqAll.size() - index + n - 1) / n);
    for (std::size_t k = index; k < mqAll.size(); k += n) positions.push_back(static_cast<std::int32_t>(k));
  }
  return out;
}

}  // namespace rmqsim
