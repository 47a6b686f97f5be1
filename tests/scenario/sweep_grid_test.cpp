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

TEST_CASE("scenario/sweep grid/a range is counted before it is expanded, whatever its ends") {
  CHECK(parseVary("x=1..10000").values.size() == 10000);
  CHECK_THROWS_WITH_AS(parseVary("x=1..10001"), "--vary x: range '1..10001' has more than 10000 values", GridError);
  CHECK_THROWS_AS(parseVary("x=1..2147483647"), GridError);
  CHECK_THROWS_AS(parseVary("x=-9223372036854775808..9223372036854775807"), GridError);  // b - a overflows
  CHECK(parseVary("x=-9223372036854775808..9223372036854775807:9223372036854775807").values ==
        std::vector<std::string>{"-9223372036854775808", "-1", "9223372036854775806"});
  CHECK(parseVary("x=9223372036854775806..9223372036854775807:5").values == std::vector<std::string>{"9223372036854775806"});
  CHECK_THROWS_WITH_AS(parseVary("description=a\x1b" "b"),
                       "--vary 'description=a\\x1Bb' holds control character U+001B at character 14; allowed: printable characters only",
                       GridError);
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
