#include "rocketmq/common/client_id_order.h"

#include <algorithm>
#include <utility>

#include "rocketmq/common/java_string.h"

namespace rmqsim {

ClientIdOrder::Slot& ClientIdOrder::place(const std::string& id) {
  auto [it, inserted] = slots_.try_emplace(id, Ranked{0, 0});
  if (inserted) {
    it->second.hash = idHash(id);
    // New ids are rare (a client start): O(log n) compares to place it, O(n) to shift.
    auto pos = std::lower_bound(sorted_.begin(), sorted_.end(), id,
                                [](const Slot* s, const std::string& v) { return javaCompare(s->first, v) < 0; });
    sorted_.insert(pos, &*it);
    ranksStale_ = true;
  }
  return *it;
}

void ClientIdOrder::renumber() {
  if (!ranksStale_) return;
  for (std::size_t i = 0; i < sorted_.size(); ++i) sorted_[i]->second.rank = static_cast<std::uint32_t>(i);
  ranksStale_ = false;
}

std::uint32_t ClientIdOrder::rank(const std::string& id) {
  Slot& s = place(id);
  renumber();
  return s.second.rank;
}

std::vector<std::uint32_t> ClientIdOrder::sortedPositions(const std::vector<std::string>& ids) {
  std::vector<std::size_t> hashes;
  return sortedPositions(ids, hashes);
}

std::vector<std::uint32_t> ClientIdOrder::sortedPositions(const std::vector<std::string>& ids,
                                                          std::vector<std::size_t>& hashes) {
  // Place every id first (the new ones), then read the ranks: one renumbering at most.
  std::vector<const Slot*> slots;
  slots.reserve(ids.size());
  for (const std::string& id : ids) slots.push_back(&place(id));
  renumber();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> order;  // (rank, position): ties in list order
  order.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) order.emplace_back(slots[i]->second.rank, static_cast<std::uint32_t>(i));
  std::sort(order.begin(), order.end());
  std::vector<std::uint32_t> positions;
  positions.reserve(ids.size());
  hashes.clear();
  hashes.reserve(ids.size());
  for (const auto& o : order) {
    positions.push_back(o.second);
    hashes.push_back(slots[o.second]->second.hash);
  }
  return positions;
}

}  // namespace rmqsim
