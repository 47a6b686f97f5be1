#include "sim/invariant_checker.h"

#include <algorithm>
#include <type_traits>

#include "engine/sim_assert.h"
#include "rocketmq/common/mix_all.h"

namespace rmqsim {

InvariantChecker::InvariantChecker(const Scenario& scenario) : scenario_(scenario) {}

SimTime InvariantChecker::settleTime() const {
  const Timing& t = scenario_.profile.timing;
  // A silent death is noticed after channel expiry + one scan; a broker loss after name-server
  // expiry + one scan + one route poll; then a rebalance round, a lock expiry in orderly mode.
  return std::max(t.channel_expired_timeout + t.housekeeping_scan_interval,
                  t.broker_expired_timeout + t.namesrv_scan_interval + t.route_poll_interval) +
         2 * t.rebalance_interval + t.broker_lock_max_live_time + t.heartbeat_interval;
}

bool InvariantChecker::groupOwnsAllQueuesByDesign(GroupIndex g) const {
  // CONFIG and MACHINE_ROOM hand out only configured queues / rooms: unowned queues are intended.
  // So do strategies a broker refuses under rebalance: server (nobody gets a queue), and pop.
  const GroupSpec& gs = scenario_.groups[static_cast<std::size_t>(g)];
  const std::string& s = gs.strategy.name;
  if (serverRefusesStrategy(gs.rebalance, gs.orderly, gs.model == MessageModel::BROADCASTING, s)) return false;
  if (gs.rebalance == RebalanceMode::POP || gs.pop_request_mode) return false;  // popped, never owned
  return s != "CONFIG" && s != "MACHINE_ROOM";
}

void InvariantChecker::onEvent(const SimEvent& ev, const RunCatalog& catalog) {
  const SimTime at = std::visit([](const auto& e) { return e.at; }, ev);
  SIM_ASSERT(at >= last_, at, "invariants", "virtual time went back from " + formatSimTime(last_));
  last_ = at;
  std::visit([&](const auto& e) { check(e, at, catalog); }, ev);
}

template <class E>
void InvariantChecker::check(const E& e, SimTime at, const RunCatalog& catalog) {
  using T = E;
  (void)e;
  (void)at;
  (void)catalog;
  if constexpr (std::is_same_v<T, EvClientLifecycle>) {
    if (e.what == ClientLifecycle::STARTED || e.what == ClientLifecycle::RESUMED) live_.insert(e.client);
    else live_.erase(e.client);
  } else if constexpr (std::is_same_v<T, EvQueueAdded>) {
    owners_[e.queue].insert(e.client);
  } else if constexpr (std::is_same_v<T, EvQueueRemoved>) {
    owners_[e.queue].erase(e.client);
  } else if constexpr (std::is_same_v<T, EvQueueSample>) {
    SIM_ASSERT(e.committedOffset <= e.maxOffset, at, catalog.queues[static_cast<std::size_t>(e.queue)].toString(),
               "committed offset " + std::to_string(e.committedOffset) + " passes the produced offset " +
                   std::to_string(e.maxOffset));
  } else if constexpr (std::is_same_v<T, EvQueueSetChanged>) {
    queueSets_[e.topic] = e.queues;
  } else if constexpr (std::is_same_v<T, EvScenarioEvent>) {
    const std::string& a = e.action;
    if (a == "pause" || a == "partition" || a == "broker_kill" || a == "broker_crash" || a == "nameserver_down") ++openFaults_;
    if (a == "resume" || a == "heal" || a == "broker_up" || a == "nameserver_up") openFaults_ = std::max(0, openFaults_ - 1);
    lastFault_ = at;
  } else if constexpr (std::is_same_v<T, EvRunEnd>) {
    onRunEnd(e.at, e.partial, catalog);
  }
}

void InvariantChecker::onRunEnd(SimTime at, bool partial, const RunCatalog& catalog) {
  if (partial || openFaults_ > 0 || at - lastFault_ < settleTime()) return;
  for (std::size_t g = 0; g < scenario_.groups.size(); ++g) {
    const GroupSpec& gs = scenario_.groups[g];
    if (gs.model == MessageModel::BROADCASTING || !groupOwnsAllQueuesByDesign(static_cast<GroupIndex>(g))) continue;
    std::set<std::string> ids;
    int members = 0;
    bool sharedId = false;
    for (ClientIndex c : live_) {
      const ClientInfo& info = catalog.clients[static_cast<std::size_t>(c)];
      if (info.group != static_cast<GroupIndex>(g)) continue;
      ++members;
      sharedId |= !ids.insert(info.clientId).second;
    }
    if (members == 0 || sharedId) continue;  // nobody to own, or the known shared-id failure
    std::vector<std::string> topics = gs.subscribe;
    if (gs.model == MessageModel::CLUSTERING) topics.push_back(getRetryTopic(gs.name));
    for (const std::string& topic : topics) {
      auto qs = queueSets_.find(topic);
      if (qs == queueSets_.end()) continue;
      for (QueueIndex q : qs->second) {
        int n = 0;
        for (ClientIndex c : owners_[q])
          if (live_.count(c) && catalog.clients[static_cast<std::size_t>(c)].group == static_cast<GroupIndex>(g)) ++n;
        SIM_ASSERT(n == 1, at, gs.name,
                   catalog.queues[static_cast<std::size_t>(q)].toString() + " has " + std::to_string(n) +
                       " owners after the cluster settled (every queue must have exactly one)");
      }
    }
  }
}

}  // namespace rmqsim
