// Not a Java twin: Java's String order of client ids (String.compareTo, as RebalanceImpl's
// Collections.sort(cidAll) and the strategies' checks use it) as integer ranks. Every id is
// placed once, by a binary search of string compares, in the order of all ids seen; sorting a
// list of 1,000 ids then compares integers instead of strings that share long prefixes
// ("10.0.3.17@..."), which were the bulk of a churn run's sorting (one sort per broker and
// consumer-list version, and one per membership in the metrics).
#pragma once

#include <cstdint>
#include <string>
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
  /// Ids held (every distinct id ranked so far).
  std::size_t size() const { return slots_.size(); }

 private:
  using Slot = std::pair<const std::string, std::uint32_t>;  ///< the id and its rank
  Slot& place(const std::string& id);  ///< the id's slot, inserted in order if new
  void renumber();                     ///< ranks = positions in sorted_, after inserts
  std::unordered_map<std::string, std::uint32_t> slots_;     ///< node-based: slots stay put
  std::vector<Slot*> sorted_;                                ///< every slot in String order
  bool ranksStale_ = false;                                  ///< an insert shifted the ranks
};

}  // namespace rmqsim
