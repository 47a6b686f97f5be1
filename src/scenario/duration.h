// Durations in scenario files are strings with units (contract §2): "250ms", "20s", "5m", "2h",
// also "1d" and compounds such as "1m30s". A bare number is refused: its unit would be a guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/sim_time.h"

namespace rmqsim {

/// Milliseconds, or nullopt when the text is not a duration.
std::optional<SimTime> parseDuration(std::string_view text);
/// The shortest compound form: 90000 -> "1m30s", 250 -> "250ms", 0 -> "0s".
std::string formatDuration(SimTime ms);

}  // namespace rmqsim
