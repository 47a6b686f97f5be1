// The story as a scenario file (scenarios/README.md): the brokers, topics and queue counts the
// logs name, each group with its strategy and its clients' real ids (`clients.ids`), and the
// episodes as events, at their times from the first client's start. Rerun it under another
// strategy or profile with `run FILE --set ...`.
#pragma once

#include <string>

#include "replay/episode_detector.h"
#include "replay/replay_story.h"

namespace rmqsim {

/// YAML text; `sources` names the logs in the description.
std::string writeReplayScenario(const ReplayStory& story, const ReplayPlan& plan, const std::string& sources);

}  // namespace rmqsim
