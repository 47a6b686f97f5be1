// The start spread (sim/start_spread, `spread:`): every started process's JVM comes up at an
// offset uniform in [0, spread) from a stream of its own; spread 0 starts everyone at once.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sim/start_spread.h"
#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

// Start times by process (client index order), and the first notification each process got.
struct Starts {
  std::vector<std::pair<std::string, SimTime>> started;  ///< name, time
  std::map<std::string, SimTime> firstNotify;
};

Starts startsOf(const Scenario& s) {
  OwnershipSink sink;
  Starts out;
  sink.onAfter = [&](const SimEvent& ev) {
    if (const auto* l = std::get_if<EvClientLifecycle>(&ev); l && l->what == ClientLifecycle::STARTED)
      out.started.emplace_back(sink.catalog->clients[static_cast<std::size_t>(l->client)].name, l->at);
    if (const auto* n = std::get_if<EvNotify>(&ev)) out.firstNotify.emplace(sink.catalog->clients[static_cast<std::size_t>(n->client)].name, n->at);
  };
  runWith(s, sink);
  return out;
}

Scenario spreadWorld(SimTime fleetSpread, SimTime joinSpread) {
  Scenario s = basicScenario(2, 8, 6, 70 * kSecond);
  s.groups[0].spread_ms = fleetSpread;
  EventSpec e = event(60 * kSecond, "start");
  e.count = 4;
  e.spread_ms = joinSpread;
  s.events.push_back(e);
  return s;
}

}  // namespace

TEST_CASE("start spread: offsets are uniform in [0, spread), per process, 0 without a draw") {
  CHECK(startOffset(1, 0, "g-0", 0) == 0);
  std::vector<SimTime> offsets;
  for (int n = 0; n < 400; ++n) offsets.push_back(startOffset(7, 0, "g-" + std::to_string(n), 2 * kSecond));
  CHECK(*std::min_element(offsets.begin(), offsets.end()) >= 0);
  CHECK(*std::max_element(offsets.begin(), offsets.end()) < 2 * kSecond);
  // Uniform: of 400 draws, each half of the range gets about 200 (4 sigma: 200 +- 40).
  const auto low = std::count_if(offsets.begin(), offsets.end(), [](SimTime o) { return o < kSecond; });
  CHECK(low > 160);
  CHECK(low < 240);
  CHECK(startOffset(7, 0, "g-0", 2 * kSecond) == offsets[0]);   // a pure function of its inputs
  CHECK(startOffset(7, 1, "g-0", 2 * kSecond) != offsets[0]);   // --phases re-seeds per phase
  CHECK(startOffset(8, 0, "g-0", 2 * kSecond) != offsets[0]);   // and the seed
}

TEST_CASE("start spread: the t=0 fleet and a start event start within [t, t + spread) and register at once") {
  const Starts st = startsOf(spreadWorld(2 * kSecond, 2 * kSecond));
  REQUIRE(st.started.size() == 10);
  std::vector<SimTime> fleet, joiners;
  for (const auto& [name, at] : st.started) {
    const int n = std::stoi(name.substr(2));
    (n < 6 ? fleet : joiners).push_back(at);
    // Its start sends a heartbeat at once (route query: 2 x 5 ms, heartbeat 5 ms), the broker
    // registers it and notifies the group (5 ms), plus the start's other calls: within 50 ms.
    REQUIRE(st.firstNotify.count(name));
    CHECK(st.firstNotify.at(name) >= at);
    CHECK(st.firstNotify.at(name) <= at + 50);
  }
  REQUIRE(fleet.size() == 6);
  REQUIRE(joiners.size() == 4);
  for (SimTime t : fleet) CHECK((t >= 0 && t < 2 * kSecond));
  for (SimTime t : joiners) CHECK((t >= 60 * kSecond && t < 62 * kSecond));
  CHECK(std::adjacent_find(fleet.begin(), fleet.end(), std::not_equal_to<>()) != fleet.end());  // not one instant
}

TEST_CASE("start spread: same seed, same offsets; another seed, others; a group's spread shifts no other group") {
  const Scenario s = spreadWorld(2 * kSecond, 2 * kSecond);
  CHECK(startsOf(s).started == startsOf(s).started);
  Scenario other = s;
  other.seed = 99;
  CHECK(startsOf(other).started != startsOf(s).started);

  // A second group h: giving it a spread leaves g's start times exactly as they were.
  Scenario two = s;
  GroupSpec h = two.groups[0];
  h.name = "h";
  h.spread_ms = 0;
  two.groups.push_back(h);
  Scenario twoSpread = two;
  twoSpread.groups[1].spread_ms = 3 * kSecond;
  auto ofG = [](const Starts& st) {
    std::vector<std::pair<std::string, SimTime>> g;
    for (const auto& x : st.started)
      if (x.first.rfind("g-", 0) == 0) g.push_back(x);
    std::sort(g.begin(), g.end());
    return g;
  };
  CHECK(ofG(startsOf(two)) == ofG(startsOf(twoSpread)));
}

TEST_CASE("start spread: spread 0 starts every client at exactly t, in name order") {
  const Starts st = startsOf(spreadWorld(0, 0));
  REQUIRE(st.started.size() == 10);
  for (std::size_t i = 0; i < st.started.size(); ++i) {
    CHECK(st.started[i].first == "g-" + std::to_string(i));
    CHECK(st.started[i].second == (i < 6 ? 0 : 60 * kSecond));
  }
}

TEST_CASE("start spread: a restart's new process starts within [stop + delay, stop + delay + spread)") {
  Scenario s = basicScenario(2, 8, 4, 80 * kSecond);
  EventSpec r = event(60 * kSecond, "restart", {"g-1"});
  r.delay_ms = 5 * kSecond;
  r.spread_ms = 2 * kSecond;
  s.events.push_back(r);
  const Starts st = startsOf(s);
  REQUIRE(st.started.size() == 5);
  CHECK(st.started.back().first == "g-1");
  CHECK(st.started.back().second >= 65 * kSecond);
  CHECK(st.started.back().second < 67 * kSecond);
}
