#include "metrics/sorted_members.h"

#include <algorithm>
#include <iterator>

#include "rocketmq/common/java_string.h"

namespace rmqsim {

namespace {
constexpr std::size_t kPlacedAtMost = 16;  ///< more new clients than this: sort them all
}

void SortedMembers::update(const std::vector<ClientIndex>& members, const RunCatalog& catalog, ClientIdOrder& idOrder) {
  if (members == members_) return;
  std::vector<ClientIndex> added;
  std::set_difference(members.begin(), members.end(), members_.begin(), members_.end(), std::back_inserter(added));
  members_ = members;
  if (added.size() > kPlacedAtMost) return sortAll(catalog, idOrder);
  std::size_t kept = 0;
  for (std::size_t k = 0; k < byId_.size(); ++k) {
    if (!std::binary_search(members.begin(), members.end(), byId_[k])) continue;
    if (kept != k) byId_[kept] = byId_[k], cidAll_[kept] = std::move(cidAll_[k]);
    ++kept;
  }
  byId_.resize(kept);
  cidAll_.resize(kept);
  for (ClientIndex c : added) place(c, catalog);
}

void SortedMembers::sortAll(const RunCatalog& catalog, ClientIdOrder& idOrder) {
  std::vector<std::string> ids;
  ids.reserve(members_.size());
  for (ClientIndex c : members_) ids.push_back(catalog.clients[static_cast<std::size_t>(c)].clientId);
  const std::vector<std::uint32_t> order = idOrder.sortedPositions(ids);  // stable: a shared id keeps index order
  byId_.clear();
  cidAll_.clear();
  for (std::uint32_t i : order) byId_.push_back(members_[i]), cidAll_.push_back(std::move(ids[i]));
}

void SortedMembers::place(ClientIndex c, const RunCatalog& catalog) {
  const std::string& id = catalog.clients[static_cast<std::size_t>(c)].clientId;
  // After every id before it in String order and every equal id of a smaller index.
  std::size_t lo = 0, hi = byId_.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    const int cmp = javaCompare(id, cidAll_[mid]);
    if (cmp < 0 || (cmp == 0 && c < byId_[mid])) hi = mid;
    else lo = mid + 1;
  }
  byId_.insert(byId_.begin() + static_cast<std::ptrdiff_t>(lo), c);
  cidAll_.insert(cidAll_.begin() + static_cast<std::ptrdiff_t>(lo), id);
}

}  // namespace rmqsim
