// The assignment modes of issue 17 end to end: who moves how much in a rolling deploy, and that
// the broker's AVG gives what the clients' AVG gives.
#include <doctest/doctest.h>

#include "support/measured_run.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

/// 32 pods on 2 x 128 queues, restarted one every 30 s with new IPs (a Kubernetes deploy),
/// each down for `downTime` (0: the new pod registers as the old one unregisters).
Scenario rollingDeploy(RebalanceMode mode, SimTime downTime) {
  Scenario s = basicScenario(2, 128, 32, 20 * kMinute);
  s.groups[0].rebalance = mode;
  EventSpec e = event(kMinute, "rolling_restart");
  e.interval_ms = 30 * kSecond;
  e.delay_ms = downTime;
  e.id_policy = IdPolicy::NEW_IP;
  s.events.push_back(e);
  return s;
}

struct Outcome {
  RunResult result;
  std::map<std::string, std::set<std::string>> finalOwners;  ///< queue -> client names (owned queues only)
};

Outcome run(const Scenario& s) {
  OwnershipSink sink;
  Outcome out{runMeasured(s, sink), {}};
  for (const auto& [q, owners] : sink.owners)
    if (!owners.empty()) out.finalOwners[sink.finalCatalog.queues[static_cast<std::size_t>(q)].toString()] = sink.ownersOf(q);
  return out;
}

/// Moves of the deploy per queue of the group (the retry topic's two queues included).
double movesPerQueue(const Outcome& o) {
  REQUIRE(o.result.events.size() == 1);
  return static_cast<double>(o.result.events[0].queueMoves) / static_cast<double>(o.result.groups[0].balance.queues);
}

}  // namespace

TEST_CASE("sim/rebalance modes: a 32-pod new-IP rolling deploy moves each queue ~35.6 times under AVG, ~2 under sticky") {
  // Figures from runs of this model, each pod down 5 s as in scenarios/rolling_restart.yaml
  // (seeds 1-3 give the same to two decimals: the order of the ids is set by their IPs). Why AVG
  // churns: ids sort as strings, so a new IP (10.0.0.33, ...) lands between 10.0.0.3 and 10.0.0.4
  // and every block after it shifts; a pure AVG count over the same id sequence gives 35.3 moves
  // per queue when the group settles while each pod is down (24.7 when each stop and start are
  // one change: with no down time the model gives 24-29, depending on how the latencies order
  // the two; the "about 25.7" is of that kind). The model adds the retry queues. Sticky
  // moves what the membership forces: each pod's 8 queues out and back in, 2 per queue.
  // Tolerance 5 %: far apart from the other mode's figure.
  const Outcome client = run(rollingDeploy(RebalanceMode::CLIENT, 5 * kSecond));
  const Outcome sticky = run(rollingDeploy(RebalanceMode::STICKY, 5 * kSecond));
  const double c = movesPerQueue(client), st = movesPerQueue(sticky);
  MESSAGE("moves per queue: client AVG " << c << ", sticky " << st);
  CHECK(c == doctest::Approx(35.62).epsilon(0.05));
  CHECK(st == doctest::Approx(2.07).epsilon(0.05));
  CHECK(sticky.result.events[0].queueMoves <= sticky.result.events[0].minMoves * 21 / 10);
  CHECK(client.result.groups[0].balance.complete);
  CHECK(sticky.result.groups[0].balance.complete);
  CHECK(sticky.result.groups[0].balance.excessImbalance == 0);
  CHECK(sticky.result.events[0].convergenceSeconds.has_value());
  // No down time: the replacement takes the leaver's queues, about 1 per queue when both land in
  // one round, up to 2 when the latencies split them; AVG stays an order of magnitude above.
  const Outcome quick = run(rollingDeploy(RebalanceMode::STICKY, 0));
  CHECK(movesPerQueue(quick) <= 2.1);
  CHECK(quick.result.groups[0].balance.complete);
}

TEST_CASE("sim/rebalance modes: the broker's AVG (rebalance: server) ends where the clients' AVG ends") {
  for (const char* strategy : {"AVG", "AVG_BY_CIRCLE"}) {
    CAPTURE(strategy);
    Scenario s = basicScenario(2, 8, 5, 4 * kMinute);
    s.groups[0].strategy.name = strategy;
    s.events.push_back(event(kMinute, "kill", {"g-1"}));
    EventSpec start = event(2 * kMinute, "start");
    start.count = 2;
    s.events.push_back(start);
    const Outcome client = run(s);
    s.groups[0].rebalance = RebalanceMode::SERVER;
    const Outcome server = run(s);
    CHECK(server.result.groups[0].balance.complete);
    CHECK(server.finalOwners == client.finalOwners);
    CHECK(server.finalOwners.size() == 18);  // 16 queues and two retry queues
    REQUIRE(server.result.events.size() == 2);
    CHECK(server.result.events[1].convergenceSeconds.has_value());
  }
}

TEST_CASE("sim/rebalance modes: the broker assigns new queues once its route refresh has seen them") {
  Scenario s = basicScenario(1, 4, 2, 3 * kMinute);
  s.groups[0].rebalance = RebalanceMode::SERVER;
  EventSpec grow = event(kMinute, "set_queues");
  grow.brokers = {"broker-a"};
  grow.topic = "orders";
  grow.queues = 8;
  s.events.push_back(grow);
  const Outcome o = run(s);
  CHECK(o.result.groups[0].balance.complete);
  CHECK(o.finalOwners.size() == 9);  // 8 queues and the retry queue
  REQUIRE(o.result.events.size() == 1);
  REQUIRE(o.result.events[0].convergenceSeconds.has_value());
  // Not before the broker's next refresh (every 30 s from its start + 1 s), nor much after it:
  // 1 m + 1 s is a refresh tick, so the new queues wait for the client's own round (<= 20 s).
  CHECK(*o.result.events[0].convergenceSeconds <= 32.0);
}

TEST_CASE("sim/rebalance modes: the broker refuses strategies it has not registered, as Java's returns null") {
  Scenario s = basicScenario(1, 4, 2, kMinute);
  s.groups[0].strategy.name = "CONSISTENT_HASH";
  s.groups[0].rebalance = RebalanceMode::SERVER;
  const Outcome o = run(s);
  CHECK(o.finalOwners.empty());  // QueryLoad: unsupported strategy: nobody consumes
  CHECK_FALSE(o.result.groups[0].balance.complete);
  CHECK(serverRefusesStrategy(RebalanceMode::SERVER, false, false, "CONSISTENT_HASH"));
  CHECK_FALSE(serverRefusesStrategy(RebalanceMode::SERVER, true, false, "CONSISTENT_HASH"));  // orderly: client path
  CHECK_FALSE(serverRefusesStrategy(RebalanceMode::SERVER, false, false, "AVG_BY_CIRCLE"));
}

TEST_CASE("sim/rebalance modes: serverLoadBalancerEnable=false hands every queue to every client") {
  Scenario s = basicScenario(1, 4, 3, kMinute);
  s.groups[0].rebalance = RebalanceMode::SERVER;
  s.profile.behaviour.server_load_balancer_enable = false;
  const Outcome o = run(s);
  REQUIRE(o.finalOwners.size() == 5);
  for (const auto& [q, owners] : o.finalOwners) CHECK(owners.size() == 3);
}

TEST_CASE("sim/rebalance modes: orderly groups under server still rebalance on the client (clientRebalance)") {
  Scenario s = basicScenario(1, 4, 2, kMinute);
  s.groups[0].orderly = true;
  const Outcome client = run(s);
  s.groups[0].rebalance = RebalanceMode::SERVER;
  s.groups[0].strategy.name = "CONSISTENT_HASH";  // the broker would refuse it: proof the broker is not asked
  const Outcome server = run(s);
  CHECK(server.result.groups[0].balance.complete);
  CHECK_FALSE(server.finalOwners.empty());
}

TEST_CASE("sim/rebalance modes: uniform keeps the group's summed loads within one, where per-topic AVG tilts") {
  // Two topics of 3 queues and a retry topic of 1 on one broker, 2 clients: per-topic AVG gives
  // the first-sorted client 2+2+1 = 5 of 7; the pooled assignor gives 4 and 3.
  Scenario s = basicScenario(1, 3, 2, kMinute);
  TopicSpec t;
  t.name = "payments";
  t.read_queues = t.write_queues = 3;
  s.brokers[0].topics.push_back(t);
  s.groups[0].subscribe.push_back("payments");
  const Outcome client = run(s);
  CHECK(client.result.groups[0].balance.imbalance == 3);
  s.groups[0].rebalance = RebalanceMode::UNIFORM;
  const Outcome uniform = run(s);
  CHECK(uniform.result.groups[0].balance.complete);
  CHECK(uniform.result.groups[0].balance.imbalance == 1);
}
