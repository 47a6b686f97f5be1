#include "metrics/duplicate_counter.h"

#include <algorithm>
#include <iterator>

namespace rmqsim {

std::int64_t DuplicateCounter::deliverElsewhere(std::int64_t from, std::int64_t to) {
  if (to <= from) return 0;
  // Not a continuation of the last stretch (deliver() extends those): merge into all the intervals, then take the last one out again.
  if (!earlier_) earlier_ = std::make_unique<std::map<std::int64_t, std::int64_t>>();
  std::map<std::int64_t, std::int64_t>& intervals = *earlier_;
  if (hasLast_) intervals[lastStart_] = lastEnd_;
  std::int64_t dup = 0;
  std::int64_t lo = from, hi = to;
  // First interval that could touch [from, to): the one starting at or before `from`.
  auto it = intervals.upper_bound(from);
  if (it != intervals.begin()) --it;
  while (it != intervals.end() && it->first <= to) {
    if (it->second < from) {
      ++it;
      continue;
    }
    dup += std::max<std::int64_t>(0, std::min(it->second, to) - std::max(it->first, from));
    lo = std::min(lo, it->first);
    hi = std::max(hi, it->second);
    it = intervals.erase(it);
  }
  intervals[lo] = hi;
  const auto last = std::prev(intervals.end());
  lastStart_ = last->first, lastEnd_ = last->second, hasLast_ = true;
  intervals.erase(last);
  covered_ += (to - from) - dup;
  end_ = std::max(end_, to);
  return dup;
}

}  // namespace rmqsim
