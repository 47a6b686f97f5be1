// twin of common/.../consistenthash/ConsistentHashRouter.java (+ VirtualNode.java), 4.9.x and 5.x.
#include "strategy/consistent_hash_router.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace rmqsim {

ConsistentHashRouter::ConsistentHashRouter(const std::vector<std::string>& pNodes, int vNodeCount, Md5Hash& hash)
    : hash_(hash) {
  if (vNodeCount <= 0 || pNodes.empty()) return;
  // Java's getExistingReplicas scans the ring per node (O(n^2 v)); a surviving-entry counter per
  // distinct id gives the same numbers, collisions included.
  std::unordered_map<std::string_view, int> distinct;  // lookup only
  std::vector<int> distinctOf(pNodes.size());
  for (std::size_t i = 0; i < pNodes.size(); ++i)
    distinctOf[i] = distinct.try_emplace(pNodes[i], static_cast<int>(distinct.size())).first->second;
  std::vector<int> surviving(distinct.size(), 0);
  std::map<std::uint32_t, int> ring;
  std::string key;
  for (std::size_t i = 0; i < pNodes.size(); ++i) {
    int existing = surviving[static_cast<std::size_t>(distinctOf[i])];
    for (int j = 0; j < vNodeCount; ++j) {
      key.assign(pNodes[i]).append("-").append(std::to_string(existing + j));
      auto [it, inserted] = ring.try_emplace(hash_.hash(key), static_cast<int>(i));
      if (!inserted) {  // TreeMap.put replaces: the earlier owner loses this entry
        --surviving[static_cast<std::size_t>(distinctOf[static_cast<std::size_t>(it->second)])];
        it->second = static_cast<int>(i);
      }
      ++surviving[static_cast<std::size_t>(distinctOf[i])];
    }
  }
  keys_.reserve(ring.size());
  owners_.reserve(ring.size());
  for (const auto& [k, owner] : ring) {
    keys_.push_back(k);
    owners_.push_back(owner);
  }
}

int ConsistentHashRouter::routeHash(std::uint32_t h) const {
  if (keys_.empty()) return -1;
  auto it = std::lower_bound(keys_.begin(), keys_.end(), h);  // tailMap(h): first key >= h
  std::size_t pos = it == keys_.end() ? 0 : static_cast<std::size_t>(it - keys_.begin());
  return owners_[pos];
}

int ConsistentHashRouter::routeNode(std::string_view objectKey) const {
  if (keys_.empty()) return -1;
  return routeHash(hash_.hash(objectKey));
}

}  // namespace rmqsim
