#include "replay/replay_events.h"

#include <algorithm>
#include <map>

namespace rmqsim {

namespace {

/// Order within one millisecond: the queue set, the episode, starts, what clients did, ends.
enum Rank { kQueueSet, kEpisode, kStart, kActivity, kEnd };

struct Pending {
  SimTime at;
  int rank;
  std::size_t seq;
  SimEvent ev;
};

std::string targetOf(const EventSpec& e) {
  std::string t;
  auto add = [&t](const std::string& s) { t += (t.empty() ? "" : ",") + s; };
  for (const auto& c : e.clients) add(c);
  for (const auto& b : e.brokers) add(b);
  if (t.empty() && !e.group.empty()) add(e.group);
  if (!e.topic.empty()) add(e.topic);
  return t;
}

}  // namespace

ReplayStream buildReplayStream(const ReplayStory& story, const ReplayPlan& plan, const Scenario& scenario) {
  ReplayStream out;
  std::map<std::string, GroupIndex> groupIndex;
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) groupIndex[scenario.groups[g].name] = static_cast<GroupIndex>(g);
  for (std::size_t i = 0; i < story.clients.size(); ++i)
    out.catalog.clients.push_back(ClientInfo{plan.names[i], story.clients[i].clientId, groupIndex[story.clients[i].group]});
  std::map<MessageQueue, QueueIndex> queueIndex;
  auto queue = [&](const MessageQueue& q) {
    auto [it, added] = queueIndex.emplace(q, static_cast<QueueIndex>(out.catalog.queues.size()));
    if (added) out.catalog.queues.push_back(q);
    return it->second;
  };
  for (const QueueSetChange& qs : story.queueSets)
    for (const MessageQueue& q : qs.queues) queue(q);
  for (const OwnershipChange& c : story.changes) queue(c.mq);
  for (const ClientMark& m : story.lockFailures)
    if (m.mq) queue(*m.mq);

  std::vector<Pending> p;
  auto push = [&p](SimTime at, int rank, SimEvent ev) { p.push_back(Pending{at, rank, p.size(), std::move(ev)}); };
  for (const QueueSetChange& qs : story.queueSets) {
    std::vector<QueueIndex> idx;
    for (const MessageQueue& q : qs.queues) idx.push_back(queue(q));
    push(qs.at, kQueueSet, EvQueueSetChanged{qs.at, qs.topic, idx});
  }
  for (std::size_t i = 0; i < scenario.events.size(); ++i) {
    const EventSpec& e = scenario.events[i];
    push(e.at_ms, kEpisode, EvScenarioEvent{e.at_ms, static_cast<std::int32_t>(i), e.action, targetOf(e)});
  }
  for (std::size_t i = 0; i < story.clients.size(); ++i) {
    const ReplayClient& c = story.clients[i];
    const auto ci = static_cast<ClientIndex>(i);
    push(c.startMs, kStart, EvClientLifecycle{c.startMs, ci, ClientLifecycle::STARTED});
    if (c.end == LifeEnd::RUNNING) continue;
    const ClientLifecycle what = c.end == LifeEnd::STOPPED ? ClientLifecycle::STOPPED
                                 : c.end == LifeEnd::KILLED ? ClientLifecycle::KILLED
                                                            : ClientLifecycle::CRASHED;
    push(c.endMs, kEnd, EvClientLifecycle{c.endMs, ci, what});
  }
  for (const OwnershipChange& c : story.changes) {
    if (c.gained) push(c.at, kActivity, EvQueueAdded{c.at, c.client, queue(c.mq)});
    else push(c.at, kActivity, EvQueueRemoved{c.at, c.client, queue(c.mq)});
  }
  for (const ClientMark& m : story.rebalances) push(m.at, kActivity, EvRebalance{m.at, m.client, m.text, true, true, true});
  for (const ClientMark& m : story.notifications) push(m.at, kActivity, EvNotify{m.at, m.client, m.text});
  for (const ClientMark& m : story.lockFailures)
    if (m.mq) push(m.at, kActivity, EvLockFailed{m.at, m.client, queue(*m.mq)});
  std::stable_sort(p.begin(), p.end(), [](const Pending& a, const Pending& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.seq < b.seq;
  });
  for (Pending& e : p) out.events.push_back(std::move(e.ev));
  out.events.push_back(EvRunEnd{story.endMs, false});
  return out;
}

}  // namespace rmqsim
