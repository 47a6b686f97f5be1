// Not a Java twin: Java's String order of client ids (String.compareTo, as RebalanceImpl's
// Collections.sort(cidAll) and the strategies' checks use it) as integer ranks. Every id is
// placed once, by a binary search of string compares, in the order of all ids seen; sorting a
// list of 1,000 ids then compares integers instead of strings that share long prefixes
// ("10.0.3.17@..."), which were the bulk of a churn run's sorting (one sort per broker and
// consumer-list version, and one per membership in the metrics).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rmqsim {

class ClientIdOrder {
 public:
  /// The rank of `id` among the ids seen so far: a < b (javaCompare) iff rank(a) < rank(b);
  /// equal ids share one. Ranks stay valid until the next unseen id is ranked.
  std::uint32_t rank(const std::string& id);
  /// The positions of `ids` in Java String order, equal ids in list order (a stable sort).
  std::vector<std::uint32_t> sortedPositions(const std::vector<std::string>& ids);
  /// sortedPositions, and `hashes` (cleared first) gets each id's idHash in that sorted order:
  /// an id is hashed once, when first ranked.
  std::vector<std::uint32_t> sortedPositions(const std::vector<std::string>& ids, std::vector<std::size_t>& hashes);
  /// The hash kept with each id (std::hash of its characters).
  static std::size_t idHash(std::string_view id) { return std::hash<std::string_view>()(id); }
  /// Ids held (every distinct id ranked so far).
  std::size_t size() const { return slots_.size(); }

 private:
  struct Ranked {
    std::uint32_t rank;
    std::size_t hash;  ///< idHash(id)
  };
  using Slot = std::pair<const std::string, Ranked>;  ///< the id, its rank and hash
  Slot& place(const std::string& id);  ///< the id's slot, inserted in order if new
  void renumber();                     ///< ranks = positions in sorted_, after inserts
  std::unordered_map<std::string, Ranked> slots_;            ///< node-based: slots stay put
  std::vector<Slot*> sorted_;                                ///< every slot in String order
  bool ranksStale_ = false;                                  ///< an insert shifted the ranks
};

}  // namespace rmqsim
