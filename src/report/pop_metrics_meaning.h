// What the report's figures mean for a group that pops instead of owning queues (the 5.x proxy
// hands every client messages from every queue; FIFO groups one batch per queue at a time; a
// server-assigned POP group pops its allocate4Pop queues): one text for the JSON and text reports.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "metrics/run_result.h"

namespace rmqsim {

enum class PopKind {
  SHARED,    ///< rebalance: pop
  FIFO,      ///< rebalance: pop, orderly: true
  ASSIGNED,  ///< rebalance: server, message_request_mode: pop
};

/// The kind of a final group's popping (a g.pop group).
PopKind popKindOf(const GroupFinal& g);
/// (report key, its meaning for such a group), in report order.
const std::vector<std::pair<std::string, std::string>>& popMetricsMeaning(PopKind kind = PopKind::SHARED);

}  // namespace rmqsim
