#include "rocketmq/common/rebalance_mode.h"

namespace rmqsim {

const std::vector<std::string>& rebalanceModeNames() {
  static const std::vector<std::string> names = {"client", "server", "sticky", "uniform", "pop"};
  return names;
}

const std::string& rebalanceModeName(RebalanceMode m) { return rebalanceModeNames()[static_cast<std::size_t>(m)]; }

const std::vector<std::string>& queryAssignmentStrategyNames() {
  static const std::vector<std::string> names = {"AVG", "AVG_BY_CIRCLE"};
  return names;
}

bool serverRefusesStrategy(RebalanceMode m, bool orderly, bool broadcasting, std::string_view strategy) {
  if (m != RebalanceMode::SERVER || orderly || broadcasting) return false;
  for (const std::string& n : queryAssignmentStrategyNames())
    if (n == strategy) return false;
  return true;
}

std::optional<RebalanceMode> parseRebalanceMode(std::string_view name) {
  const auto& names = rebalanceModeNames();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<RebalanceMode>(i);
  return std::nullopt;
}

}  // namespace rmqsim
