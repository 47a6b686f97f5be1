// Each contract §4 definition pinned on small hand-worked cases.
#include <doctest/doctest.h>

#include "metrics/balance.h"
#include "metrics/duplicate_counter.h"
#include "metrics/min_moves.h"

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
  CHECK(minMoves({}, {0}) == 0);
  CHECK(minMoves({0, 1}, {}) == 0);
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
