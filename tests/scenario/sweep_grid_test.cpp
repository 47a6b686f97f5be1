#include <doctest/doctest.h>

#include "scenario/sweep_grid.h"

using namespace rmqsim;

TEST_CASE("scenario/sweep grid/ranges, lists and flow values") {
  CHECK(parseVary("groups.0.clients=1..4").values == std::vector<std::string>{"1", "2", "3", "4"});
  CHECK(parseVary("groups.0.clients=2..10:4").values == std::vector<std::string>{"2", "6", "10"});
  CHECK(parseVary("a=8,16, 32").values == std::vector<std::string>{"8", "16", "32"});
  CHECK(parseVary("groups.0.strategy={name: CONSISTENT_HASH, virtual_nodes: 5},AVG").values ==
        std::vector<std::string>{"{name: CONSISTENT_HASH, virtual_nodes: 5}", "AVG"});
  CHECK_THROWS_AS(parseVary("groups.0.clients"), GridError);
  CHECK_THROWS_AS(parseVary("x=5..1"), GridError);
  CHECK_THROWS_AS(parseVary("x=1..3:0"), GridError);
  CHECK_THROWS_AS(parseVary("x=1,,2"), GridError);
}

TEST_CASE("scenario/sweep grid/cartesian product with the first axis slowest, and shards partition it") {
  const auto grid = buildGrid({parseVary("a=1,2"), parseVary("b=x,y,z")});
  REQUIRE(grid.size() == 6);
  CHECK(grid[0].sets == std::vector<std::string>{"a=1", "b=x"});
  CHECK(grid[2].sets == std::vector<std::string>{"a=1", "b=z"});
  CHECK(grid[3].sets == std::vector<std::string>{"a=2", "b=x"});
  std::size_t covered = 0;
  for (std::size_t i = 0; i < 4; ++i)
    for (const auto& p : grid) covered += inShard(p, parseShard(std::to_string(i) + "/4"));
  CHECK(covered == grid.size());
  CHECK_THROWS_AS(parseShard("4/4"), GridError);
  CHECK_THROWS_AS(parseShard("1"), GridError);
  CHECK_THROWS_AS(buildGrid({parseVary("a=1..1000"), parseVary("b=1..1000")}), GridError);
}
