// The `--format json` report (contract §3, keys in that order, then extras). Byte-stable: ordered
// keys, numbers rounded (seconds to 3 decimals), no NaN, so the same run prints the same bytes.
#pragma once

#include <nlohmann/json.hpp>

#include "metrics/run_result.h"
#include "scenario/scenario.h"

namespace rmqsim {

nlohmann::ordered_json buildJsonReport(const Scenario& scenario, const RunResult& result);

}  // namespace rmqsim
