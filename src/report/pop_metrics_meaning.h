// What the report's figures mean for a rebalance: pop group, which owns no queue (the 5.x
// proxy hands every client messages from every queue): one text for the JSON and text reports.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace rmqsim {

/// (report key, its meaning for a pop group), in report order.
const std::vector<std::pair<std::string, std::string>>& popMetricsMeaning();

}  // namespace rmqsim
