// min_moves of an event (contract §4): the fewest queues that must change owner to go from the
// assignment before the event to some assignment whose loads differ by at most 1 for the
// membership after it. Queues of departed clients and unowned queues always count.
#pragma once

#include <cstdint>
#include <vector>

namespace rmqsim {

/// `before`: the owners of each queue just before the event (empty = none; several = overlap,
/// the most favourable one is kept); `members`: the clients after the event. Exact: with single
/// owners the largest holders take the ceil(Q/n) slots; with overlapping owners, a max flow
/// chooses which owner keeps each shared queue and which clients get the ceil slots.
std::int64_t minMoves(const std::vector<std::vector<std::int32_t>>& before, const std::vector<std::int32_t>& members);

/// Single-owner form: `before[q]` is the owner of queue q, -1 for none.
std::int64_t minMoves(const std::vector<std::int32_t>& before, const std::vector<std::int32_t>& members);

}  // namespace rmqsim
