#include "metrics/min_moves.h"

#include <algorithm>
#include <functional>

namespace rmqsim {

std::int64_t minMoves(const std::vector<std::int32_t>& before, const std::vector<std::int32_t>& members) {
  const auto q = static_cast<std::int64_t>(before.size());
  const auto n = static_cast<std::int64_t>(members.size());
  if (q == 0 || n == 0) return 0;
  std::map<std::int32_t, std::int64_t> load;
  for (std::int32_t m : members) load[m] = 0;
  for (std::int32_t owner : before) {
    auto it = load.find(owner);
    if (it != load.end()) ++it->second;
  }
  std::vector<std::int64_t> loads;
  for (const auto& [c, l] : load) loads.push_back(l);
  std::sort(loads.begin(), loads.end(), std::greater<>());
  // Targets: (q mod n) clients hold ceil, the rest floor. Keeping min(load, target) per client is
  // achievable and optimal; the ceil slots go to the largest current loads.
  const std::int64_t floorT = q / n, ceilCount = q % n;
  std::int64_t kept = 0;
  for (std::size_t i = 0; i < loads.size(); ++i) {
    const std::int64_t target = floorT + (static_cast<std::int64_t>(i) < ceilCount ? 1 : 0);
    kept += std::min(loads[i], target);
  }
  return q - kept;
}

}  // namespace rmqsim
