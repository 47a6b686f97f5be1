// Messages delivered more than once (contract §4 duplicates): per queue, the delivered offsets
// as disjoint intervals; a delivery's overlap with what was already delivered is duplicates,
// and offsets below the highest delivered one that were never delivered are skipped messages.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>

namespace rmqsim {

class DuplicateCounter {
 public:
  /// Records delivery of [from, to); returns how many of those offsets were delivered before.
  std::int64_t deliver(std::int64_t from, std::int64_t to) {
    // The usual delivery continues the last stretch: extend it in place (inline: no call).
    if (to > from && hasLast_ && lastEnd_ == from) {
      lastEnd_ = to;
      covered_ += to - from;
      end_ = std::max(end_, to);
      return 0;
    }
    return deliverElsewhere(from, to);
  }
  /// Offsets in [0, highest delivered) not delivered so far (a later delivery may still fill them).
  std::int64_t holes() const { return end_ - covered_; }

 private:
  /// Any other delivery: merged into all the intervals.
  std::int64_t deliverElsewhere(std::int64_t from, std::int64_t to);
  /// The intervals before the last one: start -> end, disjoint, non-adjacent; made on the first
  /// delivery that does not continue the last one (a pointer: the usual delivery reads 48 bytes).
  std::unique_ptr<std::map<std::int64_t, std::int64_t>> earlier_;
  /// The last interval, in place: the usual delivery continues it (no tree node to fetch).
  std::int64_t lastStart_ = 0, lastEnd_ = 0;
  bool hasLast_ = false;
  std::int64_t covered_ = 0;  ///< offsets delivered at least once
  std::int64_t end_ = 0;      ///< highest delivered offset + 1
};

}  // namespace rmqsim
