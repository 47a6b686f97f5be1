// Each contract §4 definition pinned on small hand-worked cases.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "metrics/balance.h"
#include "metrics/duplicate_counter.h"
#include "metrics/min_moves.h"
#include "lcg.h"

using namespace rmqsim;

TEST_CASE("metrics/min_moves/a scale-out from 2 to 4 clients must move half the queues") {
  CHECK(minMoves({0, 0, 0, 0, 1, 1, 1, 1}, {0, 1, 2, 3}) == 4);
}

TEST_CASE("metrics/min_moves/queues of a departed client always count") {
  CHECK(minMoves({0, 0, 1, 1, 2, 2}, {0, 1}) == 2);
  CHECK(minMoves({-1, 0}, {0}) == 1);  // an unowned queue must be picked up
}

TEST_CASE("metrics/min_moves/the ceil slots go to the clients that already hold most") {
  CHECK(minMoves({0, 0, 0, 1}, {0, 1}) == 1);     // targets 2 and 2
  CHECK(minMoves({0, 0, 0, 1, 1}, {0, 1}) == 0);  // 3 and 2: already within one
  CHECK(minMoves({0, 0, 0, 0, 0}, {0, 1, 2}) == 3);
  CHECK(minMoves(std::vector<std::int32_t>{}, {0}) == 0);
  CHECK(minMoves(std::vector<std::int32_t>{0, 1}, {}) == 0);
}

TEST_CASE("metrics/balance/imbalance, ideal, excess, idle and Jain's index") {
  const BalanceStats b = balanceOf({3, 3, 2, 2, 2, 2, 2, 2}, 18, true);
  CHECK(b.imbalance == 1);
  CHECK(b.idealImbalance == 1);
  CHECK(b.excessImbalance == 0);
  CHECK(b.idleConsumers == 0);
  CHECK(b.jainIndex == doctest::Approx(324.0 / 336.0));
  const BalanceStats tilted = balanceOf({4, 4, 3, 3, 2, 2}, 18, true);  // 18 % 6 == 0: ideal 0
  CHECK(tilted.idealImbalance == 0);
  CHECK(tilted.excessImbalance == 2);
  const BalanceStats idle = balanceOf({1, 1, 1, 1, 0, 0}, 4, true);
  CHECK(idle.idleConsumers == 2);
  CHECK(idle.excessImbalance == 0);  // 4 queues, 6 clients: 1/0 is as even as it gets
  CHECK(balanceOf({5, 5}, 10, true).jainIndex == doctest::Approx(1.0));
}

TEST_CASE("metrics/duplicates/only offsets delivered before count") {
  DuplicateCounter d;
  CHECK(d.deliver(0, 10) == 0);
  CHECK(d.deliver(5, 15) == 5);
  CHECK(d.deliver(20, 30) == 0);
  CHECK(d.deliver(0, 30) == 25);
  CHECK(d.deliver(30, 40) == 0);  // adjacent, not overlapping
  CHECK(d.deliver(39, 41) == 1);
}

TEST_CASE("metrics/skipped_messages/offsets below the highest delivered one, never delivered") {
  DuplicateCounter d;
  CHECK(d.holes() == 0);
  d.deliver(100, 150);  // a start at 100: 0..99 passed over
  CHECK(d.holes() == 100);
  d.deliver(200, 210);  // another start past 150..199
  CHECK(d.holes() == 150);
  d.deliver(0, 120);  // a late report of the first owner's stretch fills 0..99
  CHECK(d.holes() == 50);
  d.deliver(140, 205);  // and the rest, duplicates aside
  CHECK(d.holes() == 0);
}

TEST_CASE("metrics/duplicates/equal a set of delivered offsets on random delivery streams") {
  // Mostly continuing deliveries (the counter's in-place path), with re-pulls from below the
  // end (duplicates), starts past it (holes) and late reports of earlier stretches.
  testing::Lcg next(777);
  int continued = 0, other = 0;
  for (int round = 0; round < 200; ++round) {
    DuplicateCounter d;
    std::vector<bool> seen(400, false);
    std::int64_t end = 0;
    for (int k = 0; k < 30; ++k) {
      const std::int64_t kind = next(10);
      std::int64_t from = end;
      if (kind == 7) from = std::max<std::int64_t>(0, end - next(20));  // a re-pull
      if (kind == 8) from = end + next(15);                             // a start past the end
      if (kind == 9) from = next(std::max<std::int64_t>(1, end));        // a late report
      const std::int64_t to = std::min<std::int64_t>(399, from + next(12));
      if (to <= from) continue;
      (kind < 7 ? continued : other) += 1;
      std::int64_t dup = 0;
      for (std::int64_t o = from; o < to; ++o) dup += seen[static_cast<std::size_t>(o)] ? 1 : 0, seen[static_cast<std::size_t>(o)] = true;
      end = std::max(end, to);
      std::int64_t holes = 0;
      for (std::int64_t o = 0; o < end; ++o) holes += seen[static_cast<std::size_t>(o)] ? 0 : 1;
      CAPTURE(round);
      CAPTURE(k);
      CHECK(d.deliver(from, to) == dup);
      CHECK(d.holes() == holes);
    }
  }
  CHECK(continued > 1000);
  CHECK(other > 500);
}

TEST_CASE("metrics/min_moves/a queue with several owners is kept by the most favourable one") {
  // q0 and q1 are held by departing g-0 and staying g-1: g-1 keeps both; only q2 must move.
  CHECK(minMoves(std::vector<std::vector<std::int32_t>>{{0, 1}, {0, 1}, {0}}, {1, 2}) == 1);
  // Both shared queues can't stay with g-1 beyond its target of 1 when 3 members share 3 queues.
  CHECK(minMoves(std::vector<std::vector<std::int32_t>>{{1, 2}, {1}, {1, 3}}, {1, 2, 3}) == 0);
  CHECK(minMoves(std::vector<std::vector<std::int32_t>>{{1}, {1}, {1, 2}}, {1, 2, 3}) == 1);
}

namespace {

/// Brute force of the definition: every choice of one owner per shared queue, every choice of
/// which clients get ceil(Q/n); kept = sum of min(load, target).
std::int64_t bruteMinMoves(const std::vector<std::vector<std::int32_t>>& before, const std::vector<std::int32_t>& members) {
  const auto q = static_cast<std::int64_t>(before.size()), n = static_cast<std::int64_t>(members.size());
  if (q == 0 || n == 0) return 0;
  std::vector<std::vector<std::int32_t>> choices;  // per queue: member owners, or {-1}
  for (const auto& owners : before) {
    std::vector<std::int32_t> c;
    for (std::int32_t o : owners)
      if (std::find(members.begin(), members.end(), o) != members.end()) c.push_back(o);
    if (c.empty()) c.push_back(-1);
    choices.push_back(c);
  }
  std::int64_t best = 0;
  std::vector<std::size_t> pick(choices.size(), 0);
  while (true) {
    std::vector<std::int64_t> load(static_cast<std::size_t>(n), 0);
    for (std::size_t i = 0; i < choices.size(); ++i) {
      const std::int32_t o = choices[i][pick[i]];
      for (std::size_t m = 0; m < members.size(); ++m)
        if (members[m] == o) ++load[m];
    }
    for (unsigned mask = 0; mask < (1u << n); ++mask) {
      if (__builtin_popcount(mask) != q % n) continue;
      std::int64_t kept = 0;
      for (std::size_t m = 0; m < load.size(); ++m) kept += std::min(load[m], q / n + ((mask >> m) & 1u));
      best = std::max(best, kept);
    }
    std::size_t i = 0;
    while (i < pick.size() && ++pick[i] == choices[i].size()) pick[i++] = 0;
    if (i == pick.size()) break;
  }
  return q - best;
}

}  // namespace

TEST_CASE("metrics/min_moves/equals a brute force of the definition on random small histories") {
  testing::Lcg next(12345);
  int withOverlap = 0;
  for (int round = 0; round < 300; ++round) {
    const std::size_t queues = next(7);
    std::vector<std::int32_t> members;
    for (std::int32_t c = 0; c < 6; ++c)
      if (next(2)) members.push_back(c);
    std::vector<std::vector<std::int32_t>> before(queues);
    for (auto& owners : before) {
      const std::uint64_t k = next(4);  // 0..3 owners, among 0..6 (6 never a member)
      for (std::uint64_t i = 0; i < k; ++i) owners.push_back(static_cast<std::int32_t>(next(7)));
      std::sort(owners.begin(), owners.end());
      owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
      withOverlap += owners.size() > 1 ? 1 : 0;
    }
    CAPTURE(round);
    CHECK(minMoves(before, members) == bruteMinMoves(before, members));
  }
  CHECK(withOverlap > 50);  // the flow path was exercised
}
