// Not a RocketMQ class: the minimum-move balanced assignment, a what-if no RocketMQ release ships
// (users asked for it in apache/rocketmq #2149; PR #2169 was never merged). Loads end within one
// of each other and every queue whose previous owner is still a member and still has room stays
// where it was; only the rest moves. Pure function over positions; the broker-side
// QueryAssignmentProcessor keeps the previous assignment.
#pragma once

#include <cstdint>
#include <vector>

namespace rmqsim {

/// How queues that must move are handed out to members with room.
enum class StickyFill {
  CONTIGUOUS,   ///< member by member in id order, each filled up (from nothing: AVG's blocks)
  ROUND_ROBIN,  ///< one queue per member with room in turn (KIP-848's uniform assignor)
};

/// `previous[q]`: the member position (0..members-1, in sorted-id order) that held queue q, or
/// -1 (nobody, or a member that left). Returns the owner position of each queue (-1 only when
/// there are no members). The members given a load of ceil(Q/n) are those that held more than
/// floor(Q/n), first in id order, so the fewest queues move.
std::vector<std::int32_t> stickyAssign(const std::vector<std::int32_t>& previous, std::int32_t members,
                                       StickyFill fill = StickyFill::CONTIGUOUS);

}  // namespace rmqsim
