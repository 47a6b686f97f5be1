// `replay` end to end up to the event stream: logs → lines → story → episodes → the scenario
// that tells it (written, then parsed and validated like any scenario file) → SimEvents.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "replay/episode_detector.h"
#include "replay/log_reader.h"
#include "replay/replay_events.h"
#include "replay/replay_story.h"
#include "scenario/scenario.h"

namespace rmqsim {

struct Replay {
  ReplayInput input;
  ReplayStory story;
  ReplayPlan plan;
  std::string scenarioYaml;  ///< what --to-scenario writes
  Scenario scenario;
  ReplayStream stream;
  std::vector<std::string> warnings;  ///< the story's, then what the lines were
};

/// Throws std::invalid_argument for unreadable input (a file, no known layout, no consumer).
Replay replayClientLogs(const std::vector<std::string>& files, const std::optional<TimeFormat>& format);

}  // namespace rmqsim
