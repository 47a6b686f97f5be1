// Plain-language findings for people ("3 consumers are idle: the group has more consumers than
// queues"), shared by the text report, the JSON report's "warnings" and `check`.
#pragma once

#include <string>
#include <vector>

#include "metrics/run_result.h"
#include "scenario/scenario.h"

namespace rmqsim {

std::vector<std::string> plainWarnings(const Scenario& scenario, const RunResult& result);

}  // namespace rmqsim
