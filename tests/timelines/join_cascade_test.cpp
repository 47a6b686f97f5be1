// The join cascade a real cluster shows: joiners whose JVMs come up over 2 s register one by
// one, each registration notifies the group and sets off its own round, so queues pass through
// intermediate owners before the group settles (rocketmq-5 defaults, latency 1-5 ms, AVG).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

constexpr SimTime kJoin = 60 * kSecond;
constexpr SimTime kSpread = 2 * kSecond;

// 4 clients on 2 x 8 queues; 4 more start at 60 s, their JVMs spread over 2 s.
Scenario cascade(SimTime duration) {
  Scenario s = basicScenario(2, 8, 4, duration);
  EventSpec e = event(kJoin, "start");
  e.count = 4;
  e.spread_ms = kSpread;
  s.events.push_back(e);
  return s;
}

bool balanced(const OwnershipSink& s) {
  const auto loads = s.loads("orders");
  if (loads.size() != 8 || !s.complete("orders")) return false;
  for (const auto& [n, l] : loads)
    if (l != 2) return false;
  return true;
}

}  // namespace

TEST_CASE("join cascade: each registration its own round, intermediate owners, settled within spread + the round bound") {
  // Bound: the last joiner starts before 60 s + 2 s; its registration notifies at once (<= 20 ms);
  // every client then rounds within the 1 s minimum gap, and a round on a view one registration
  // old costs one more 1 s wait (rebalance_unbalanced_interval): 62 s + 3 s.
  OwnershipSink sink;
  std::vector<SimTime> joinerStarts;
  sink.onAfter = [&](const SimEvent& ev) {
    if (const auto* l = std::get_if<EvClientLifecycle>(&ev); l && l->what == ClientLifecycle::STARTED && l->at >= kJoin)
      joinerStarts.push_back(l->at);
  };
  runWith(cascade(kJoin + kSpread + 3 * kSecond), sink);
  CHECK(balanced(sink));

  // The old member g-0 is notified by each joiner's registration (the broker's CHANGE): within
  // 50 ms of each joiner's start (route query, heartbeat, notification: a few one-way trips).
  // The spread keeps the four apart (this seed: more than 50 ms), so these are four rounds' causes.
  REQUIRE(joinerStarts.size() == 4);
  std::sort(joinerStarts.begin(), joinerStarts.end());
  for (std::size_t i = 1; i < joinerStarts.size(); ++i) REQUIRE(joinerStarts[i] - joinerStarts[i - 1] > 50);
  for (SimTime t : joinerStarts)
    CHECK(std::any_of(sink.notifies.begin(), sink.notifies.end(), [&](const EvNotify& n) {
      return n.at >= t && n.at <= t + 50 && sink.catalog->clients[static_cast<std::size_t>(n.client)].name == "g-0";
    }));
  // ... and runs more than the one round a simultaneous join gives it (each round after the
  // first waits the 1 s minimum gap, so the rounds follow the registrations).
  int g0Rounds = 0;
  for (const EvRebalance& r : sink.rebalances)
    if (r.at >= kJoin && r.topic == "orders" && sink.catalog->clients[static_cast<std::size_t>(r.client)].name == "g-0") ++g0Rounds;
  CHECK(g0Rounds >= 2);

  // Moves beyond the forced ones: 16 queues from 4 to 8 clients force 8 moves (2 per joiner);
  // a queue handed to a client that gives it up again passed through an intermediate owner.
  std::map<QueueIndex, std::set<ClientIndex>> gainers;
  int moves = 0;
  for (const auto& [at, client, queue] : sink.added)
    if (at >= kJoin && sink.catalog->queues[static_cast<std::size_t>(queue)].topic == "orders") {
      ++moves;
      gainers[queue].insert(client);
    }
  CHECK(moves > 8);
  CHECK(std::any_of(gainers.begin(), gainers.end(), [](const auto& g) { return g.second.size() >= 2; }));

  // Without the spread the same join is one burst of registrations: fewer moves.
  Scenario at = cascade(kJoin + kSpread + 3 * kSecond);
  at.events[0].spread_ms = 0;
  OwnershipSink once;
  runWith(at, once);
  CHECK(balanced(once));
  int movesAtOnce = 0;
  for (const auto& [t, client, queue] : once.added)
    if (t >= kJoin && once.catalog->queues[static_cast<std::size_t>(queue)].topic == "orders") ++movesAtOnce;
  CHECK(movesAtOnce < moves);
}
