// twin of common/.../consistenthash/ConsistentHashRouter.java (+ VirtualNode.java), 4.9.x and 5.x.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "strategy/md5_hash.h"

namespace rmqsim {

/// The MD5 ring: physical nodes are ids given in order, each adding virtual nodes "<id>-<j>".
/// Java's TreeMap put semantics: an equal hash replaces the entry (the later node wins), and a
/// node's first replica index is the number of ring entries its id still owns.
class ConsistentHashRouter {
 public:
  /// Java ConsistentHashRouter(pNodes, vNodeCount): addNode for each id in order. vNodeCount >= 0.
  ConsistentHashRouter(const std::vector<std::string>& pNodes, int vNodeCount, Md5Hash& hash);

  /// Java routeNode: index into pNodes of the node owning the first ring key >= hash(objectKey),
  /// wrapping to the smallest key; -1 when the ring is empty.
  int routeNode(std::string_view objectKey) const;
  /// Same, for an already computed hash.
  int routeHash(std::uint32_t h) const;
  bool empty() const { return keys_.empty(); }
  std::size_t size() const { return keys_.size(); }

 private:
  Md5Hash& hash_;
  std::vector<std::uint32_t> keys_;  ///< ascending ring keys
  std::vector<int> owners_;          ///< pNodes index per key
};

}  // namespace rmqsim
