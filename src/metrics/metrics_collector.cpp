#include "metrics/metrics_collector.h"

#include <algorithm>
#include <map>
#include <set>

#include "metrics/duplicate_counter.h"
#include "metrics/expected_assignment.h"
#include "metrics/min_moves.h"

namespace rmqsim {

namespace {

std::string retryTopicOf(const std::string& group) { return "%RETRY%" + group; }

struct QueueState {
  bool inUniverse = false;
  std::vector<ClientIndex> owners;    ///< live holders, sorted
  std::vector<ClientIndex> expected;  ///< the strategy's owners for the current membership, sorted
  ClientIndex lastOwner = -1;         ///< the last client that started owning it
  SimTime orphanSince = -1;           ///< unowned (and subscribable) since
  int orphanWindow = -1;              ///< the event window in which that stretch began
  bool matches = true;
  int consuming = 0;                  ///< orderly: live owners that also hold a valid broker lock
  DuplicateCounter delivered;
};

struct GroupState {
  std::string name;
  bool broadcasting = false;
  std::vector<std::string> topics;
  std::map<std::string, std::vector<QueueIndex>> universe;  ///< topic -> subscribable queues
  std::set<ClientIndex> live;
  std::map<QueueIndex, QueueState> queues;
  std::int64_t orphanCount = 0;     ///< universe queues with no owner
  std::int64_t overlapExcess = 0;   ///< sum over universe queues of max(0, owners - 1)
  std::int64_t notExactlyOne = 0;   ///< universe queues without exactly one owner
  std::int64_t mismatches = 0;      ///< universe queues whose owners differ from the expected ones
  bool orderly = false;
  std::int64_t noConsumer = 0;      ///< orderly: universe queues with no consuming (locked) owner
  bool expectedDirty = true;
  bool everLive = false;  ///< a group that lost all its clients has not converged; one not started yet is ignored
  std::int64_t duplicates = 0;
  std::int64_t maxLag = 0;
};

struct ClientState {
  GroupIndex group = 0;
  bool alive = false;
  bool paused = false;
  std::set<QueueIndex> held;    ///< non-dropped process queues, live or not
  std::set<QueueIndex> locked;  ///< orderly: queues whose broker lock the client holds (its view)
};

struct OpenWindow {
  SimTime start = 0;
  /// Per group and topic: the owners of each subscribable queue just before the event (all of
  /// them: with overlap, min_moves lets the most favourable one keep the queue).
  std::vector<std::map<std::string, std::vector<std::vector<std::int32_t>>>> before;
};

}  // namespace

struct MetricsCollector::Impl {
  explicit Impl(const Scenario& s) : scenario(s), expected(s) {
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      GroupState gs;
      gs.name = s.groups[g].name;
      gs.broadcasting = s.groups[g].model == MessageModel::BROADCASTING;
      gs.orderly = s.groups[g].orderly && !gs.broadcasting;
      gs.topics = s.groups[g].subscribe;
      if (!gs.broadcasting) gs.topics.push_back(retryTopicOf(gs.name));
      for (const auto& t : gs.topics) {
        topicGroups[t].push_back(static_cast<GroupIndex>(g));
        gs.universe[t];
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
  SimTime goodSince = -1;  ///< every group with a live client converged since
  RunResult res;
  std::optional<OpenWindow> window;
  bool ended = false;

  EventMetrics* currentWindow() { return window ? &res.events.back() : nullptr; }

  ClientState& client(ClientIndex c) {
    if (static_cast<std::size_t>(c) >= clients.size()) clients.resize(static_cast<std::size_t>(c) + 1);
    ClientState& cs = clients[static_cast<std::size_t>(c)];
    cs.group = catalog->clients[static_cast<std::size_t>(c)].group;
    return cs;
  }
  static bool live(const ClientState& c) { return c.alive && !c.paused; }

  std::string brokerOf(QueueIndex q) const { return catalog->queues[static_cast<std::size_t>(q)].brokerName; }

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
    if (qs.orphanWindow >= 0 && qs.orphanWindow < static_cast<int>(res.events.size())) {
      double& longest = res.events[static_cast<std::size_t>(qs.orphanWindow)].longestOrphanByBroker[brokerOf(q)];
      longest = std::max(longest, static_cast<double>(now - qs.orphanSince) / 1000.0);
    }
    qs.orphanSince = -1;
  }
  void changeOwner(GroupIndex gi, QueueIndex q, ClientIndex c, bool gain) {
    GroupState& g = groups[static_cast<std::size_t>(gi)];
    QueueState& qs = g.queues[q];
    account(g, qs, -1);
    auto it = std::lower_bound(qs.owners.begin(), qs.owners.end(), c);
    if (gain && (it == qs.owners.end() || *it != c)) {
      qs.owners.insert(it, c);
      if (!g.broadcasting) {
        if (qs.lastOwner >= 0 && qs.lastOwner != c) {
          ++res.summary.queueMoves;
          if (auto* w = currentWindow()) ++w->queueMoves;
        }
        qs.lastOwner = c;
      }
    } else if (!gain && it != qs.owners.end() && *it == c) {
      qs.owners.erase(it);
    }
    recheck(g, q, qs);
    account(g, qs, +1);
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
      auto exp = expected.compute(gi, members, qs, *catalog);
      for (auto& [q, owners] : exp) {
        std::sort(owners.begin(), owners.end());
        QueueState& st = g.queues[q];
        account(g, st, -1);
        st.expected = std::move(owners);
        st.matches = st.owners == st.expected;
        account(g, st, +1);
      }
    }
  }
  bool good() {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].live.empty()) {
        if (groups[g].everLive) return false;  // everyone left: nothing consumes
        continue;                              // not started yet: nothing to converge to
      }
      refreshExpected(static_cast<GroupIndex>(g));
      const GroupState& gs = groups[g];
      if (gs.mismatches != 0) return false;
      if (!gs.broadcasting && gs.notExactlyOne != 0) return false;
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
    const double dt = static_cast<double>(t - now) / 1000.0;
    for (const GroupState& g : groups) {
      const double orphan = g.live.empty() ? 0.0 : static_cast<double>(g.orphanCount) * dt;
      const double overlap = static_cast<double>(g.overlapExcess) * dt;
      res.summary.orphanQueueSeconds += orphan;
      res.summary.overlapQueueSeconds += overlap;
      if (g.orderly && !g.live.empty()) res.summary.orphanConsumingQueueSeconds += static_cast<double>(g.noConsumer) * dt;
      if (auto* w = currentWindow()) w->orphanQueueSeconds += orphan, w->overlapQueueSeconds += overlap;
    }
    now = t;
  }

  // --- event windows ------------------------------------------------------------------------
  void closeWindow() {
    if (!window) return;
    settle();
    EventMetrics& w = res.events.back();
    if (goodSince >= 0) w.convergenceSeconds = static_cast<double>(std::max(goodSince, window->start) - window->start) / 1000.0;
    std::int64_t mm = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].broadcasting) continue;
      std::vector<std::int32_t> members(groups[g].live.begin(), groups[g].live.end());
      for (const auto& [topic, before] : window->before[g]) mm += minMoves(before, members);
    }
    // Orphan stretches still open: what they lasted so far counts for the window they began in.
    for (GroupState& g : groups)
      for (auto& [q, qs] : g.queues)
        if (qs.orphanSince >= 0 && qs.orphanWindow >= 0) {
          double& longest = res.events[static_cast<std::size_t>(qs.orphanWindow)].longestOrphanByBroker[brokerOf(q)];
          longest = std::max(longest, static_cast<double>(now - qs.orphanSince) / 1000.0);
        }
    w.minMoves = mm;
    res.summary.minMoves += mm;
    window.reset();
  }
  void openWindow(const EvScenarioEvent& e) {
    EventMetrics m;
    m.at = e.at;
    m.action = e.action;
    m.target = e.target;
    res.events.push_back(m);
    OpenWindow w;
    w.start = e.at;
    for (const GroupState& g : groups) {
      std::map<std::string, std::vector<std::vector<std::int32_t>>> perTopic;
      for (const auto& [topic, qs] : g.universe) {
        auto& owners = perTopic[topic];
        owners.reserve(qs.size());
        for (QueueIndex q : qs) {
          auto it = g.queues.find(q);
          owners.push_back(it == g.queues.end() ? std::vector<std::int32_t>{} : it->second.owners);
        }
      }
      w.before.push_back(std::move(perTopic));
    }
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
    if (cs.locked.erase(e.queue) && live(cs)) changeConsuming(cs.group, e.queue, -1);
    if (live(cs)) changeOwner(cs.group, e.queue, e.client, false);
  }
  void on(const EvRebalance& e) {
    ++res.summary.rebalances;
    if (e.changed) ++res.summary.changedRebalances;
    if (auto* w = currentWindow()) ++w->rebalances;
  }
  void on(const EvNotify&) { ++res.summary.notifications; }
  void on(const EvChannelExpired&) { ++res.summary.channelExpiries; }
  void on(const EvLockFailed&) { ++res.summary.lockFailures; }
  void on(const EvDelivered& e) {
    ClientState& cs = client(e.client);
    GroupState& g = groups[static_cast<std::size_t>(cs.group)];
    if (g.broadcasting) return;  // each broadcasting client consumes everything: no duplicates by design
    const std::int64_t dup = g.queues[e.queue].delivered.deliver(e.from, e.to);
    g.duplicates += dup;
    res.summary.duplicates += dup;
    if (auto* w = currentWindow()) w->duplicates += dup;
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
    const bool had = cs.locked.count(e.queue) > 0;
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
  const SimTime at = std::visit([](const auto& e) { return e.at; }, ev);
  m.advanceTo(at);
  std::visit([&m](const auto& e) { m.on(e); }, ev);
}

RunResult MetricsCollector::result() const { return impl_->finish(); }

RunResult MetricsCollector::Impl::finish() const {
  RunResult out = res;
  if (!catalog) return out;
  std::vector<BalanceStats> perGroup;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const GroupState& g = groups[gi];
    GroupFinal gf;
    gf.name = g.name;
    gf.strategy = scenario.groups[gi].strategy.name;
    gf.broadcasting = g.broadcasting;
    gf.duplicates = g.duplicates;
    gf.maxLag = g.maxLag;
    std::map<ClientIndex, std::int64_t> total;
    for (ClientIndex c : g.live) total[c] = 0;
    std::int64_t queues = 0;
    bool complete = true;
    std::map<std::string, std::vector<ClientIndex>> byId;
    for (ClientIndex c : g.live) byId[catalog->clients[static_cast<std::size_t>(c)].clientId].push_back(c);
    for (const auto& [id, cs] : byId) {
      if (cs.size() < 2) continue;
      for (ClientIndex c : cs) gf.sharedIds[id].push_back(catalog->clients[static_cast<std::size_t>(c)].name);
    }
    for (const std::string& topic : g.topics) {
      const auto& uni = g.universe.at(topic);
      std::map<ClientIndex, std::int64_t> load;
      for (ClientIndex c : g.live) load[c] = 0;
      bool topicComplete = true;
      std::vector<QueueIndex> sorted = uni;
      std::sort(sorted.begin(), sorted.end(), [&](QueueIndex a, QueueIndex b) {
        return catalog->queues[static_cast<std::size_t>(a)] < catalog->queues[static_cast<std::size_t>(b)];
      });
      for (QueueIndex q : sorted) {
        auto it = g.queues.find(q);
        static const QueueState kEmpty;
        const QueueState& qs = it == g.queues.end() ? kEmpty : it->second;
        if (qs.owners.size() != 1 && !g.broadcasting) topicComplete = false;
        if (g.broadcasting && qs.owners.size() != g.live.size()) topicComplete = false;
        std::vector<std::string> names;
        for (ClientIndex c : qs.owners) {
          ++load[c];
          names.push_back(catalog->clients[static_cast<std::size_t>(c)].name);
        }
        const MessageQueue& mq = catalog->queues[static_cast<std::size_t>(q)];
        gf.assignment.emplace_back(mq.topic + "@" + mq.brokerName + ":" + std::to_string(mq.queueId), names);
      }
      std::vector<std::int64_t> loads;
      for (const auto& [c, l] : load) loads.push_back(l), total[c] += l;
      gf.topics.push_back(TopicFinal{topic, balanceOf(loads, static_cast<std::int64_t>(uni.size()), topicComplete && !g.live.empty())});
      queues += static_cast<std::int64_t>(uni.size());
      complete = complete && topicComplete;
    }
    std::vector<std::int64_t> loads;
    for (const auto& [c, l] : total) {
      loads.push_back(l);
      gf.loadByClient[catalog->clients[static_cast<std::size_t>(c)].name] = l;
    }
    gf.balance = balanceOf(loads, queues, complete && !g.live.empty());
    if (g.broadcasting) gf.balance.idealImbalance = 0, gf.balance.excessImbalance = gf.balance.imbalance;
    perGroup.push_back(gf.balance);
    out.groups.push_back(std::move(gf));
  }
  // All groups: sums, the worst imbalance, the lowest Jain index, every group complete.
  BalanceStats all;
  all.complete = !perGroup.empty();
  bool first = true;
  for (const BalanceStats& b : perGroup) {
    all.consumers += b.consumers;
    all.queues += b.queues;
    all.idleConsumers += b.idleConsumers;
    all.complete = all.complete && b.complete;
    if (b.consumers == 0) continue;
    all.maxLoad = first ? b.maxLoad : std::max(all.maxLoad, b.maxLoad);
    all.minLoad = first ? b.minLoad : std::min(all.minLoad, b.minLoad);
    all.imbalance = std::max(all.imbalance, b.imbalance);
    all.idealImbalance = std::max(all.idealImbalance, b.idealImbalance);
    all.excessImbalance = std::max(all.excessImbalance, b.excessImbalance);
    all.jainIndex = first ? b.jainIndex : std::min(all.jainIndex, b.jainIndex);
    first = false;
  }
  out.all = all;
  return out;
}

}  // namespace rmqsim
