#include "rocketmq/common/rebalance_mode.h"

namespace rmqsim {

const std::vector<std::string>& rebalanceModeNames() {
  static const std::vector<std::string> names = {"client", "server", "sticky", "uniform"};
  return names;
}

const std::string& rebalanceModeName(RebalanceMode m) { return rebalanceModeNames()[static_cast<std::size_t>(m)]; }

std::optional<RebalanceMode> parseRebalanceMode(std::string_view name) {
  const auto& names = rebalanceModeNames();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<RebalanceMode>(i);
  return std::nullopt;
}

}  // namespace rmqsim
