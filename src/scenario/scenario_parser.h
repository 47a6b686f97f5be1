// Scenario files (contract §2) → the plain structs of scenario.h, with every problem reported at
// once (ScenarioError, exit code 2). --set overrides are applied to the YAML first and checked
// by the same rules; --seed replaces `seed:`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.h"

namespace rmqsim {

Scenario loadScenarioFile(const std::string& path, const std::vector<std::string>& sets = {},
                          std::optional<std::uint64_t> seed = std::nullopt);
Scenario parseScenarioText(std::string_view yaml, const std::string& displayName, const std::vector<std::string>& sets = {},
                           std::optional<std::uint64_t> seed = std::nullopt);

}  // namespace rmqsim
