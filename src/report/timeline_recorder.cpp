#include "report/timeline_recorder.h"

#include <algorithm>
#include <type_traits>

namespace rmqsim {

namespace {
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
}

TimelineRecorder::TimelineRecorder(const Scenario& scenario) {
  for (const GroupSpec& g : scenario.groups) {
    GroupState gs;
    gs.broadcasting = g.model == MessageModel::BROADCASTING;
    gs.topics.insert(g.subscribe.begin(), g.subscribe.end());
    // Clustering consumers also rebalance their retry topic (RebalanceImpl copies it in).
    if (g.model == MessageModel::CLUSTERING) gs.topics.insert("%RETRY%" + g.name);
    groups_.push_back(std::move(gs));
  }
}

TimelineRecorder::QueueState& TimelineRecorder::queueState(GroupIndex g, QueueIndex q) {
  auto& qs = groups_[static_cast<std::size_t>(g)].queues;
  if (static_cast<std::size_t>(q) >= qs.size()) qs.resize(static_cast<std::size_t>(q) + 1);
  return qs[static_cast<std::size_t>(q)];
}

TimelineRecorder::ClientState& TimelineRecorder::client(ClientIndex c, const RunCatalog& catalog) {
  while (clients_.size() <= static_cast<std::size_t>(c)) {
    const std::size_t i = clients_.size();
    clients_.emplace_back();
    groupOf_.push_back(i < catalog.clients.size() ? catalog.clients[i].group : 0);
    lastLoad_.push_back(kNone);
    t_.lifetimes.emplace_back(-1, -1);
  }
  return clients_[static_cast<std::size_t>(c)];
}

// Opens or closes the orphan / overlap stretch of one (group, queue) after any change.
void TimelineRecorder::refresh(GroupIndex g, QueueIndex q, SimTime at) {
  QueueState& s = queueState(g, q);
  const GroupState& gs = groups_[static_cast<std::size_t>(g)];
  const bool orphan = s.subscribable && s.owners == 0 && gs.live > 0;
  const bool overlap = s.owners >= 2 && !gs.broadcasting;  // as the metrics count it
  if (orphan && s.orphanSince < 0) s.orphanSince = at;
  if (!orphan && s.orphanSince >= 0) {
    if (at > s.orphanSince) t_.orphans.push_back(QueuePeriod{g, q, s.orphanSince, at});
    s.orphanSince = -1;
  }
  if (overlap && s.overlapSince < 0) s.overlapSince = at;
  if (!overlap && s.overlapSince >= 0) {
    if (at > s.overlapSince) t_.overlaps.push_back(QueuePeriod{g, q, s.overlapSince, at});
    s.overlapSince = -1;
  }
}

void TimelineRecorder::setLoad(ClientIndex c, SimTime at) {
  const ClientState& cs = clients_[static_cast<std::size_t>(c)];
  const auto load = static_cast<std::int32_t>(cs.alive && !cs.paused ? cs.held.size() : 0);
  std::size_t& last = lastLoad_[static_cast<std::size_t>(c)];
  if (last != kNone && t_.loads[last].load == load) return;
  // Several changes at one instant (a rebalance applies a whole table) make one step.
  if (last != kNone && t_.loads[last].at == at) {
    t_.loads[last].load = load;
    return;
  }
  last = t_.loads.size();
  t_.loads.push_back(LoadSample{at, c, load});
}

void TimelineRecorder::own(ClientIndex c, QueueIndex q, bool gain, SimTime at) {
  if (gain) {
    if (open_.count({c, q})) return;
    open_[{c, q}] = t_.intervals.size();
    t_.intervals.push_back(OwnershipInterval{c, q, at, -1});
  } else {
    auto it = open_.find({c, q});
    if (it == open_.end()) return;
    t_.intervals[it->second].end = at;
    open_.erase(it);
  }
  const GroupIndex g = groupOf_[static_cast<std::size_t>(c)];
  queueState(g, q).owners += gain ? 1 : -1;
  refresh(g, q, at);
}

void TimelineRecorder::setLive(ClientIndex c, bool live, SimTime at) {
  ClientState& cs = clients_[static_cast<std::size_t>(c)];
  const GroupIndex g = groupOf_[static_cast<std::size_t>(c)];
  GroupState& gs = groups_[static_cast<std::size_t>(g)];
  const std::int32_t before = gs.live;
  gs.live += live ? 1 : -1;
  for (QueueIndex q : cs.held) own(c, q, live, at);
  // The group gaining its first or losing its last live client changes every queue's orphan state.
  if ((before == 0) != (gs.live == 0))
    for (std::size_t q = 0; q < gs.queues.size(); ++q) refresh(g, static_cast<QueueIndex>(q), at);
}

void TimelineRecorder::instant(SimTime at, ClientIndex c, std::string kind, std::string detail) {
  if (t_.instants.size() >= kMaxInstants) {
    ++t_.droppedInstants;
    return;
  }
  t_.instants.push_back(TimelineInstant{at, c, std::move(kind), std::move(detail)});
}

void TimelineRecorder::onEvent(const SimEvent& ev, const RunCatalog& catalog) {
  std::visit([&](const auto& e) { record(e, catalog); }, ev);
}

template <class E>
void TimelineRecorder::record(const E& e, const RunCatalog& catalog) {
  if constexpr (std::is_same_v<E, EvClientLifecycle>) {
    static const char* kNames[] = {"started", "stopped", "killed", "crashed", "paused", "resumed"};
    instant(e.at, e.client, kNames[static_cast<int>(e.what)], "");
    ClientState& cs = client(e.client, catalog);
    const bool wasLive = cs.alive && !cs.paused;
    switch (e.what) {
      case ClientLifecycle::STARTED: cs.alive = true, cs.paused = false; break;
      case ClientLifecycle::PAUSED: cs.paused = true; break;
      case ClientLifecycle::RESUMED: cs.paused = false; break;
      default: cs.alive = false; break;
    }
    const bool isLive = cs.alive && !cs.paused;
    if (wasLive != isLive) setLive(e.client, isLive, e.at);
    if (!cs.alive) cs.held.clear();  // a dead process holds nothing
    auto& life = t_.lifetimes[static_cast<std::size_t>(e.client)];
    if (e.what == ClientLifecycle::STARTED) life.first = e.at;
    else if (!cs.alive && life.second < 0) life.second = e.at;
    setLoad(e.client, e.at);
  } else if constexpr (std::is_same_v<E, EvQueueAdded> || std::is_same_v<E, EvQueueRemoved>) {
    constexpr bool gain = std::is_same_v<E, EvQueueAdded>;
    ClientState& cs = client(e.client, catalog);
    if (gain) cs.held.insert(e.queue);
    else cs.held.erase(e.queue);
    if (cs.alive && !cs.paused) own(e.client, e.queue, gain, e.at);
    setLoad(e.client, e.at);
  } else if constexpr (std::is_same_v<E, EvRebalance>) {
    if (e.changed || !e.ok) instant(e.at, e.client, "rebalance", e.topic + (e.ok ? " changed" : " failed"));
  } else if constexpr (std::is_same_v<E, EvNotify>) {
    instant(e.at, e.client, "notify", "NOTIFY_CONSUMER_IDS_CHANGED from " + e.broker);
  } else if constexpr (std::is_same_v<E, EvChannelExpired>) {
    instant(e.at, e.client, "channel_expired", std::string(e.idle ? "idle channel closed by " : "expired by ") + e.broker);
  } else if constexpr (std::is_same_v<E, EvLockFailed>) {
    instant(e.at, e.client, "lock_failed", catalog.queues[static_cast<std::size_t>(e.queue)].toString());
  } else if constexpr (std::is_same_v<E, EvQueueSample>) {
    if (t_.sampleTicks.empty() || t_.sampleTicks.back() != e.at) t_.sampleTicks.push_back(e.at);
    // A committed offset of -1 means "none yet": everything produced is backlog.
    const std::int64_t backlog = std::max<std::int64_t>(0, e.maxOffset - std::max<std::int64_t>(0, e.committedOffset));
    t_.backlog.push_back(BacklogSample{e.at, e.group, e.queue, backlog});
  } else if constexpr (std::is_same_v<E, EvQueueSetChanged>) {
    t_.queueSets[e.topic] = e.queues;
    const std::set<QueueIndex> now(e.queues.begin(), e.queues.end());
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      if (!groups_[g].topics.count(e.topic)) continue;
      const auto gi = static_cast<GroupIndex>(g);
      // Queues of this topic that left the set stop being subscribable; new ones start.
      for (std::size_t q = 0; q < groups_[g].queues.size(); ++q) {
        QueueState& s = groups_[g].queues[q];
        if (s.subscribable && catalog.queues[q].topic == e.topic && !now.count(static_cast<QueueIndex>(q))) {
          s.subscribable = false;
          refresh(gi, static_cast<QueueIndex>(q), e.at);
        }
      }
      for (QueueIndex q : now) {
        queueState(gi, q).subscribable = true;
        refresh(gi, q, e.at);
      }
    }
  } else if constexpr (std::is_same_v<E, EvScenarioEvent>) {
    instant(e.at, -1, "event", e.action + (e.target.empty() ? "" : " " + e.target));
  } else if constexpr (std::is_same_v<E, EvRunEnd>) {
    finish(e.at);
  }
}

void TimelineRecorder::finish(SimTime at) {
  for (auto& iv : t_.intervals)
    if (iv.end < 0) iv.end = at;
  open_.clear();
  for (std::size_t g = 0; g < groups_.size(); ++g)
    for (std::size_t q = 0; q < groups_[g].queues.size(); ++q) {
      QueueState& s = groups_[g].queues[q];
      const auto gi = static_cast<GroupIndex>(g);
      const auto qi = static_cast<QueueIndex>(q);
      if (s.orphanSince >= 0 && at > s.orphanSince) t_.orphans.push_back(QueuePeriod{gi, qi, s.orphanSince, at});
      if (s.overlapSince >= 0 && at > s.overlapSince) t_.overlaps.push_back(QueuePeriod{gi, qi, s.overlapSince, at});
      s.orphanSince = s.overlapSince = -1;
    }
  t_.end = at;
}

}  // namespace rmqsim
