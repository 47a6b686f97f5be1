#include "metrics/loads_within_one.h"

#include <algorithm>

namespace rmqsim {

namespace {

bool spreadAtMostOne(const std::map<ClientIndex, std::int64_t>& loads) {
  std::int64_t lo = loads.begin()->second, hi = lo;
  for (const auto& [c, n] : loads) lo = std::min(lo, n), hi = std::max(hi, n);
  return hi - lo <= 1;
}

}  // namespace

bool loadsWithinOne(const GroupState& g) {
  if (g.live.empty()) return true;
  auto zero = [&g] {
    std::map<ClientIndex, std::int64_t> m;
    for (ClientIndex c : g.live) m[c] = 0;
    return m;
  };
  std::map<ClientIndex, std::int64_t> overall = zero();
  for (const auto& [topic, queues] : g.universe) {
    std::map<ClientIndex, std::int64_t> perTopic = zero();
    for (QueueIndex q : queues) {
      const QueueState* qs = g.queues.find(q);
      if (!qs || qs->owners.size() != 1) continue;
      const ClientIndex c = qs->owners.front();
      if (!perTopic.count(c)) continue;
      ++perTopic[c];
      ++overall[c];
    }
    if (g.target == GroupState::Target::BALANCED_PER_TOPIC && !spreadAtMostOne(perTopic)) return false;
  }
  return g.target != GroupState::Target::BALANCED_OVERALL || spreadAtMostOne(overall);
}

}  // namespace rmqsim
