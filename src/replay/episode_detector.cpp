#include "replay/episode_detector.h"

#include <algorithm>
#include <set>

namespace rmqsim {

namespace {

const char* leaveAction(LifeEnd e) {
  switch (e) {
    case LifeEnd::STOPPED: return "stop";
    case LifeEnd::KILLED: return "kill";
    case LifeEnd::CRASHED: return "crash";
    default: return "";
  }
}

}  // namespace

ReplayPlan detectEpisodes(const ReplayStory& story) {
  ReplayPlan plan;
  std::map<std::string, int> next;
  std::map<std::string, SimTime> clusterStart;  // the open start episode per group
  std::map<std::string, std::size_t> clusterEpisode;
  plan.names.resize(story.clients.size());
  for (std::size_t i = 0; i < story.clients.size(); ++i) {
    const ReplayClient& c = story.clients[i];
    if (!next.count(c.group)) plan.groupOrder.push_back(c.group);
    const int n = next[c.group]++;
    plan.names[i] = c.group + "-" + std::to_string(n);
    plan.ids[c.group].push_back(c.clientId);
    if (c.startMs <= kJoinWindow && plan.initialClients[c.group] == n) {
      ++plan.initialClients[c.group];
      continue;
    }
    auto open = clusterStart.find(c.group);
    if (open != clusterStart.end() && c.startMs - open->second <= kJoinWindow) {
      ++plan.episodes[clusterEpisode[c.group]].count;
      continue;
    }
    Episode e;
    e.at = c.startMs;
    e.action = "start";
    e.group = c.group;
    e.count = 1;
    clusterStart[c.group] = c.startMs;
    clusterEpisode[c.group] = plan.episodes.size();
    plan.episodes.push_back(e);
  }
  // Leaves, in time order, merged per kind and group when close together.
  std::vector<std::size_t> leaving;
  for (std::size_t i = 0; i < story.clients.size(); ++i)
    if (story.clients[i].end != LifeEnd::RUNNING) leaving.push_back(i);
  std::stable_sort(leaving.begin(), leaving.end(),
                   [&](std::size_t a, std::size_t b) { return story.clients[a].leaveMs < story.clients[b].leaveMs; });
  std::vector<Episode> leaves;
  for (std::size_t i : leaving) {
    const ReplayClient& c = story.clients[i];
    const std::string action = leaveAction(c.end);
    if (!leaves.empty() && leaves.back().action == action && leaves.back().group == c.group &&
        c.leaveMs - leaves.back().at <= kLeaveWindow) {
      leaves.back().clients.push_back(static_cast<int>(i));
      continue;
    }
    Episode e;
    e.at = c.leaveMs;
    e.action = action;
    e.group = c.group;
    e.clients = {static_cast<int>(i)};
    leaves.push_back(e);
  }
  for (Episode& e : leaves) plan.episodes.push_back(std::move(e));
  for (const QueueSetChange& q : story.queueSets) {
    if (q.at == 0 || q.queues.empty() || q.topic.rfind("%RETRY%", 0) == 0) continue;  // retry queues follow the group
    Episode e;
    e.at = q.at;
    e.action = "set_queues";
    e.topic = q.topic;
    e.broker = q.queues.front().brokerName;
    e.queues = static_cast<int>(q.queues.size());
    plan.episodes.push_back(e);
  }
  std::stable_sort(plan.episodes.begin(), plan.episodes.end(), [](const Episode& a, const Episode& b) { return a.at < b.at; });
  return plan;
}

}  // namespace rmqsim
