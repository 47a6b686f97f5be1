// The story as the simulator's event stream (rocketmq/common/sim_event.h), so the metrics
// collector and the timeline recorder that `run` feeds measure a replay exactly as they
// measure a simulation: same report, same definitions (contract §4).
#pragma once

#include <vector>

#include "replay/episode_detector.h"
#include "replay/replay_story.h"
#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"

namespace rmqsim {

struct ReplayStream {
  RunCatalog catalog;
  std::vector<SimEvent> events;  ///< time order, ending with EvRunEnd
};

/// `scenario` is the one scenario_writer wrote for the story (parsed): its events are the
/// episodes, in order, and its groups name the story's.
ReplayStream buildReplayStream(const ReplayStory& story, const ReplayPlan& plan, const Scenario& scenario);

}  // namespace rmqsim
