// twin of client/.../consumer/rebalance/AllocateMessageQueueAveragely.java (4.9.x and 5.x).
#include "strategy/allocate_message_queue_averagely.h"

#include <algorithm>
#include <cstdint>

namespace rmqsim {

void AllocateMessageQueueAveragely::blockOf(std::size_t m, std::size_t n, std::size_t index, std::size_t& start,
                                            std::size_t& count) {
  // Java's formula kept verbatim (signed), so m <= n also falls out of it: positions >= m get nothing.
  auto M = static_cast<std::int64_t>(m), N = static_cast<std::int64_t>(n), k = static_cast<std::int64_t>(index);
  std::int64_t mod = M % N;
  std::int64_t averageSize = M <= N ? 1 : (mod > 0 && k < mod ? M / N + 1 : M / N);
  std::int64_t startIndex = (mod > 0 && k < mod) ? k * averageSize : k * averageSize + mod;
  std::int64_t range = std::min(averageSize, M - startIndex);
  start = static_cast<std::size_t>(std::max<std::int64_t>(startIndex, 0));
  count = static_cast<std::size_t>(std::max<std::int64_t>(range, 0));
}

AllocateResult AllocateMessageQueueAveragely::allocate(const std::string&, const std::string& currentCID,
                                                       const std::vector<MessageQueue>& mqAll,
                                                       const std::vector<std::string>& cidAll) const {
  std::vector<MessageQueue> result;
  if (!check(currentCID, mqAll, cidAll)) return result;
  auto index = static_cast<std::size_t>(std::find(cidAll.begin(), cidAll.end(), currentCID) - cidAll.begin());
  std::size_t start = 0, count = 0;
  blockOf(mqAll.size(), cidAll.size(), index, start, count);
  result.assign(mqAll.begin() + static_cast<std::ptrdiff_t>(start),
                mqAll.begin() + static_cast<std::ptrdiff_t>(start + count));
  return result;
}

std::vector<AllocateOutcome> AllocateMessageQueueAveragely::allocateAll(const std::string& consumerGroup,
                                                  const std::vector<MessageQueue>& mqAll,
                                                  const std::vector<std::string>& cidAll) const {
  return queuesAt(allocateAllPositions(consumerGroup, mqAll, cidAll), mqAll);
}

std::vector<AllocatePositions> AllocateMessageQueueAveragely::allocateAllPositions(
    const std::string&, const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll) const {
  std::vector<AllocatePositions> out(cidAll.size());
  std::vector<int> first = firstIndexes(cidAll);
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    if (auto err = memberCheckError(cidAll[i], mqAll)) {
      out[i].error = std::move(err);
      continue;
    }
    std::size_t start = 0, count = 0;
    blockOf(mqAll.size(), cidAll.size(), static_cast<std::size_t>(first[i]), start, count);
    auto& positions = out[i].result.emplace(count);
    for (std::size_t k = 0; k < count; ++k) positions[k] = static_cast<std::int32_t>(start + k);
  }
  return out;
}

}  // namespace rmqsim
