#include "strategy/uniform_assignor.h"

#include "strategy/sticky_assignor.h"

namespace rmqsim {

std::vector<std::vector<std::int32_t>> uniformAssign(const std::vector<std::vector<std::int32_t>>& previous,
                                                     std::int32_t members) {
  std::vector<std::int32_t> pool;
  for (const auto& topic : previous) pool.insert(pool.end(), topic.begin(), topic.end());
  const std::vector<std::int32_t> owners = stickyAssign(pool, members, StickyFill::ROUND_ROBIN);
  std::vector<std::vector<std::int32_t>> out;
  out.reserve(previous.size());
  std::size_t at = 0;
  for (const auto& topic : previous) {
    out.emplace_back(owners.begin() + static_cast<std::ptrdiff_t>(at),
                     owners.begin() + static_cast<std::ptrdiff_t>(at + topic.size()));
    at += topic.size();
  }
  return out;
}

}  // namespace rmqsim
