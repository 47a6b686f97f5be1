#include "metrics/metrics_collector.h"

#include <algorithm>
#include <map>
#include <set>

#include "metrics/collector_state.h"
#include "metrics/expected_assignment.h"
#include "metrics/loads_within_one.h"
#include "metrics/final_balance.h"
#include "metrics/min_moves.h"

namespace rmqsim {

namespace {

std::string retryTopicOf(const std::string& group) { return "%RETRY%" + group; }

struct OpenWindow {
  SimTime start = 0;
  /// Per group and topic: the owners of each subscribable queue just before the event.
  std::vector<std::map<std::string, std::vector<std::vector<std::int32_t>>>> before;
  /// The groups whose convergence this event is judged on (and whose figures count in it).
  std::vector<bool> judged;
  std::int64_t orphanQueueMs = 0;
  std::int64_t overlapQueueMs = 0;
};

}  // namespace

struct MetricsCollector::Impl {
  explicit Impl(const Scenario& s) : scenario(s), expected(s) {
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      GroupState gs;
      gs.name = s.groups[g].name;
      gs.broadcasting = s.groups[g].model == MessageModel::BROADCASTING;
      gs.orderly = s.groups[g].orderly && !gs.broadcasting;
      // POP-assigned queues (message_request_mode: pop) are popped, not owned, like pop's.
      gs.pop = s.groups[g].rebalance == RebalanceMode::POP || s.groups[g].pop_request_mode;
      if (!gs.broadcasting && s.groups[g].rebalance == RebalanceMode::STICKY) gs.target = GroupState::Target::BALANCED_PER_TOPIC;
      if (!gs.broadcasting && s.groups[g].rebalance == RebalanceMode::UNIFORM) gs.target = GroupState::Target::BALANCED_OVERALL;
      gs.topics = s.groups[g].subscribe;
      if (!gs.broadcasting) gs.topics.push_back(retryTopicOf(gs.name));
      for (const auto& t : gs.topics) {
        topicGroups[t].push_back(static_cast<GroupIndex>(g));
        gs.universe[t];
        gs.universeVersion[t] = 0;
      }
      groups.push_back(std::move(gs));
    }
  }

  const Scenario& scenario;
  ExpectedAssignment expected;
  const RunCatalog* catalog = nullptr;
  std::map<std::string, std::vector<GroupIndex>> topicGroups;
  std::vector<GroupState> groups;
  std::vector<ClientState> clients;
  SimTime now = 0;
  SimTime goodSince = -1;  ///< every judged group with a live client converged since (-1: not now)
  RunResult res;
  std::optional<OpenWindow> window;
  bool ended = false;

  /// The open event window, if group `g` is one it is judged on (its figures count there).
  EventMetrics* currentWindow(GroupIndex g) {
    return window && window->judged[static_cast<std::size_t>(g)] ? &res.events.back() : nullptr;
  }

  ClientState& client(ClientIndex c) {
    const auto i = static_cast<std::size_t>(c);
    if (i >= clients.size()) [[unlikely]] addClients(i);  // nearly every event names a known one
    return clients[i];
  }
  [[gnu::noinline]] void addClients(std::size_t upTo) {
    // A catalog entry's group never changes: read it once.
    const std::size_t first = clients.size();
    clients.resize(upTo + 1);
    for (std::size_t k = first; k <= upTo; ++k) clients[k].group = catalog->clients[k].group;
  }
  static bool live(const ClientState& c) { return c.alive && !c.paused; }

  // Orphan stretches by broker: kept per window and broker index (a string-keyed map lookup and
  // a name copy per ownership change were most of changeOwner), named in finish().
  std::vector<std::int32_t> queueBroker;  ///< queue index -> broker index, -1 not looked up yet
  std::vector<std::string> brokerNames;   ///< broker index -> name
  std::map<std::string, std::int32_t> brokerIndex;
  /// Per window, per broker index, in ms (-1: none): integers on the hot path, seconds in finish()
  /// (ms / 1000.0 is monotone, so the longest in seconds is the longest in ms, divided).
  std::vector<std::vector<SimTime>> longestOrphan;

  std::int32_t brokerOf(QueueIndex q) {
    const auto i = static_cast<std::size_t>(q);
    if (i >= queueBroker.size()) queueBroker.resize(i + 1, -1);
    if (queueBroker[i] < 0) [[unlikely]] {
      const std::string& name = catalog->queues[i].brokerName;
      auto [it, added] = brokerIndex.emplace(name, static_cast<std::int32_t>(brokerNames.size()));
      if (added) brokerNames.push_back(name);
      queueBroker[i] = it->second;
    }
    return queueBroker[i];
  }
  /// Queue q was unowned since qs.orphanSince (now or still): the longest for its broker in the
  /// window the stretch began in.
  void noteOrphan(QueueIndex q, const QueueState& qs) {
    std::vector<SimTime>& longest = longestOrphan[static_cast<std::size_t>(qs.orphanWindow)];
    const auto b = static_cast<std::size_t>(brokerOf(q));
    if (b >= longest.size()) [[unlikely]] longest.resize(b + 1, -1);
    longest[b] = std::max(longest[b] < 0 ? 0 : longest[b], now - qs.orphanSince);
  }

  // --- per-queue bookkeeping --------------------------------------------------------------
  void account(GroupState& g, QueueState& qs, int sign) {
    if (!qs.inUniverse) return;
    const auto n = static_cast<std::int64_t>(qs.owners.size());
    g.orphanCount += sign * (n == 0 ? 1 : 0);
    if (!g.broadcasting) g.overlapExcess += sign * std::max<std::int64_t>(0, n - 1);
    g.notExactlyOne += sign * (n == 1 ? 0 : 1);
    g.mismatches += sign * (qs.matches ? 0 : 1);
    if (g.orderly) g.noConsumer += sign * (qs.consuming == 0 ? 1 : 0);
  }
  void changeConsuming(GroupIndex gi, QueueIndex q, int delta) {
    GroupState& g = groups[static_cast<std::size_t>(gi)];
    QueueState& qs = g.queues[q];
    account(g, qs, -1);
    qs.consuming += delta;
    account(g, qs, +1);
  }
  void recheck(GroupState& g, QueueIndex q, QueueState& qs) {
    qs.matches = qs.owners == qs.expected;
    // Orphan stretches, for "queues of broker-b were unowned for 131 s after ...".
    const bool orphan = qs.inUniverse && qs.owners.empty();
    if (orphan && qs.orphanSince < 0) {
      qs.orphanSince = now;
      qs.orphanWindow = window ? static_cast<int>(res.events.size()) - 1 : -1;
    } else if (!orphan && qs.orphanSince >= 0) {
      endOrphan(q, qs);
    }
    (void)g;
  }
  void endOrphan(QueueIndex q, QueueState& qs) {
    if (qs.orphanWindow >= 0 && qs.orphanWindow < static_cast<int>(res.events.size())) noteOrphan(q, qs);
    qs.orphanSince = -1;
  }
  void changeOwner(GroupIndex gi, QueueIndex q, ClientIndex c, bool gain) {
    GroupState& g = groups[static_cast<std::size_t>(gi)];
    QueueState& qs = g.queues[q];
    const auto n0 = static_cast<std::int64_t>(qs.owners.size());
    const bool matched = qs.matches;
    if (gain && qs.owners.insert(c)) {
      if (!g.broadcasting) {
        if (qs.lastOwner >= 0 && qs.lastOwner != c) {
          ++res.summary.queueMoves;
          ++g.queueMoves;
          if (auto* w = currentWindow(gi)) ++w->queueMoves;
        }
        qs.lastOwner = c;
      }
    } else if (!gain) {
      qs.owners.erase(c);
    }
    recheck(g, q, qs);
    // What account(-1) before and account(+1) after would add, in one step: only the owners and
    // `matches` changed (`consuming` did not: its count cancels).
    if (!qs.inUniverse) return;
    const auto n = static_cast<std::int64_t>(qs.owners.size());
    if (n == n0 && qs.matches == matched) return;
    g.orphanCount += (n == 0 ? 1 : 0) - (n0 == 0 ? 1 : 0);
    if (!g.broadcasting) g.overlapExcess += std::max<std::int64_t>(0, n - 1) - std::max<std::int64_t>(0, n0 - 1);
    g.notExactlyOne += (n == 1 ? 0 : 1) - (n0 == 1 ? 0 : 1);
    g.mismatches += (qs.matches ? 0 : 1) - (matched ? 0 : 1);
  }
  void setLive(ClientIndex c, bool nowLive) {
    ClientState& cs = clients[static_cast<std::size_t>(c)];
    GroupState& g = groups[static_cast<std::size_t>(cs.group)];
    if (nowLive) g.live.insert(c), g.everLive = true;
    else g.live.erase(c);
    g.expectedDirty = true;
    for (QueueIndex q : cs.held) changeOwner(cs.group, q, c, nowLive);
    for (QueueIndex q : cs.locked) changeConsuming(cs.group, q, nowLive ? +1 : -1);
  }

  // --- expected assignment and convergence ---------------------------------------------------
  void refreshExpected(GroupIndex gi) {
    GroupState& g = groups[static_cast<std::size_t>(gi)];
    if (!g.expectedDirty) return;
    g.expectedDirty = false;
    const std::vector<ClientIndex> members(g.live.begin(), g.live.end());
    for (const auto& [topic, qs] : g.universe) {
      const auto& exp = expected.compute(gi, topic, g.universeVersion[topic], members, qs, *catalog);
      // The table's arrays read through locals: the stores below must not make them reload.
      const QueueIndex* queues = exp.queues.data();
      const std::uint32_t* start = exp.ownerStart.data();
      const ClientIndex* owners = exp.owners.data();
      const std::size_t n = exp.size();
      for (std::size_t i = 0; i < n; ++i) {
        QueueState& st = g.queues[queues[i]];
        const ClientIndex* b = owners + start[i];
        const ClientIndex* e = owners + start[i + 1];
        // Unchanged: so is `matches` (kept exact on every ownership change) and the counts.
        if (st.expected.equals(b, e)) continue;
        // Of the counts account() keeps, only the mismatches can change here.
        const bool matched = st.matches;
        st.expected.assign(b, e);
        st.matches = st.owners == st.expected;
        if (st.inUniverse) g.mismatches += (st.matches ? 0 : 1) - (matched ? 0 : 1);
      }
    }
  }
  /// Complete and equal to the strategy's result, for the groups the open event is judged on.
  bool good() {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (window && !window->judged[g]) continue;
      if (groups[g].live.empty()) {
        if (groups[g].everLive) return false;  // everyone left: nothing consumes
        continue;                              // not started yet: nothing to converge to
      }
      if (groups[g].pop) continue;  // nothing to assign: a live client is all it takes
      const GroupState& gs = groups[g];
      if (!gs.broadcasting && gs.notExactlyOne != 0) return false;
      if (gs.target != GroupState::Target::STRATEGY) {
        if (!loadsWithinOne(gs)) return false;
        continue;
      }
      // Only here is `mismatches` read: the expected owners are brought up to date when a group
      // could have converged, not on every membership change (a rolling restart changes the
      // membership again before most of them); the refresh diffs against the last one computed.
      refreshExpected(static_cast<GroupIndex>(g));
      if (gs.mismatches != 0) return false;
    }
    return true;
  }
  void settle() {
    if (good()) {
      if (goodSince < 0) goodSince = now;
    } else {
      goodSince = -1;
    }
  }
  void advanceTo(SimTime t) {
    if (t <= now) return;
    settle();
    const SimTime dt = t - now;
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
      GroupState& g = groups[gi];
      // Orphans count only while the group has a live client (nobody to own them otherwise).
      // Pop groups own no queue: nothing is orphaned (their gaps are invisible messages).
      const std::int64_t orphan = g.live.empty() || g.pop ? 0 : g.orphanCount * dt;
      const std::int64_t overlap = g.overlapExcess * dt;
      g.orphanQueueMs += orphan;
      g.overlapQueueMs += overlap;
      if (g.orderly && !g.pop && !g.live.empty()) g.orphanConsumingQueueMs += g.noConsumer * dt;
      if (window && window->judged[gi]) window->orphanQueueMs += orphan, window->overlapQueueMs += overlap;
    }
    now = t;
  }

  // --- event windows ------------------------------------------------------------------------
  void closeWindow() {
    if (!window) return;
    settle();
    EventMetrics& w = res.events.back();
    if (goodSince >= 0) w.convergenceSeconds = static_cast<double>(std::max(goodSince, window->start) - window->start) / 1000.0;
    // min_moves per topic, from the owners just before the event to the membership at the
    // end of its window (so a `start` counts its new clients).
    std::int64_t mm = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].broadcasting || groups[g].pop || !window->judged[g]) continue;
      const std::vector<std::int32_t> members(groups[g].live.begin(), groups[g].live.end());
      std::int64_t groupMm = 0;
      for (const auto& [topic, before] : window->before[g]) groupMm += minMoves(before, members);
      groups[g].minMoves += groupMm;
      mm += groupMm;
    }
    // Orphan stretches still open: what they lasted so far counts for the window they began in.
    for (GroupState& g : groups)
      for (std::size_t i = 0; i < g.queues.size(); ++i)
        if (const QueueState& qs = g.queues.at(i); qs.orphanSince >= 0 && qs.orphanWindow >= 0)
          noteOrphan(static_cast<QueueIndex>(i), qs);
    w.minMoves = mm;
    w.orphanQueueSeconds = static_cast<double>(window->orphanQueueMs) / 1000.0;
    w.overlapQueueSeconds = static_cast<double>(window->overlapQueueMs) / 1000.0;
    res.summary.minMoves += mm;
    window.reset();
  }
  /// The event's group when the scenario names one (or names clients); otherwise every group.
  std::vector<bool> judgedGroups(const EvScenarioEvent& e) const {
    std::vector<bool> judged(groups.size(), false);
    bool any = false;
    if (e.index >= 0 && static_cast<std::size_t>(e.index) < scenario.events.size()) {
      const EventSpec& spec = scenario.events[static_cast<std::size_t>(e.index)];
      for (std::size_t g = 0; g < groups.size(); ++g)
        if (!spec.group.empty() && groups[g].name == spec.group) judged[g] = any = true;
      if (!spec.clients.empty()) {
        const std::set<std::string> names(spec.clients.begin(), spec.clients.end());
        for (const ClientInfo& c : catalog->clients)
          if (names.count(c.name) && c.group >= 0 && static_cast<std::size_t>(c.group) < groups.size())
            judged[static_cast<std::size_t>(c.group)] = any = true;
      }
    }
    if (!any) judged.assign(groups.size(), true);  // broker and name-server events touch everyone
    return judged;
  }
  void openWindow(const EvScenarioEvent& e) {
    EventMetrics m;
    m.at = e.at;
    m.action = e.action;
    m.target = e.target;
    OpenWindow w;
    w.start = e.at;
    w.judged = judgedGroups(e);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (w.judged[g]) m.groups.push_back(groups[g].name);
      std::map<std::string, std::vector<std::vector<std::int32_t>>> perTopic;
      if (!w.judged[g] || groups[g].broadcasting) {  // no min_moves for it in this window
        w.before.push_back(std::move(perTopic));
        continue;
      }
      for (const auto& [topic, qs] : groups[g].universe) {
        auto& owners = perTopic[topic];
        owners.reserve(qs.size());
        for (QueueIndex q : qs) {
          const QueueState* found = groups[g].queues.find(q);
          owners.push_back(found ? found->owners.toVector() : std::vector<std::int32_t>{});
        }
      }
      w.before.push_back(std::move(perTopic));
    }
    res.events.push_back(std::move(m));
    longestOrphan.emplace_back();
    window = std::move(w);
    goodSince = -1;  // convergence is measured from the event: re-evaluated at the next instant
  }

  // --- handlers -----------------------------------------------------------------------------
  void on(const EvClientLifecycle& e) {
    ClientState& cs = client(e.client);
    const bool wasLive = live(cs);
    switch (e.what) {
      case ClientLifecycle::STARTED: cs.alive = true, cs.paused = false; break;
      case ClientLifecycle::PAUSED: cs.paused = true; break;
      case ClientLifecycle::RESUMED: cs.paused = false; break;
      default: cs.alive = false; break;
    }
    if (wasLive != live(cs)) setLive(e.client, live(cs));
    if (!cs.alive) cs.held.clear(), cs.locked.clear();  // a dead process holds nothing
  }
  void on(const EvQueueAdded& e) {
    ClientState& cs = client(e.client);
    cs.held.insert(e.queue);
    if (live(cs)) changeOwner(cs.group, e.queue, e.client, true);
  }
  void on(const EvQueueRemoved& e) {
    ClientState& cs = client(e.client);
    cs.held.erase(e.queue);
    if (!cs.locked.empty() && cs.locked.erase(e.queue) && live(cs)) changeConsuming(cs.group, e.queue, -1);
    if (live(cs)) changeOwner(cs.group, e.queue, e.client, false);
  }
  void on(const EvRebalance& e) {
    const GroupIndex gi = client(e.client).group;
    GroupState& g = groups[static_cast<std::size_t>(gi)];
    ++res.summary.rebalances;
    ++g.rebalances;
    if (e.changed) ++res.summary.changedRebalances, ++g.changedRebalances;
    if (auto* w = currentWindow(gi)) ++w->rebalances;
  }
  void on(const EvSteadyRebalances& e) {  // that many unchanged rounds, as EvRebalance counts them
    GroupState& g = groups[static_cast<std::size_t>(client(e.client).group)];
    res.summary.rebalances += e.count;
    g.rebalances += e.count;
    if (auto* w = currentWindow(client(e.client).group)) w->rebalances += e.count;
  }
  void on(const EvNotify&) { ++res.summary.notifications; }
  void on(const EvChannelExpired&) { ++res.summary.channelExpiries; }
  void on(const EvLockFailed&) { ++res.summary.lockFailures; }
  void on(const EvDelivered& e) {
    ClientState& cs = client(e.client);
    GroupState& g = groups[static_cast<std::size_t>(cs.group)];
    if (g.broadcasting) return;  // each broadcasting client consumes everything: no duplicates by design
    const auto qi = static_cast<std::size_t>(e.queue);
    if (qi >= g.delivered.size()) g.delivered.resize(qi + 1);
    DuplicateCounter& delivered = g.delivered[qi];
    const std::int64_t holesBefore = delivered.holes();
    const std::int64_t dup = delivered.deliver(e.from, e.to);
    // A start past undelivered offsets opens a hole; a late report of them (a flush of another
    // owner's stretch at the same instant) closes it again.
    const std::int64_t skipped = delivered.holes() - holesBefore;
    if (dup == 0 && skipped == 0) return;  // the usual delivery: nothing to count
    countDuplicates(cs.group, dup);
    g.skippedMessages += skipped;
    res.summary.skippedMessages += skipped;
    if (auto* w = currentWindow(cs.group)) w->skippedMessages += skipped;
  }
  void on(const EvPopConsumed& e) {
    GroupState& g = groups[static_cast<std::size_t>(client(e.client).group)];
    g.popConsumed[e.client] += e.messages;
    countDuplicates(client(e.client).group, e.duplicates);
  }
  void on(const EvPopRevived& e) {
    const GroupIndex gi = client(e.client).group;
    GroupState& g = groups[static_cast<std::size_t>(gi)];
    g.redeliveries += e.messages;
    g.overdueMsgMs += e.overdueMsgMs;
    res.summary.redeliveries += e.messages;
    res.summary.invisiblePastDeadlineMsgS += static_cast<double>(e.overdueMsgMs) / 1000.0;
    if (auto* w = currentWindow(gi))
      w->redeliveries += e.messages, w->invisiblePastDeadlineMsgS += static_cast<double>(e.overdueMsgMs) / 1000.0;
    countDuplicates(gi, e.duplicates);
  }
  void on(const EvPopBlocked& e) {
    groups[static_cast<std::size_t>(client(e.client).group)].fifoBlockedMs += e.blockedMs;
    res.summary.fifoBlockedQueueS += static_cast<double>(e.blockedMs) / 1000.0;
  }
  void countDuplicates(GroupIndex gi, std::int64_t dup) {
    groups[static_cast<std::size_t>(gi)].duplicates += dup;
    res.summary.duplicates += dup;
    if (auto* w = currentWindow(gi)) w->duplicates += dup;
  }
  void on(const EvQueueSample& e) {
    const std::int64_t lag = std::max<std::int64_t>(0, e.maxOffset - std::max<std::int64_t>(0, e.committedOffset));
    res.summary.maxLag = std::max(res.summary.maxLag, lag);
    if (e.group >= 0 && static_cast<std::size_t>(e.group) < groups.size())
      groups[static_cast<std::size_t>(e.group)].maxLag = std::max(groups[static_cast<std::size_t>(e.group)].maxLag, lag);
  }
  void on(const EvQueueSetChanged& e) {
    auto tg = topicGroups.find(e.topic);
    if (tg == topicGroups.end()) return;
    const std::set<QueueIndex> next(e.queues.begin(), e.queues.end());
    for (GroupIndex gi : tg->second) {
      GroupState& g = groups[static_cast<std::size_t>(gi)];
      auto& uni = g.universe[e.topic];
      for (QueueIndex q : uni) {
        if (next.count(q)) continue;
        QueueState& qs = g.queues[q];
        account(g, qs, -1);
        qs.inUniverse = false;
        recheck(g, q, qs);
      }
      for (QueueIndex q : e.queues) {
        QueueState& qs = g.queues[q];
        if (qs.inUniverse) continue;
        qs.inUniverse = true;
        recheck(g, q, qs);
        account(g, qs, +1);
      }
      uni = e.queues;
      ++g.universeVersion[e.topic];
      g.expectedDirty = true;
    }
  }
  void on(const EvScenarioEvent& e) {
    closeWindow();
    openWindow(e);
  }
  void on(const EvRunEnd& e) {
    closeWindow();
    res.endTime = e.at;
    res.partial = e.partial;
    ended = true;
  }
  void on(const EvQueueLocked& e) {
    ClientState& cs = client(e.client);
    const bool had = cs.locked.contains(e.queue);
    if (e.locked == had) return;
    if (e.locked) cs.locked.insert(e.queue);
    else cs.locked.erase(e.queue);
    if (live(cs)) changeConsuming(cs.group, e.queue, e.locked ? +1 : -1);
  }

  RunResult finish() const;
};

MetricsCollector::MetricsCollector(const Scenario& scenario) : impl_(std::make_unique<Impl>(scenario)) {}
MetricsCollector::~MetricsCollector() = default;

void MetricsCollector::onEvent(const SimEvent& ev, const RunCatalog& catalog) {
  Impl& m = *impl_;
  m.catalog = &catalog;
  std::visit([&m](const auto& e) {
    m.advanceTo(e.at);
    m.on(e);
  }, ev);
}

RunResult MetricsCollector::result() const { return impl_->finish(); }

RunResult MetricsCollector::Impl::finish() const {
  RunResult out = res;
  for (std::size_t w = 0; w < out.events.size() && w < longestOrphan.size(); ++w)
    for (std::size_t b = 0; b < longestOrphan[w].size(); ++b)
      if (longestOrphan[w][b] >= 0)
        out.events[w].longestOrphanByBroker[brokerNames[b]] = static_cast<double>(longestOrphan[w][b]) / 1000.0;
  if (!catalog) return out;
  if (window && !out.events.empty()) {  // asked mid-run: the open window so far
    out.events.back().orphanQueueSeconds = static_cast<double>(window->orphanQueueMs) / 1000.0;
    out.events.back().overlapQueueSeconds = static_cast<double>(window->overlapQueueMs) / 1000.0;
  }
  std::int64_t orphanMs = 0, overlapMs = 0, noConsumerMs = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    out.groups.push_back(groupFinal(groups[g], scenario.groups[g], *catalog));
    orphanMs += groups[g].orphanQueueMs;
    overlapMs += groups[g].overlapQueueMs;
    noConsumerMs += groups[g].orphanConsumingQueueMs;
  }
  out.summary.orphanQueueSeconds = static_cast<double>(orphanMs) / 1000.0;
  out.summary.overlapQueueSeconds = static_cast<double>(overlapMs) / 1000.0;
  out.summary.orphanConsumingQueueSeconds = static_cast<double>(noConsumerMs) / 1000.0;
  out.all = allGroupsBalance(out.groups);
  return out;
}

}  // namespace rmqsim
