#include "metrics/duplicate_counter.h"

#include <algorithm>
#include <iterator>

namespace rmqsim {

std::int64_t DuplicateCounter::deliver(std::int64_t from, std::int64_t to) {
  if (to <= from) return 0;
  // The usual delivery continues the last stretch: extend it in place (what the merge below
  // does, without erasing and re-inserting its node).
  if (!intervals_.empty()) {
    auto last = std::prev(intervals_.end());
    if (last->second == from) {
      last->second = to;
      covered_ += to - from;
      end_ = std::max(end_, to);
      return 0;
    }
  }
  std::int64_t dup = 0;
  std::int64_t lo = from, hi = to;
  // First interval that could touch [from, to): the one starting at or before `from`.
  auto it = intervals_.upper_bound(from);
  if (it != intervals_.begin()) --it;
  while (it != intervals_.end() && it->first <= to) {
    if (it->second < from) {
      ++it;
      continue;
    }
    dup += std::max<std::int64_t>(0, std::min(it->second, to) - std::max(it->first, from));
    lo = std::min(lo, it->first);
    hi = std::max(hi, it->second);
    it = intervals_.erase(it);
  }
  intervals_[lo] = hi;
  covered_ += (to - from) - dup;
  end_ = std::max(end_, to);
  return dup;
}

}  // namespace rmqsim
