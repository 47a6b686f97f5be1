// The story's episodes, as scenario events: clients that start within a few seconds of each
// other are one `start` (those of the first few seconds are the group's t=0 clients); a
// client that unregistered is a `stop` at its unregister line, one whose channel closed a
// `kill` at its group-mates' notification, one that went silent a `crash` at its last line;
// a topic whose mqAllSize changed is a `set_queues`. Clients are named GROUP-N in start order,
// as scenarios name them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "replay/replay_story.h"

namespace rmqsim {

/// Starts of one group this close to the cluster's first start are one episode.
inline constexpr SimTime kJoinWindow = 5 * kSecond;
/// Leaves of the same kind this close together are one episode.
inline constexpr SimTime kLeaveWindow = 1 * kSecond;

struct Episode {
  SimTime at = 0;
  std::string action;  ///< start stop kill crash set_queues
  std::string group;   ///< start
  int count = 0;       ///< start
  std::vector<int> clients;  ///< stop/kill/crash: story client indices
  std::string topic;   ///< set_queues
  std::string broker;  ///< set_queues
  int queues = 0;      ///< set_queues
};

struct ReplayPlan {
  std::vector<std::string> groupOrder;                 ///< groups in order of their first client
  std::map<std::string, int> initialClients;           ///< per group, started at t=0
  std::map<std::string, std::vector<std::string>> ids; ///< per group, client ids by N
  std::vector<std::string> names;                      ///< per story client: GROUP-N
  std::vector<Episode> episodes;                       ///< time order
};

ReplayPlan detectEpisodes(const ReplayStory& story);

}  // namespace rmqsim
