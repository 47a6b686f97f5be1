// Messages delivered more than once (contract §4 duplicates): per queue, the delivered offsets
// as disjoint intervals; a delivery's overlap with what was already delivered is duplicates,
// and offsets below the highest delivered one that were never delivered are skipped messages.
#pragma once

#include <cstdint>
#include <map>

namespace rmqsim {

class DuplicateCounter {
 public:
  /// Records delivery of [from, to); returns how many of those offsets were delivered before.
  std::int64_t deliver(std::int64_t from, std::int64_t to);
  /// Offsets in [0, highest delivered) not delivered so far (a later delivery may still fill them).
  std::int64_t holes() const { return end_ - covered_; }

 private:
  std::map<std::int64_t, std::int64_t> intervals_;  ///< start -> end, disjoint, non-adjacent
  std::int64_t covered_ = 0;  ///< offsets delivered at least once
  std::int64_t end_ = 0;      ///< highest delivered offset + 1
};

}  // namespace rmqsim
