// More hand-worked histories: retry topics, broadcasting, shared ids, which groups an event is
// judged on, queue-set changes, pause/resume, per-window duplicates, lag, and the Java id order.
#include <doctest/doctest.h>

#include "metrics/expected_assignment.h"
#include "metrics/metrics_collector.h"

using namespace rmqsim;

namespace {

GroupSpec group(const std::string& name, MessageModel model = MessageModel::CLUSTERING) {
  GroupSpec g;
  g.name = name;
  g.subscribe = {"orders"};
  g.model = model;
  return g;
}

EventSpec event(SimTime at, const std::string& action, const std::string& grp, std::vector<std::string> clients = {}) {
  EventSpec e;
  e.at_ms = at;
  e.action = action;
  e.group = grp;
  e.clients = std::move(clients);
  return e;
}

/// Clients (name, id, group) and the queues orders@broker-a:0..n-1, then extra queues.
RunCatalog catalog(std::vector<ClientInfo> clients, int orders, std::vector<MessageQueue> extra = {}) {
  RunCatalog c;
  c.clients = std::move(clients);
  for (int q = 0; q < orders; ++q) c.queues.push_back(MessageQueue{"orders", "broker-a", q});
  for (auto& mq : extra) c.queues.push_back(mq);
  return c;
}

RunResult run(const Scenario& s, const RunCatalog& cat, const std::vector<SimEvent>& history) {
  MetricsCollector m(s);
  for (const auto& ev : history) m.onEvent(ev, cat);
  return m.result();
}

const GroupFinal& groupNamed(const RunResult& r, const std::string& name) {
  for (const auto& g : r.groups)
    if (g.name == name) return g;
  FAIL("no group " << name);
  return r.groups.front();
}

}  // namespace

TEST_CASE("metrics/collector/the retry topic is part of a clustering group's queues") {
  Scenario s;
  s.groups = {group("g")};
  const RunCatalog cat = catalog({{"g-0", "10.0.0.1@1", 0}}, 2, {MessageQueue{"%RETRY%g", "broker-a", 0}});
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0, 1}},
      EvQueueSetChanged{0, "%RETRY%g", {2}},
      EvClientLifecycle{0, 0, ClientLifecycle::STARTED},
      EvQueueAdded{0, 0, 0}, EvQueueAdded{0, 0, 1},
      EvQueueAdded{10000, 0, 2},  // the retry queue was unowned for 10 s
      EvQueueRemoved{12000, 0, 2},
      EvRunEnd{20000, false},
  });
  CHECK(r.summary.orphanQueueSeconds == doctest::Approx(18.0));
  const GroupFinal& g = groupNamed(r, "g");
  REQUIRE(g.topics.size() == 2);
  CHECK(g.topics[0].topic == "orders");
  CHECK(g.topics[0].balance.complete);
  CHECK(g.topics[1].topic == "%RETRY%g");
  CHECK_FALSE(g.topics[1].balance.complete);
  CHECK(g.balance.queues == 3);
  CHECK(g.unownedQueues == 1);
  CHECK_FALSE(g.balance.complete);
  REQUIRE(g.assignment.size() == 3);
  CHECK(g.assignment[2].first == "%RETRY%g@broker-a:0");
  CHECK(g.assignment[2].second.empty());
}

TEST_CASE("metrics/collector/broadcasting: every client on every queue is complete, with no overlap and no moves") {
  Scenario s;
  s.groups = {group("b", MessageModel::BROADCASTING)};
  s.events = {event(10000, "start", "b")};
  const RunCatalog cat = catalog({{"b-0", "10.0.0.1@1", 0}, {"b-1", "10.0.0.2@1", 0}, {"b-2", "10.0.0.3@1", 0}}, 2);
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0, 1}},
      EvClientLifecycle{0, 0, ClientLifecycle::STARTED}, EvClientLifecycle{0, 1, ClientLifecycle::STARTED},
      EvQueueAdded{0, 0, 0}, EvQueueAdded{0, 0, 1}, EvQueueAdded{0, 1, 0}, EvQueueAdded{0, 1, 1},
      EvScenarioEvent{10000, 0, "start", "b"},
      EvClientLifecycle{10000, 2, ClientLifecycle::STARTED},
      EvQueueAdded{13000, 2, 0}, EvQueueAdded{14000, 2, 1},  // b-2 holds everything from 14 s
      EvRunEnd{30000, false},
  });
  CHECK(r.summary.overlapQueueSeconds == doctest::Approx(0.0));
  CHECK(r.summary.queueMoves == 0);
  REQUIRE(r.events.size() == 1);
  REQUIRE(r.events[0].convergenceSeconds.has_value());
  CHECK(*r.events[0].convergenceSeconds == doctest::Approx(4.0));
  CHECK(r.events[0].minMoves == 0);
  const GroupFinal& g = groupNamed(r, "b");
  CHECK(g.balance.complete);
  CHECK(g.balance.consumers == 3);
  CHECK(g.balance.minLoad == 2);
  CHECK(g.balance.excessImbalance == 0);
  CHECK(g.assignment[0].second == std::vector<std::string>{"b-0", "b-1", "b-2"});
}

TEST_CASE("metrics/collector/shared client id: both get the same queues, the rest stay unowned, never converged") {
  Scenario s;
  s.groups = {group("g")};
  s.events = {event(5000, "start", "g")};
  const RunCatalog cat = catalog({{"g-0", "10.0.0.1@1", 0}, {"g-1", "10.0.0.1@1", 0}}, 4);
  // AVG over cidAll [X, X]: both are index 0 of 2 and take q0, q1; q2, q3 nobody's.
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0, 1, 2, 3}},
      EvScenarioEvent{5000, 0, "start", "g"},
      EvClientLifecycle{5000, 0, ClientLifecycle::STARTED}, EvClientLifecycle{5000, 1, ClientLifecycle::STARTED},
      EvQueueAdded{5000, 0, 0}, EvQueueAdded{5000, 0, 1}, EvQueueAdded{5000, 1, 0}, EvQueueAdded{5000, 1, 1},
      EvRunEnd{15000, false},
  });
  CHECK(r.summary.overlapQueueSeconds == doctest::Approx(20.0));  // 2 queues x 10 s
  CHECK(r.summary.orphanQueueSeconds == doctest::Approx(20.0));   // group live only from 5 s
  CHECK(r.summary.queueMoves == 2);  // g-1 starts owning q0, q1 whose previous owner is g-0
  CHECK_FALSE(r.events[0].convergenceSeconds.has_value());
  const GroupFinal& g = groupNamed(r, "g");
  REQUIRE(g.sharedIds.count("10.0.0.1@1") == 1);
  CHECK(g.sharedIds.at("10.0.0.1@1") == std::vector<std::string>{"g-0", "g-1"});
  CHECK(g.unownedQueues == 2);
  CHECK_FALSE(g.balance.complete);
}

TEST_CASE("metrics/collector/an event is judged on its own group; a broker event on every group") {
  Scenario s;
  GroupSpec h = group("h");
  s.groups = {group("g"), h};
  s.events = {event(10000, "stop", "", {"g-1"}), event(20000, "broker_kill", "")};
  const RunCatalog cat = catalog({{"g-0", "10.0.0.1@1", 0}, {"g-1", "10.0.0.2@1", 0}, {"h-0", "10.0.0.3@1", 1}}, 2);
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0, 1}},
      EvClientLifecycle{0, 0, ClientLifecycle::STARTED}, EvClientLifecycle{0, 1, ClientLifecycle::STARTED},
      EvClientLifecycle{0, 2, ClientLifecycle::STARTED},
      EvQueueAdded{0, 0, 0}, EvQueueAdded{0, 1, 1},
      EvQueueAdded{0, 2, 0},  // h-0 never picks up q1: group h stays incomplete
      EvScenarioEvent{10000, 0, "stop", "g-1"},
      EvClientLifecycle{10000, 1, ClientLifecycle::STOPPED},
      EvQueueAdded{12000, 0, 1},  // g converges 2 s after the stop
      EvScenarioEvent{20000, 1, "broker_kill", "broker-a"},
      EvRunEnd{30000, false},
  });
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].groups == std::vector<std::string>{"g"});
  REQUIRE(r.events[0].convergenceSeconds.has_value());
  CHECK(*r.events[0].convergenceSeconds == doctest::Approx(2.0));
  CHECK(r.events[0].queueMoves == 1);  // q1: g-1 -> g-0
  CHECK(r.events[0].minMoves == 1);    // g-1's queue must move; h's orphan is not this event's
  CHECK(r.events[0].orphanQueueSeconds == doctest::Approx(2.0));  // g's only: h is not judged here
  CHECK(r.events[1].minMoves == 1);    // h's orphan q1 must be picked up
  CHECK(r.events[1].orphanQueueSeconds == doctest::Approx(10.0));
  CHECK(r.events[1].groups == std::vector<std::string>{"g", "h"});
  CHECK_FALSE(r.events[1].convergenceSeconds.has_value());
  CHECK(groupNamed(r, "h").totals.orphanQueueSeconds == doctest::Approx(30.0));
  CHECK(groupNamed(r, "g").totals.orphanQueueSeconds == doctest::Approx(2.0));
  CHECK(r.summary.orphanQueueSeconds == doctest::Approx(32.0));
}

TEST_CASE("metrics/collector/a queue leaving the subscribable set stops counting; convergence follows the new set") {
  Scenario s;
  s.groups = {group("g")};
  s.events = {event(5000, "set_queues", "")};
  const RunCatalog cat = catalog({{"g-0", "10.0.0.1@1", 0}}, 4);
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0, 1, 2, 3}},
      EvClientLifecycle{0, 0, ClientLifecycle::STARTED},
      EvQueueAdded{0, 0, 0}, EvQueueAdded{0, 0, 1},
      EvScenarioEvent{5000, 0, "set_queues", "orders=2"},
      EvQueueSetChanged{10000, "orders", {0, 1}},
      EvRunEnd{20000, false},
  });
  CHECK(r.summary.orphanQueueSeconds == doctest::Approx(20.0));  // q2, q3 for 10 s
  REQUIRE(r.events[0].convergenceSeconds.has_value());
  CHECK(*r.events[0].convergenceSeconds == doctest::Approx(5.0));
  CHECK(r.events[0].orphanQueueSeconds == doctest::Approx(10.0));
  CHECK(groupNamed(r, "g").balance.complete);
  CHECK(groupNamed(r, "g").balance.queues == 2);
}

TEST_CASE("metrics/collector/a membership that changes again while queues are unowned is judged on the last one") {
  // The expected owners are refreshed only when the group could have converged: here not
  // between the two changes, so the refresh at 8 s goes from {g-0, g-1}'s straight to {g-0, g-2}'s.
  Scenario s;
  s.groups = {group("g")};
  s.events = {event(5000, "start", "g")};
  const RunCatalog cat = catalog({{"g-0", "10.0.0.1@1", 0}, {"g-1", "10.0.0.2@1", 0}, {"g-2", "10.0.0.3@1", 0}}, 4);
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0, 1, 2, 3}},
      EvClientLifecycle{0, 0, ClientLifecycle::STARTED}, EvClientLifecycle{0, 1, ClientLifecycle::STARTED},
      EvQueueAdded{0, 0, 0}, EvQueueAdded{0, 0, 1}, EvQueueAdded{0, 1, 2}, EvQueueAdded{0, 1, 3},
      EvScenarioEvent{5000, 0, "start", "g"},
      EvClientLifecycle{5000, 2, ClientLifecycle::STARTED},  // expected: g-0 {q0, q1}, g-1 {q2}, g-2 {q3}
      EvQueueRemoved{6000, 1, 3},                             // q3 unowned
      EvClientLifecycle{7000, 1, ClientLifecycle::CRASHED},   // expected: g-0 {q0, q1}, g-2 {q2, q3}
      EvQueueAdded{8000, 2, 2}, EvQueueAdded{8000, 2, 3},     // exactly that: converged at 8 s
      EvRunEnd{20000, false},
  });
  REQUIRE(r.events.size() == 1);
  REQUIRE(r.events[0].convergenceSeconds.has_value());
  CHECK(*r.events[0].convergenceSeconds == doctest::Approx(3.0));
  CHECK(r.summary.queueMoves == 2);
}

TEST_CASE("metrics/collector/a resumed client's process queues count again, without a move") {
  Scenario s;
  s.groups = {group("g")};
  const RunCatalog cat = catalog({{"g-0", "10.0.0.1@1", 0}, {"g-1", "10.0.0.2@1", 0}}, 2);
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0, 1}},
      EvClientLifecycle{0, 0, ClientLifecycle::STARTED}, EvClientLifecycle{0, 1, ClientLifecycle::STARTED},
      EvQueueAdded{0, 0, 0}, EvQueueAdded{0, 1, 1},
      EvClientLifecycle{10000, 1, ClientLifecycle::PAUSED},
      EvClientLifecycle{15000, 1, ClientLifecycle::RESUMED},
      EvRunEnd{20000, false},
  });
  CHECK(r.summary.orphanQueueSeconds == doctest::Approx(5.0));
  CHECK(r.summary.queueMoves == 0);
  CHECK(groupNamed(r, "g").balance.complete);
  CHECK(groupNamed(r, "g").loadByClient.at("g-1") == 1);
}

TEST_CASE("metrics/collector/duplicates count in the window of the repeated delivery; lag and rebalances") {
  Scenario s;
  s.groups = {group("g")};
  s.events = {event(10000, "kill", "", {"g-0"})};
  const RunCatalog cat = catalog({{"g-0", "10.0.0.1@1", 0}, {"g-1", "10.0.0.2@1", 0}}, 1);
  const RunResult r = run(s, cat, {
      EvQueueSetChanged{0, "orders", {0}},
      EvClientLifecycle{0, 0, ClientLifecycle::STARTED}, EvClientLifecycle{0, 1, ClientLifecycle::STARTED},
      EvRebalance{0, 0, "orders", true, true, true}, EvRebalance{0, 1, "orders", false, true, true},
      EvQueueAdded{0, 0, 0},
      EvDelivered{1000, 0, 0, 0, 10},
      EvQueueSample{2000, 0, 0, 100, 40},
      EvScenarioEvent{10000, 0, "kill", "g-0"},
      EvClientLifecycle{10000, 0, ClientLifecycle::KILLED},
      EvRebalance{30000, 1, "orders", true, true, true},
      EvQueueAdded{30000, 1, 0},
      EvDelivered{31000, 1, 0, 5, 15},  // 5..9 again
      EvQueueSample{32000, 0, 0, 120, -1},  // nothing committed: the whole backlog
      EvRunEnd{40000, false},
  });
  CHECK(r.summary.duplicates == 5);
  CHECK(r.events[0].duplicates == 5);
  CHECK(r.summary.maxLag == 120);
  CHECK(r.summary.rebalances == 3);
  CHECK(r.summary.changedRebalances == 2);
  CHECK(r.events[0].rebalances == 1);
  CHECK(r.summary.queueMoves == 1);
  CHECK(r.events[0].minMoves == 1);
  CHECK(r.events[0].orphanQueueSeconds == doctest::Approx(20.0));
  CHECK(r.events[0].longestOrphanByBroker.at("broker-a") == doctest::Approx(20.0));
  const GroupFinal& g = groupNamed(r, "g");
  CHECK(g.totals.duplicates == 5);
  CHECK(g.totals.rebalances == 3);
  CHECK(g.totals.queueMoves == 1);
}

TEST_CASE("metrics/expected/client ids sorted in Java String order, as RebalanceImpl sorts them") {
  Scenario s;
  s.groups = {group("g")};
  // "10.0.0.10@1" < "10.0.0.9@1" in String order: g-1 is first and takes the larger share.
  const RunCatalog cat = catalog({{"g-0", "10.0.0.9@1", 0}, {"g-1", "10.0.0.10@1", 0}}, 3);
  ExpectedAssignment ea(s);
  const auto& res = ea.compute(0, "orders", 0, {0, 1}, {2, 0, 1}, cat);
  REQUIRE(res.size() == 3);
  CHECK(res[0] == std::pair<QueueIndex, std::vector<ClientIndex>>{0, {1}});
  CHECK(res[1] == std::pair<QueueIndex, std::vector<ClientIndex>>{1, {1}});
  CHECK(res[2] == std::pair<QueueIndex, std::vector<ClientIndex>>{2, {0}});
  const auto& alone = ea.compute(0, "orders", 0, {0}, {2, 0, 1}, cat);
  CHECK(alone[1].second == std::vector<ClientIndex>{0});
  const auto& again = ea.compute(0, "orders", 0, {0, 1}, {2, 0, 1}, cat);  // from the cache
  CHECK(again[0].second == std::vector<ClientIndex>{1});
}
