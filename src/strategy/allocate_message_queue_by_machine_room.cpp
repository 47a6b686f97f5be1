// twin of client/.../consumer/rebalance/AllocateMessageQueueByMachineRoom.java (4.9.x and 5.x).
#include "strategy/allocate_message_queue_by_machine_room.h"

#include <algorithm>

namespace rmqsim {
namespace {

// The queues of premq that position `index` (of n) gets: the front block, then one from the tail.
std::vector<MessageQueue> shareOf(const std::vector<MessageQueue>& premq, std::size_t n, std::size_t index) {
  std::size_t mod = premq.size() / n, rem = premq.size() % n;
  std::vector<MessageQueue> result(premq.begin() + static_cast<std::ptrdiff_t>(mod * index),
                                   premq.begin() + static_cast<std::ptrdiff_t>(mod * index + mod));
  if (rem > index) result.push_back(premq[index + mod * n]);
  return result;
}

}  // namespace

std::vector<std::string_view> javaSplit(std::string_view s, char sep) {
  std::vector<std::string_view> pieces;
  if (s.find(sep) == std::string_view::npos) return {s};
  std::size_t from = 0;
  while (true) {
    std::size_t at = s.find(sep, from);
    if (at == std::string_view::npos) {
      pieces.push_back(s.substr(from));
      break;
    }
    pieces.push_back(s.substr(from, at - from));
    from = at + 1;
  }
  while (!pieces.empty() && pieces.back().empty()) pieces.pop_back();
  return pieces;
}

std::vector<MessageQueue> AllocateMessageQueueByMachineRoom::premqAll(const std::vector<MessageQueue>& mqAll) const {
  std::vector<MessageQueue> premq;
  for (const auto& mq : mqAll) {
    auto temp = javaSplit(mq.brokerName, '@');
    if (temp.size() == 2 && consumeridcs_.count(std::string(temp[0])) > 0) premq.push_back(mq);
  }
  return premq;
}

AllocateResult AllocateMessageQueueByMachineRoom::allocate(const std::string&, const std::string& currentCID,
                                                           const std::vector<MessageQueue>& mqAll,
                                                           const std::vector<std::string>& cidAll) const {
  if (!check(currentCID, mqAll, cidAll)) return std::vector<MessageQueue>{};
  auto index = static_cast<std::size_t>(std::find(cidAll.begin(), cidAll.end(), currentCID) - cidAll.begin());
  return shareOf(premqAll(mqAll), cidAll.size(), index);
}

std::vector<AllocateOutcome> AllocateMessageQueueByMachineRoom::allocateAll(
    const std::string&, const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll) const {
  std::vector<AllocateOutcome> out(cidAll.size());
  std::vector<MessageQueue> premq = premqAll(mqAll);
  std::vector<int> first = firstIndexes(cidAll);
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    if (auto err = memberCheckError(cidAll[i], mqAll)) out[i].error = std::move(err);
    else out[i].result = shareOf(premq, cidAll.size(), static_cast<std::size_t>(first[i]));
  }
  return out;
}

}  // namespace rmqsim
