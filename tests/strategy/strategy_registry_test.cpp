#include <doctest/doctest.h>

#include "strategy/queue_list_text.h"
#include "strategy/strategy_registry.h"

using namespace rmqsim;

TEST_CASE("strategy/registry/names, Java classes and getName agree") {
  REQUIRE(strategyNames() == std::vector<std::string>{"AVG", "AVG_BY_CIRCLE", "CONSISTENT_HASH", "CONFIG",
                                                      "MACHINE_ROOM", "MACHINE_ROOM_NEARBY"});
  for (const auto& info : strategyInfos()) {
    auto s = makeStrategy(info.name, {});
    CHECK(s->getName().rfind(info.name, 0) == 0);
    CHECK(findStrategy(info.name) == &info);
  }
  CHECK(findStrategy("avg") == nullptr);
  CHECK_THROWS_AS(makeStrategy("AVERAGE", {}), std::invalid_argument);
}

TEST_CASE("strategy/registry/setStrategyParam parses scenario-facing parameters") {
  StrategyParams p;
  setStrategyParam("CONSISTENT_HASH", p, "virtual_nodes", "32", "T");
  CHECK(p.virtualNodeCnt == 32);
  setStrategyParam("MACHINE_ROOM_NEARBY", p, "virtual_nodes", "5", "T");
  CHECK(p.innerVirtualNodeCnt == 5);
  setStrategyParam("MACHINE_ROOM", p, "rooms", "r1,r2", "T");
  CHECK(p.consumeridcs == std::vector<std::string>{"r1", "r2"});
  setStrategyParam("CONFIG", p, "queues", "broker-a:0-1,other/broker-b:3", "T");
  REQUIRE(p.messageQueueList.has_value());
  CHECK(*p.messageQueueList == std::vector<MessageQueue>{{"T", "broker-a", 0}, {"T", "broker-a", 1}, {"other", "broker-b", 3}});
  CHECK_THROWS_WITH_AS(setStrategyParam("AVG", p, "virtual_nodes", "3", "T"),
                       "unknown parameter 'virtual_nodes' for AVG; allowed: (none)", std::invalid_argument);
  CHECK_THROWS_AS(setStrategyParam("CONSISTENT_HASH", p, "virtual_nodes", "ten", "T"), std::invalid_argument);
  CHECK_THROWS_AS(setStrategyParam("MACHINE_ROOM_NEARBY", p, "inner", "CONFIG", "T"), std::invalid_argument);
}

TEST_CASE("strategy/queue list text/parses ranges and prints them compactly") {
  auto q = parseQueueList("room1@broker-a:0-2, broker-b:7", "orders");
  REQUIRE(q.size() == 4);
  CHECK(q[0] == MessageQueue{"orders", "room1@broker-a", 0});
  CHECK(q[3] == MessageQueue{"orders", "broker-b", 7});
  CHECK(formatQueueRanges(q, "orders") == "room1@broker-a:0-2,broker-b:7");
  CHECK(formatQueueRanges({{"x", "b", 1}, {"x", "b", 3}}, "orders") == "x/b:1,x/b:3");
  CHECK(formatQueueRanges({}, "orders").empty());
  CHECK_THROWS_AS(parseQueueList("broker-a", "T"), std::invalid_argument);
  CHECK_THROWS_AS(parseQueueList("broker-a:3-1", "T"), std::invalid_argument);
  CHECK_THROWS_AS(parseQueueList("broker-a:x", "T"), std::invalid_argument);
  CHECK_THROWS_AS(parseQueueList("a:1,,b:2", "T"), std::invalid_argument);
}

TEST_CASE("strategy/queue list text/ranges and names are bounded before anything is expanded") {
  CHECK(parseQueueList("broker-a:0-65535", "T").size() == 65536);
  CHECK_THROWS_WITH_AS(parseQueueList("broker-a:0-100000000", "T"),
                       "queue id 100000000 in 'broker-a:0-100000000' is above 65535; allowed: queue ids 0..65535 "
                       "(a topic has at most 65536 queues)",
                       std::invalid_argument);
  CHECK_THROWS_AS(parseQueueList("broker-a:2147483647", "T"), std::invalid_argument);
  CHECK_THROWS_AS(parseQueueList("broker-a:0-2147483647", "T"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(parseQueueList("broker-a:0-65535,broker-b:0", "T"),
                       "the queue list names more than 65536 queues (at 'broker-b:0'); allowed: at most 65536 queues in one list",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parseQueueList(std::string("bro\0ker:1", 9), "T"),
                       "the broker name in queue item 'bro\\x00ker:1' holds control character U+0000 at character 4; "
                       "allowed: at most 255 characters, none of them control characters",
                       std::invalid_argument);
  CHECK_THROWS_AS(parseQueueList(std::string(300, 't') + "/b:1", "T"), std::invalid_argument);
  StrategyParams p;
  CHECK_THROWS_AS(setStrategyParam("MACHINE_ROOM", p, "rooms", "hz,s\x1bh", "T"), std::invalid_argument);
}
