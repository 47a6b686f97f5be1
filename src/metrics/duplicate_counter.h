// Messages delivered more than once (contract §4 duplicates): per queue, the delivered offsets
// as disjoint intervals; a delivery's overlap with what was already delivered is duplicates.
#pragma once

#include <cstdint>
#include <map>

namespace rmqsim {

class DuplicateCounter {
 public:
  /// Records delivery of [from, to); returns how many of those offsets were delivered before.
  std::int64_t deliver(std::int64_t from, std::int64_t to);

 private:
  std::map<std::int64_t, std::int64_t> intervals_;  ///< start -> end, disjoint, non-adjacent
};

}  // namespace rmqsim
