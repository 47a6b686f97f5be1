// The end-of-run figures (contract §3 `final`, `assignment`): loads per topic and summed over a
// group's topics, completeness, shared client ids, and the all-groups roll-up.
#pragma once

#include <vector>

#include "metrics/collector_state.h"
#include "metrics/run_result.h"
#include "scenario/scenario.h"

namespace rmqsim {

GroupFinal groupFinal(const GroupState& state, const GroupSpec& spec, const RunCatalog& catalog);

/// All groups: sums of consumers, queues and idle; the worst imbalance figures; the lowest Jain
/// index; complete when every group is.
BalanceStats allGroupsBalance(const std::vector<GroupFinal>& groups);

}  // namespace rmqsim
