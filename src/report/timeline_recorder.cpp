#include "report/timeline_recorder.h"

#include <algorithm>
#include <map>
#include <type_traits>

namespace rmqsim {

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
    if (at > s.orphanSince) period(t_.orphanLog, orphanCur_, g, q, s.orphanSince, at), ++t_.orphanCount;
    s.orphanSince = -1;
  }
  if (overlap && s.overlapSince < 0) s.overlapSince = at;
  if (!overlap && s.overlapSince >= 0) {
    if (at > s.overlapSince) period(t_.overlapLog, overlapCur_, g, q, s.overlapSince, at), ++t_.overlapCount;
    s.overlapSince = -1;
  }
}

void TimelineRecorder::period(ByteLog& log, Cursor& cur, GroupIndex g, QueueIndex q, SimTime start, SimTime end) {
  log.putS(end - cur.at);
  log.putU(static_cast<std::uint64_t>(end - start));
  log.putU(static_cast<std::uint64_t>(g));
  log.putS(static_cast<std::int64_t>(q) - cur.queue);
  cur.at = end, cur.queue = q;
}

void TimelineRecorder::setLoad(ClientIndex c, SimTime at) {
  ClientState& cs = clients_[static_cast<std::size_t>(c)];
  const auto load = static_cast<std::int32_t>(cs.alive && !cs.paused ? cs.held.size() : 0);
  if (cs.lastLoad == load) return;
  cs.lastLoad = load;
  // Several changes at one instant (a rebalance applies a whole table) make one step: the
  // instant's steps stay in a small buffer until time moves on.
  if (at != pendingAt_) flushLoads(), pendingAt_ = at;
  if (cs.pendingLoad != kNoLoad) {
    pendingLoads_[cs.pendingLoad].load = load;
    return;
  }
  cs.pendingLoad = pendingLoads_.size();
  pendingLoads_.push_back(LoadSample{at, c, load});
}

void TimelineRecorder::flushLoads() {
  for (const LoadSample& l : pendingLoads_) {
    t_.loadLog.putS(l.at - loadCur_.at);
    t_.loadLog.putU(static_cast<std::uint64_t>(l.client));
    t_.loadLog.putU(static_cast<std::uint64_t>(l.load));
    loadCur_.at = l.at;
    clients_[static_cast<std::size_t>(l.client)].pendingLoad = kNoLoad;
  }
  t_.loadCount += pendingLoads_.size();
  pendingLoads_.clear();
}

void TimelineRecorder::own(ClientIndex c, QueueIndex q, bool gain, SimTime at) {
  if (gain ? !open_.insert({c, q}).second : open_.erase({c, q}) == 0) return;
  logChange(c, q, gain, at);
  const GroupIndex g = groupOf_[static_cast<std::size_t>(c)];
  queueState(g, q).owners += gain ? 1 : -1;
  refresh(g, q, at);
}

void TimelineRecorder::logChange(ClientIndex c, QueueIndex q, bool gain, SimTime at) {
  const bool newClient = c != changeCur_.client;
  t_.changeLog.putU((zigzagEncode(at - changeCur_.at) << 1) | (newClient ? 1 : 0));
  if (newClient) t_.changeLog.putU(static_cast<std::uint64_t>(c));
  t_.changeLog.putU((zigzagEncode(static_cast<std::int64_t>(q) - changeCur_.queue) << 1) | (gain ? 1 : 0));
  changeCur_ = Cursor{at, c, q};
  ++t_.changeCount;
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

void TimelineRecorder::instant(SimTime at, ClientIndex c, std::string_view kind, std::string_view detail) {
  if (t_.instantCount >= kMaxInstants) {
    ++t_.droppedInstants;
    return;
  }
  t_.instantLog.putS(at - instantCur_.at);
  t_.instantLog.putU(static_cast<std::uint64_t>(static_cast<std::int64_t>(c) + 1));
  t_.instantLog.putU(t_.strings.intern(kind));
  t_.instantLog.putU(t_.strings.intern(detail));
  instantCur_.at = at;
  ++t_.instantCount;
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
    t_.backlogLog.putS(e.at - backlogCur_.at);
    t_.backlogLog.putU(static_cast<std::uint64_t>(e.group));
    t_.backlogLog.putS(static_cast<std::int64_t>(e.queue) - backlogCur_.queue);
    t_.backlogLog.putU(static_cast<std::uint64_t>(backlog));
    backlogCur_.at = e.at, backlogCur_.queue = e.queue;
    ++t_.backlogCount;
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
  // What is still owned ends with the run (the CSV lists no loss for it, the trace closes its slice).
  for (const auto& [c, q] : open_) logChange(c, q, false, at);
  open_.clear();
  for (std::size_t g = 0; g < groups_.size(); ++g)
    for (std::size_t q = 0; q < groups_[g].queues.size(); ++q) {
      QueueState& s = groups_[g].queues[q];
      const auto gi = static_cast<GroupIndex>(g);
      const auto qi = static_cast<QueueIndex>(q);
      if (s.orphanSince >= 0 && at > s.orphanSince) period(t_.orphanLog, orphanCur_, gi, qi, s.orphanSince, at), ++t_.orphanCount;
      if (s.overlapSince >= 0 && at > s.overlapSince) period(t_.overlapLog, overlapCur_, gi, qi, s.overlapSince, at), ++t_.overlapCount;
      s.orphanSince = s.overlapSince = -1;
    }
  flushLoads();
  t_.end = at;
}

std::vector<OwnershipInterval> Timeline::intervals() const {
  std::vector<OwnershipInterval> out;
  std::map<std::pair<ClientIndex, QueueIndex>, std::size_t> open;
  forEachChange([&](const OwnerChange& ch) {
    if (ch.gain) {
      open[{ch.client, ch.queue}] = out.size();
      out.push_back(OwnershipInterval{ch.client, ch.queue, ch.at, -1});
    } else if (auto it = open.find({ch.client, ch.queue}); it != open.end()) {
      out[it->second].end = ch.at;
      open.erase(it);
    }
  });
  return out;
}

namespace {

/// A stream's records as a vector (the reader's record type, or `T` built from it).
template <class T, class Each>
std::vector<T> collect(Each each) {
  std::vector<T> out;
  each([&](const auto& r) {
    if constexpr (std::is_same_v<std::decay_t<decltype(r)>, InstantRef>) out.push_back(T{r.at, r.client, r.kind, r.detail});
    else out.push_back(r);
  });
  return out;
}

}  // namespace

std::vector<QueuePeriod> Timeline::orphans() const {
  return collect<QueuePeriod>([this](auto&& f) { forEachOrphan(f); });
}
std::vector<QueuePeriod> Timeline::overlaps() const {
  return collect<QueuePeriod>([this](auto&& f) { forEachOverlap(f); });
}
std::vector<TimelineInstant> Timeline::instants() const {
  return collect<TimelineInstant>([this](auto&& f) { forEachInstant(f); });
}
std::vector<LoadSample> Timeline::loads() const {
  return collect<LoadSample>([this](auto&& f) { forEachLoad(f); });
}
std::vector<BacklogSample> Timeline::backlog() const {
  return collect<BacklogSample>([this](auto&& f) { forEachBacklog(f); });
}

std::size_t Timeline::encodedBytes() const {
  std::size_t n = 0;
  for (const ByteLog* log : {&changeLog, &loadLog, &backlogLog, &orphanLog, &overlapLog, &instantLog}) n += log->capacityBytes();
  return n;
}

}  // namespace rmqsim
