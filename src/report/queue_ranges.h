// Compact queue lists for people: "orders@broker-a[0-3,6] %RETRY%g@broker-b[0]".
#pragma once

#include <string>
#include <vector>

namespace rmqsim {

/// `queues` as "topic@broker:id" keys, any order; grouped by topic@broker, ids as ranges.
std::string compactQueueRanges(const std::vector<std::string>& queues);

}  // namespace rmqsim
