// Hand-made cases for each strategy: the rules of tests/golden/README.md, one at a time.
#include <doctest/doctest.h>

#include "strategy/abstract_allocate_message_queue_strategy.h"
#include "strategy/allocate_machine_room_nearby.h"
#include "strategy/allocate_message_queue_by_machine_room.h"
#include "strategy/allocate_message_queue_consistent_hash.h"
#include "strategy/md5_hash.h"
#include "strategy/strategy_registry.h"

using namespace rmqsim;

namespace {

std::vector<MessageQueue> queues(const std::string& broker, int count, const std::string& topic = "T") {
  std::vector<MessageQueue> out;
  for (int i = 0; i < count; ++i) out.push_back(MessageQueue{topic, broker, i});
  return out;
}

std::vector<int> ids(const AllocateResult& r) {
  std::vector<int> out;
  for (const auto& mq : r.value()) out.push_back(mq.queueId);
  return out;
}

}  // namespace

TEST_CASE("strategy/AVG/remainder goes to the first positions in contiguous blocks") {
  auto s = makeStrategy("AVG", {});
  std::vector<std::string> cids = {"a", "b", "c"};
  auto mqs = queues("b", 8);
  CHECK(ids(s->allocate("G", "a", mqs, cids)) == std::vector<int>{0, 1, 2});
  CHECK(ids(s->allocate("G", "b", mqs, cids)) == std::vector<int>{3, 4, 5});
  CHECK(ids(s->allocate("G", "c", mqs, cids)) == std::vector<int>{6, 7});
}

TEST_CASE("strategy/AVG/more consumers than queues") {
  auto s = makeStrategy("AVG", {});
  std::vector<std::string> cids = {"a", "b", "c", "d"};
  auto mqs = queues("b", 2);
  CHECK(ids(s->allocate("G", "b", mqs, cids)) == std::vector<int>{1});
  CHECK(ids(s->allocate("G", "c", mqs, cids)).empty());
}

TEST_CASE("strategy/AVG/a duplicated id takes the first position's share twice") {
  auto s = makeStrategy("AVG", {});
  std::vector<std::string> cids = {"a", "a", "b"};
  auto mqs = queues("b", 6);
  CHECK(ids(s->allocate("G", "a", mqs, cids)) == std::vector<int>{0, 1});
  CHECK(ids(s->allocate("G", "b", mqs, cids)) == std::vector<int>{4, 5});  // 2,3 go to nobody
}

TEST_CASE("strategy/checks/run in Java's order and the outsider gets an empty list") {
  auto s = makeStrategy("AVG_BY_CIRCLE", {});
  CHECK_THROWS_WITH_AS(s->allocate("G", "", {}, {}), "currentCID is empty", IllegalArgumentError);
  CHECK_THROWS_WITH_AS(s->allocate("G", " ", {}, {}), "mqAll is null or mqAll empty", IllegalArgumentError);
  CHECK_THROWS_WITH_AS(s->allocate("G", " ", queues("b", 1), {}), "cidAll is null or cidAll empty",
                       IllegalArgumentError);
  CHECK(s->allocate("G", " ", queues("b", 1), {"a"})->empty());
}

TEST_CASE("strategy/AVG_BY_CIRCLE/every n-th queue from the first index") {
  auto s = makeStrategy("AVG_BY_CIRCLE", {});
  CHECK(ids(s->allocate("G", "b", queues("x", 7), {"a", "b", "c"})) == std::vector<int>{1, 4});
}

TEST_CASE("strategy/CONSISTENT_HASH/md5 reads the first four digest bytes big-endian") {
  Md5Hash md5;
  CHECK(md5.hash("") == 0xd41d8cd9u);     // MD5("") = d41d8cd98f00b204...
  CHECK(md5.hash("abc") == 0x90015098u);  // MD5("abc") = 900150983cd24fb0...
}

TEST_CASE("strategy/CONSISTENT_HASH/negative virtual node count is rejected by the constructor") {
  StrategyParams p;
  p.virtualNodeCnt = -1;
  CHECK_THROWS_WITH_AS(makeStrategy("CONSISTENT_HASH", p), "illegal virtualNodeCnt :-1", IllegalArgumentError);
  p.virtualNodeCnt = 0;
  auto s = makeStrategy("CONSISTENT_HASH", p);
  CHECK(s->allocate("G", "a", queues("b", 4), {"a"})->empty());  // empty ring: nobody owns anything
}

TEST_CASE("strategy/MACHINE_ROOM/Java split drops trailing empty pieces and keeps a leading one") {
  CHECK(javaSplit("room1@broker-a@@", '@').size() == 2);
  CHECK(javaSplit("room1@@broker-q", '@').size() == 3);
  CHECK(javaSplit("@", '@').empty());
  CHECK(javaSplit("room1@", '@').size() == 1);
  CHECK(javaSplit("", '@').size() == 1);
  auto lead = javaSplit("@broker-q", '@');
  REQUIRE(lead.size() == 2);
  CHECK(lead[0].empty());
}

TEST_CASE("strategy/MACHINE_ROOM/front blocks then the remainder from the tail") {
  StrategyParams p;
  p.consumeridcs = {"r1"};
  auto s = makeStrategy("MACHINE_ROOM", p);
  auto mqs = queues("r1@b", 5);
  auto other = queues("r2@b", 3);
  mqs.insert(mqs.end(), other.begin(), other.end());
  CHECK(ids(s->allocate("G", "a", mqs, {"a", "b"})) == std::vector<int>{0, 1, 4});
  CHECK(ids(s->allocate("G", "b", mqs, {"a", "b"})) == std::vector<int>{2, 3});
}

TEST_CASE("strategy/MACHINE_ROOM_NEARBY/own room first, then rooms without consumers") {
  auto s = makeStrategy("MACHINE_ROOM_NEARBY", {});
  CHECK(s->getName() == "MACHINE_ROOM_NEARBY-AVG");
  std::vector<MessageQueue> mqs = queues("hz-a", 2);
  for (auto& mq : queues("sh-a", 2)) mqs.push_back(mq);
  for (auto& mq : queues("bj-a", 2)) mqs.push_back(mq);
  std::vector<std::string> cids = {"hz-1", "sh-1", "sh-2"};
  auto hz = s->allocate("G", "hz-1", mqs, cids).value();
  REQUIRE(hz.size() == 3);  // both hz queues, then bj's first block among all three
  CHECK(hz[0].brokerName == "hz-a");
  CHECK(hz[2].brokerName == "bj-a");
  CHECK_THROWS_WITH_AS(s->allocate("G", "hz-1", mqs, {"hz-1", "-x"}), "Machine room is null for consumer id -x",
                       IllegalArgumentError);
  CHECK(s->allocate("G", "out", mqs, {"hz-1", "-x"})->empty());  // the outsider returns before grouping
}

TEST_CASE("strategy/CONFIG/returns the configured list to everyone, null when unset") {
  auto unset = makeStrategy("CONFIG", {});
  CHECK_FALSE(unset->allocate("G", "", {}, {}).has_value());
  StrategyParams p;
  p.messageQueueList = queues("b", 2);
  CHECK(ids(makeStrategy("CONFIG", p)->allocate("G", "", {}, {})) == std::vector<int>{0, 1});
}

TEST_CASE("strategy/firstIndexes: Java indexOf per position, ordered or not") {
  using rmqsim::firstIndexes;
  // In byte order (the sorted cidAll): neighbours decide.
  CHECK(firstIndexes({"a", "b", "b", "c", "c", "c"}) == std::vector<int>{0, 1, 1, 3, 3, 3});
  // Out of order: the table finds the earlier equal id wherever it is.
  CHECK(firstIndexes({"b", "a", "b", "c", "a"}) == std::vector<int>{0, 1, 0, 3, 1});
  CHECK(firstIndexes({"a", "a", "b", "a"}) == std::vector<int>{0, 0, 2, 0});
  CHECK(firstIndexes({}).empty());
}
