// The fast-forward (sim/steady_state, rocketmq/client/steady_state_skip.cpp) must never change a
// result: the same event stream as running every steady tick, less the steady rounds it counts.
#include <doctest/doctest.h>

#include <sstream>

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
};

Both runBoth(const Scenario& s) {
  Both b;
  SimulationOptions on, off;
  off.fastForward = false;
  Simulation a(s, on);
  a.addSink(&b.ff);
  b.ffStats = a.run();
  Simulation c(s, off);
  c.addSink(&b.plain);
  b.plainStats = c.run();
  return b;
}

}  // namespace

TEST_CASE("sim/fast-forward: crash, pause and scale-out over an hour give the plain run's stream in far fewer events") {
  Scenario s = basicScenario(2, 8, 4, kHour);
  s.events.push_back(event(10 * kMinute, "crash", {"g-1"}));
  s.events.push_back(event(25 * kMinute, "pause", {"g-2"}));
  s.events.push_back(event(29 * kMinute, "resume", {"g-2"}));
  EventSpec start = event(40 * kMinute, "start");
  start.group = "g";
  start.count = 2;
  s.events.push_back(start);
  const Both b = runBoth(s);
  CHECK(b.ff.out.str() == b.plain.out.str());
  CHECK(b.ff.steadyRounds == b.plain.steadyRounds);
  CHECK(b.ff.batches > 0);      // it did fast-forward
  CHECK(b.plain.batches == 0);  // and the plain run never does
  CHECK(b.ffStats.events * 2 < b.plainStats.events);
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
  CHECK(b.ff.batches > 0);
}

TEST_CASE("sim/fast-forward: orderly groups and fixed latency are run as before") {
  Scenario s = basicScenario(1, 4, 2, 20 * kMinute);
  s.latency = LatencySpec{2, 2};
  const Both fixed = runBoth(s);
  CHECK(fixed.ff.out.str() == fixed.plain.out.str());
  CHECK(fixed.ff.steadyRounds == fixed.plain.steadyRounds);
  CHECK(fixed.ff.batches > 0);
  s.groups[0].orderly = true;
  const Both orderly = runBoth(s);
  CHECK(orderly.ff.batches == 0);
  CHECK(orderly.ffStats.events == orderly.plainStats.events);
}
