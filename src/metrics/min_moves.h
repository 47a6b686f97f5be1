// min_moves of an event (contract §4): the fewest queues that must change owner to go from the
// assignment before the event to some assignment whose loads differ by at most 1 for the
// membership after it. Queues of departed clients and unowned queues always count.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace rmqsim {

/// `before`: the owner of each queue (-1 = none); `members`: the clients after the event.
/// Exact: the clients with the most kept queues take the ceil(Q/n) slots.
std::int64_t minMoves(const std::vector<std::int32_t>& before, const std::vector<std::int32_t>& members);

}  // namespace rmqsim
