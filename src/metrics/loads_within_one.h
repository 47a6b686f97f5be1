// Convergence target of the what-if assignors (rebalance: sticky / uniform): their answer depends
// on the assignment they gave before, not on the membership alone, so there is no strategy
// result to compare with; a complete assignment whose loads are within one is where they stop.
#pragma once

#include "metrics/collector_state.h"

namespace rmqsim {

/// Every live member's load within one of every other's: per topic (BALANCED_PER_TOPIC) or
/// summed over the group's topics (BALANCED_OVERALL). Counts single owners only (the caller
/// checks completeness first).
bool loadsWithinOne(const GroupState& g);

}  // namespace rmqsim
