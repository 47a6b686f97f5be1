#include "strategy/sticky_assignor.h"

#include <algorithm>

namespace rmqsim {

std::vector<std::int32_t> stickyAssign(const std::vector<std::int32_t>& previous, std::int32_t members,
                                       StickyFill fill) {
  const auto n = static_cast<std::size_t>(std::max(members, 0));
  std::vector<std::int32_t> owner(previous.size(), -1);
  if (n == 0) return owner;
  const std::size_t q = previous.size() / n, extra = previous.size() % n;
  std::vector<std::size_t> held(n, 0);
  for (std::int32_t p : previous)
    if (p >= 0 && static_cast<std::size_t>(p) < n) ++held[static_cast<std::size_t>(p)];
  // Capacities: q each; the `extra` ceil slots go first to members that would otherwise give a
  // queue up (held > q), in id order, then to the rest in id order. Kept = sum min(held, cap),
  // which this choice maximises.
  std::vector<std::size_t> cap(n, q);
  std::size_t given = 0;
  for (std::size_t m = 0; m < n && given < extra; ++m)
    if (held[m] > q) ++cap[m], ++given;
  for (std::size_t m = 0; m < n && given < extra; ++m)
    if (cap[m] == q) ++cap[m], ++given;
  // Keep: each member keeps its first `cap` previous queues, in queue order.
  std::vector<std::size_t> load(n, 0);
  std::vector<std::size_t> free;
  for (std::size_t i = 0; i < previous.size(); ++i) {
    const std::int32_t p = previous[i];
    if (p >= 0 && static_cast<std::size_t>(p) < n && load[static_cast<std::size_t>(p)] < cap[static_cast<std::size_t>(p)]) {
      owner[i] = p;
      ++load[static_cast<std::size_t>(p)];
    } else {
      free.push_back(i);
    }
  }
  // Move the rest to members with room.
  std::size_t m = 0;
  for (std::size_t i : free) {
    if (fill == StickyFill::ROUND_ROBIN) {
      while (load[m] >= cap[m]) m = (m + 1) % n;
      owner[i] = static_cast<std::int32_t>(m);
      ++load[m];
      m = (m + 1) % n;
    } else {
      while (load[m] >= cap[m]) ++m;  // the capacities add up to the queue count: m stays < n
      owner[i] = static_cast<std::int32_t>(m);
      ++load[m];
    }
  }
  return owner;
}

}  // namespace rmqsim
