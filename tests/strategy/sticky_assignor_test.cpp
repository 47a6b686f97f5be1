#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "strategy/sticky_assignor.h"
#include "strategy/uniform_assignor.h"

using namespace rmqsim;

namespace {

std::map<std::int32_t, int> loads(const std::vector<std::int32_t>& owners) {
  std::map<std::int32_t, int> l;
  for (auto o : owners) ++l[o];
  return l;
}

int moved(const std::vector<std::int32_t>& before, const std::vector<std::int32_t>& after) {
  int n = 0;
  for (std::size_t i = 0; i < before.size(); ++i) n += before[i] != after[i];
  return n;
}

}  // namespace

TEST_CASE("strategy/sticky: from nothing it is AVG's contiguous blocks") {
  const auto owners = stickyAssign(std::vector<std::int32_t>(10, -1), 3);
  CHECK(owners == std::vector<std::int32_t>{0, 0, 0, 0, 1, 1, 1, 2, 2, 2});
}

TEST_CASE("strategy/sticky: a member leaving moves only its queues, loads end within one") {
  const std::vector<std::int32_t> before = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};  // 3 members, 4 each
  // Member 1 left: the survivors are positions 0 and 1 (old 2 renumbered).
  std::vector<std::int32_t> prev = {0, 0, 0, 0, -1, -1, -1, -1, 1, 1, 1, 1};
  const auto after = stickyAssign(prev, 2);
  CHECK(loads(after) == std::map<std::int32_t, int>{{0, 6}, {1, 6}});
  CHECK(moved(prev, after) == 4);  // exactly the departed member's queues
  for (int i : {0, 1, 2, 3}) CHECK(after[static_cast<std::size_t>(i)] == 0);
  for (int i : {8, 9, 10, 11}) CHECK(after[static_cast<std::size_t>(i)] == 1);
}

TEST_CASE("strategy/sticky: a member joining takes the fewest queues, the ceil slots stay with the big holders") {
  // 10 queues on 2 members (5+5); a third member joins at position 1: 4+3+3, two queues move
  // from member 0 and... the largest holders keep ceil = 4.
  const std::vector<std::int32_t> prev = {0, 0, 0, 0, 0, 2, 2, 2, 2, 2};
  const auto after = stickyAssign(prev, 3);
  const auto l = loads(after);
  CHECK(std::max({l.at(0), l.at(1), l.at(2)}) - std::min({l.at(0), l.at(1), l.at(2)}) <= 1);
  CHECK(l.at(1) == 3);
  CHECK(moved(prev, after) == 3);  // the new member's 3, no more
}

TEST_CASE("strategy/sticky: more members than queues, holders keep theirs") {
  const std::vector<std::int32_t> prev = {3, -1};
  const auto after = stickyAssign(prev, 4);
  CHECK(after[0] == 3);
  CHECK(after[1] == 0);
  CHECK(stickyAssign({-1, -1}, 0) == std::vector<std::int32_t>{-1, -1});
}

TEST_CASE("strategy/sticky: round robin hands moved queues out one per member") {
  const auto owners = stickyAssign(std::vector<std::int32_t>(6, -1), 3, StickyFill::ROUND_ROBIN);
  CHECK(owners == std::vector<std::int32_t>{0, 1, 2, 0, 1, 2});
}

TEST_CASE("strategy/uniform: the group's summed loads end within one where per-topic balance tilts") {
  // Two topics of 1 queue each (two retry-like topics) and 2 members: per-topic sticky gives both
  // to member 0 (each topic restarts at the first member); uniform pools them.
  const std::vector<std::vector<std::int32_t>> prev = {{-1}, {-1}};
  CHECK(stickyAssign(prev[0], 2) == std::vector<std::int32_t>{0});
  CHECK(stickyAssign(prev[1], 2) == std::vector<std::int32_t>{0});
  const auto u = uniformAssign(prev, 2);
  CHECK(u == std::vector<std::vector<std::int32_t>>{{0}, {1}});
  // And it stays put when nothing changed.
  CHECK(uniformAssign(u, 2) == u);
}
