// Small worlds for simulator tests: Scenario structs built in C++ (no YAML), and a sink that
// tracks who owns each queue over time from the SimEvent stream.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "scenario/profiles.h"
#include "sim/simulation.h"

namespace rmqsim::test {

/// The built-in profiles (scenario/profiles.cpp), so tests run what users run.
inline Profile profile5() { return *findProfile("rocketmq-5"); }
inline Profile profile49() { return *findProfile("rocketmq-4.9"); }

/// brokers x queues of one topic "orders", one clustering group "g" with `clients` at t=0.
inline Scenario basicScenario(int brokers, int queuesPerBroker, int clients, SimTime duration = 10 * kMinute) {
  Scenario s;
  s.name = "test";
  s.duration_ms = duration;
  s.profile = profile5();
  s.latency = LatencySpec{1, 5};
  for (int b = 0; b < brokers; ++b) {
    BrokerSpec bs;
    bs.name = "broker-" + std::string(1, static_cast<char>('a' + b));
    TopicSpec t;
    t.name = "orders";
    t.read_queues = t.write_queues = queuesPerBroker;
    bs.topics.push_back(t);
    s.brokers.push_back(bs);
  }
  GroupSpec g;
  g.name = "g";
  g.subscribe = {"orders"};
  g.clients = clients;
  g.spread_ms = 0;  // the exact timer stories these worlds tell start every client at once
  s.groups.push_back(g);
  s.produce.push_back(ProduceSpec{"orders", 100.0 * brokers * queuesPerBroker, {}});
  s.consume.rate_per_client = 100000;
  return s;
}

inline EventSpec event(SimTime at, std::string action, std::vector<std::string> clients = {}) {
  EventSpec e;
  e.at_ms = at;
  e.action = std::move(action);
  e.clients = std::move(clients);
  e.group = "g";
  e.spread_ms = 0;  // as basicScenario: a start or restart at exactly `at`
  return e;
}

/// Tracks owners per queue (non-dropped process queues of live clients) and records events.
class OwnershipSink : public TraceSink {
 public:
  void onEvent(const SimEvent& ev, const RunCatalog& cat) override {
    catalog = &cat;
    if (std::holds_alternative<EvRunEnd>(ev)) {
      finalCatalog = cat;  // the simulation (and its catalog) may be gone when tests inspect us
      catalog = &finalCatalog;
    }
    std::visit([this](const auto& e) { handle(e); }, ev);
    if (onAfter) onAfter(ev);
  }

  /// Owners of a queue by client name (live now).
  std::set<std::string> ownersOf(QueueIndex q) const {
    std::set<std::string> out;
    auto it = owners.find(q);
    if (it != owners.end())
      for (ClientIndex c : it->second) out.insert(catalog->clients[static_cast<std::size_t>(c)].name);
    return out;
  }
  /// Queues of a topic (ground truth) with exactly one owner.
  int exactlyOwned(const std::string& topic) const {
    int n = 0;
    for (QueueIndex q : queueSets.at(topic)) n += ownersOf(q).size() == 1;
    return n;
  }
  int unowned(const std::string& topic) const {
    int n = 0;
    for (QueueIndex q : queueSets.at(topic)) n += ownersOf(q).empty();
    return n;
  }
  bool complete(const std::string& topic) const {
    return exactlyOwned(topic) == static_cast<int>(queueSets.at(topic).size());
  }
  /// Number of queues (all topics) each client name owns.
  std::map<std::string, int> loads(const std::string& topic) const {
    std::map<std::string, int> out;
    for (QueueIndex q : queueSets.at(topic))
      for (const auto& n : ownersOf(q)) out[n]++;
    return out;
  }

  const RunCatalog* catalog = nullptr;
  RunCatalog finalCatalog;
  std::map<QueueIndex, std::set<ClientIndex>> owners;
  std::map<std::string, std::vector<QueueIndex>> queueSets;
  std::vector<EvRebalance> rebalances;
  std::vector<std::tuple<SimTime, ClientIndex, QueueIndex>> added;
  std::vector<EvDelivered> delivered;
  std::vector<EvNotify> notifies;
  std::vector<EvChannelExpired> expired;
  std::vector<EvLockFailed> lockFailures;
  std::vector<EvQueueLocked> locks;
  std::int64_t events = 0;
  std::function<void(const SimEvent&)> onAfter;

 private:
  void handle(const EvQueueAdded& e) {
    owners[e.queue].insert(e.client);
    added.emplace_back(e.at, e.client, e.queue);
  }
  void handle(const EvQueueRemoved& e) { owners[e.queue].erase(e.client); }
  void handle(const EvQueueSetChanged& e) { queueSets[e.topic] = e.queues; }
  void handle(const EvRebalance& e) { rebalances.push_back(e); }
  void handle(const EvDelivered& e) { delivered.push_back(e); }
  void handle(const EvNotify& e) { notifies.push_back(e); }
  void handle(const EvChannelExpired& e) { expired.push_back(e); }
  void handle(const EvLockFailed& e) { lockFailures.push_back(e); }
  void handle(const EvQueueLocked& e) { locks.push_back(e); }
  template <class T>
  void handle(const T&) {}
};

/// Messages delivered more than once, from the EvDelivered ranges (only on the queues a client
/// named `onlyQueuesOf` ever consumed, if given).
inline std::int64_t duplicates(const OwnershipSink& s, const std::string& onlyQueuesOf = "") {
  std::set<QueueIndex> keep;
  for (const auto& d : s.delivered)
    if (s.catalog->clients[static_cast<std::size_t>(d.client)].name == onlyQueuesOf) keep.insert(d.queue);
  std::map<QueueIndex, std::vector<std::pair<std::int64_t, std::int64_t>>> byQueue;
  for (const auto& d : s.delivered)
    if (onlyQueuesOf.empty() || keep.count(d.queue)) byQueue[d.queue].emplace_back(d.from, d.to);
  std::int64_t dup = 0;
  for (auto& [q, ranges] : byQueue) {
    std::sort(ranges.begin(), ranges.end());
    std::int64_t covered = 0, total = 0, end = -1;
    for (auto [a, b] : ranges) {
      total += b - a;
      if (b > end) covered += b - std::max(a, end), end = b;
    }
    dup += total - covered;
  }
  return dup;
}

/// Runs the scenario with the sink attached; returns the stats.
inline RunStats runWith(const Scenario& s, OwnershipSink& sink, SimulationOptions o = {}) {
  o.checkInvariants = true;
  Simulation sim(s, o);
  sim.addSink(&sink);
  return sim.run();
}

}  // namespace rmqsim::test
