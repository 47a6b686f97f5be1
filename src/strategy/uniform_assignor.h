// Not a RocketMQ class: a what-if after Kafka's KIP-848 server-side "uniform" assignor
// (OptimizedUniformAssignmentBuilder): balance first, then stickiness, over the member's whole
// assignment. RocketMQ assigns each topic on its own, so a group's summed loads can tilt even when
// every topic is balanced; this assignor pools the queues of all the group's topics (the retry
// topic included), keeps the loads of the pool within one, keeps every queue it can, and hands
// out the queues that must move round robin. No RocketMQ release ships it.
#pragma once

#include <cstdint>
#include <vector>

namespace rmqsim {

/// `previous[t][q]`: the member position that held queue q of topic t, or -1. Returns the owner
/// position of every queue, same shape.
std::vector<std::vector<std::int32_t>> uniformAssign(const std::vector<std::vector<std::int32_t>>& previous,
                                                     std::int32_t members);

}  // namespace rmqsim
