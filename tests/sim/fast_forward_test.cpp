// The fast-forward (sim/steady_state, rocketmq/client/steady_state_skip.cpp) must never change a
// result: the same event stream as running every steady tick, less the steady rounds it counts.
#include <doctest/doctest.h>

#include <iterator>
#include <sstream>

#include "engine/random.h"
#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

/// Every event but the unchanged, balanced, ok rebalance rounds, which it only counts.
class StreamSink : public TraceSink {
 public:
  void onEvent(const SimEvent& ev, const RunCatalog&) override {
    if (const auto* r = std::get_if<EvRebalance>(&ev); r && !r->changed && r->balanced && r->ok) {
      ++steadyRounds;
      return;
    }
    if (const auto* s = std::get_if<EvSteadyRebalances>(&ev)) {
      steadyRounds += s->count;
      ++batches;
      return;
    }
    std::visit([this](const auto& e) { out << e.at << ' '; }, ev);
    out << "kind " << ev.index() << '\n';
    if (const auto* s = std::get_if<EvQueueSample>(&ev)) out << s->queue << ' ' << s->maxOffset << ' ' << s->committedOffset << '\n';
    if (const auto* d = std::get_if<EvDelivered>(&ev)) out << d->client << ' ' << d->queue << ' ' << d->from << ' ' << d->to << '\n';
    if (const auto* a = std::get_if<EvQueueAdded>(&ev)) out << a->client << ' ' << a->queue << '\n';
    if (const auto* r = std::get_if<EvQueueRemoved>(&ev)) out << r->client << ' ' << r->queue << '\n';
    if (const auto* x = std::get_if<EvChannelExpired>(&ev)) out << x->client << ' ' << x->broker << '\n';
  }
  std::ostringstream out;
  std::int64_t steadyRounds = 0;
  std::int64_t batches = 0;
};

struct Both {
  StreamSink ff, plain;
  RunStats ffStats, plainStats;
  std::uint64_t ffState = 0, plainState = 0;  ///< Simulation::modelDigest after the run
};

Both runBoth(const Scenario& s) {
  Both b;
  SimulationOptions on, off;
  off.fastForward = false;
  Simulation a(s, on);
  a.addSink(&b.ff);
  b.ffStats = a.run();
  b.ffState = a.modelDigest();
  Simulation c(s, off);
  c.addSink(&b.plain);
  b.plainStats = c.run();
  b.plainState = c.modelDigest();
  return b;
}

/// Two more clients of group g start at `at`.
EventSpec startTwo(SimTime at) {
  EventSpec start = event(at, "start");
  start.group = "g";
  start.count = 2;
  return start;
}

}  // namespace

TEST_CASE("sim/fast-forward: crash, pause and scale-out over an hour give the plain run's stream in far fewer events") {
  Scenario s = basicScenario(2, 8, 4, kHour);
  s.events.push_back(event(10 * kMinute, "crash", {"g-1"}));
  s.events.push_back(event(25 * kMinute, "pause", {"g-2"}));
  s.events.push_back(event(29 * kMinute, "resume", {"g-2"}));
  s.events.push_back(startTwo(40 * kMinute));
  const Both b = runBoth(s);
  CHECK(b.ff.out.str() == b.plain.out.str());
  CHECK(b.ff.steadyRounds == b.plain.steadyRounds);
  CHECK(b.ffState == b.plainState);
  CHECK(b.ff.batches > 0);      // it did fast-forward
  CHECK(b.plain.batches == 0);  // and the plain run never does
  CHECK(b.ffStats.events * 2 < b.plainStats.events);
}

TEST_CASE("sim/fast-forward: pull commits of backlogged and caught-up queues read the same offsets") {
  // 2,400 msg/s on 8 queues: two clients (3,000/s) keep up; after the kill the survivor's
  // 1,500/s does not, and its queues' backlog passes pullThresholdForQueue (flow-controlled
  // pulls) until two more start. The lag samples read the pullers' commits at every sample tick
  // and the kill leaves each queue's last pull commit; skipped persist ticks change neither.
  Scenario s = basicScenario(2, 4, 2, 30 * kMinute);
  s.produce[0].rate = 2400;
  s.consume.rate_per_client = 1500;
  s.brokers[0].in_memory_messages = 100000;
  s.events.push_back(event(12 * kMinute, "kill", {"g-1"}));
  s.events.push_back(startTwo(20 * kMinute));
  const Both b = runBoth(s);
  CHECK(b.ff.out.str() == b.plain.out.str());
  CHECK(b.ffState == b.plainState);
  CHECK(b.ff.batches > 0);
}

TEST_CASE("sim/fast-forward: a partition keeps the cluster unsteady until it heals; same stream") {
  Scenario s = basicScenario(2, 4, 3, 40 * kMinute);
  EventSpec cut = event(5 * kMinute, "partition", {"g-0"});
  cut.brokers = {"broker-a"};
  EventSpec heal = event(15 * kMinute, "heal", {"g-0"});
  heal.brokers = {"broker-a"};
  s.events.push_back(cut);
  s.events.push_back(heal);
  const Both b = runBoth(s);
  CHECK(b.ff.out.str() == b.plain.out.str());
  CHECK(b.ff.steadyRounds == b.plain.steadyRounds);
  CHECK(b.ffState == b.plainState);
  CHECK(b.ff.batches > 0);
}

TEST_CASE("sim/fast-forward: orderly groups and fixed latency are run as before") {
  Scenario s = basicScenario(1, 4, 2, 20 * kMinute);
  s.latency = LatencySpec{2, 2};
  const Both fixed = runBoth(s);
  CHECK(fixed.ff.out.str() == fixed.plain.out.str());
  CHECK(fixed.ff.steadyRounds == fixed.plain.steadyRounds);
  CHECK(fixed.ffState == fixed.plainState);
  CHECK(fixed.ff.batches > 0);
  s.groups[0].orderly = true;
  const Both orderly = runBoth(s);
  CHECK(orderly.ff.batches == 0);
  CHECK(orderly.ffStats.events == orderly.plainStats.events);
}

TEST_CASE("sim/fast-forward/random clusters, faults, latencies and profiles: the plain run's stream") {
  const char* actions[] = {"start", "stop", "kill", "crash", "pause", "partition", "broker_crash", "set_queues", "nameserver_down"};
  std::int64_t batches = 0;
  for (std::uint64_t seed = 1; seed <= 36; ++seed) {
    Random rng = Random::forEntity(seed, "fast-forward property");
    const int brokers = 1 + static_cast<int>(rng.nextBounded(3));
    const int queues = 1 + static_cast<int>(rng.nextBounded(8));
    const int clients = 2 + static_cast<int>(rng.nextBounded(6));
    Scenario s = basicScenario(brokers, queues, clients, 30 * kMinute);
    s.seed = seed;
    if (rng.nextBounded(2)) s.profile = profile49();
    const SimTime lo = static_cast<SimTime>(rng.nextBounded(3));
    s.latency = LatencySpec{lo, lo + static_cast<SimTime>(rng.nextBounded(20))};
    s.groups[0].strategy.name = rng.nextBounded(2) ? "AVG" : "CONSISTENT_HASH";
    const std::string action = actions[rng.nextBounded(std::size(actions))];
    const SimTime at = (3 + static_cast<SimTime>(rng.nextBounded(10))) * kMinute;
    const std::string victim = "g-" + std::to_string(rng.nextBounded(static_cast<std::uint64_t>(clients)));
    EventSpec e = event(at, action, {victim});
    EventSpec undo = event(at + (1 + static_cast<SimTime>(rng.nextBounded(5))) * kMinute, "resume", {victim});
    bool hasUndo = false;
    if (action == "start") {
      e.clients.clear();
      e.group = "g";
      e.count = 1 + static_cast<int>(rng.nextBounded(3));
    } else if (action == "pause") {
      hasUndo = true;
    } else if (action == "partition") {
      e.brokers = {"broker-a"};
      undo.action = "heal";
      undo.brokers = {"broker-a"};
      hasUndo = true;
    } else if (action == "broker_crash") {
      e.clients.clear();
      e.brokers = {"broker-a"};
      undo.action = "broker_up";
      undo.clients.clear();
      undo.brokers = {"broker-a"};
      hasUndo = true;
    } else if (action == "set_queues") {
      e.clients.clear();
      e.topic = "orders";
      e.queues = 1 + static_cast<int>(rng.nextBounded(10));
    } else if (action == "nameserver_down") {
      e.clients.clear();
      undo.action = "nameserver_up";
      undo.clients.clear();
      hasUndo = true;
    }
    s.events.push_back(e);
    if (hasUndo) s.events.push_back(undo);
    CAPTURE(seed);
    CAPTURE(action);
    CAPTURE(s.latency.min_ms);
    CAPTURE(s.latency.max_ms);
    const Both b = runBoth(s);
    CHECK(b.ff.out.str() == b.plain.out.str());
    CHECK(b.ff.steadyRounds == b.plain.steadyRounds);
    CHECK(b.ffState == b.plainState);
    batches += b.ff.batches;
  }
  CHECK(batches > 36);  // the fast-forward was used, not just harmless
}
