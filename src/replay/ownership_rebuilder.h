// Client lives → ReplayStory: each client's process-queue table replayed from its own lines
// (RebalanceImpl.updateProcessQueueTableInRebalance logs "add a new mq" right after the put and
// "remove unnecessary mq" after the removal; the drop itself, pq.setDropped(true), comes before
// the offset persist that logs "[persist] ..." or "remove unnecessary messageQueue offset", so
// a removal counts from the first of those lines), checked against each "rebalanced result
// changed" set, and how each client left.
#pragma once

#include "replay/log_reader.h"
#include "replay/replay_story.h"

namespace rmqsim {

/// A client whose log ends and whose group-mates learn of it within this is a kill (the channel
/// closed); later, or never, a crash (the broker waited for the channel to expire).
inline constexpr SimTime kKillDetectionWindow = 60 * kSecond;

ReplayStory rebuildOwnership(const ReplayInput& input);

}  // namespace rmqsim
