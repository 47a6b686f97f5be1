// Replays every recorded Java allocation (tests/golden/allocation_vectors.jsonl, see its README):
// each distinct member, the outsider, and allocateAll must match byte for byte.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "rocketmq/common/java_string.h"
#include "strategy/strategy_registry.h"
#include "test_support.h"

using nlohmann::ordered_json;
using namespace rmqsim;
using namespace rmqsim::test;

namespace {

struct GoldenCase {
  ordered_json j;
  std::vector<MessageQueue> mqAll;
  std::vector<std::string> cidAll;
};

std::vector<GoldenCase> loadGolden() {
  std::ifstream in(std::string(RMQSIM_TESTS_DIR) + "/golden/allocation_vectors.jsonl");
  REQUIRE(in.good());
  std::vector<GoldenCase> cases;
  std::string line;
  while (std::getline(in, line)) {
    GoldenCase c;
    c.j = ordered_json::parse(line);
    for (const auto& q : c.j.at("mqAll")) c.mqAll.push_back(queueFromJson(q));
    for (const auto& id : c.j.at("cidAll")) c.cidAll.push_back(id.get<std::string>());
    cases.push_back(std::move(c));
  }
  return cases;
}

const std::vector<GoldenCase>& golden() {
  static const std::vector<GoldenCase> cases = loadGolden();
  return cases;
}

StrategyParams paramsOf(const ordered_json& p) {
  StrategyParams params;
  if (p.contains("virtualNodeCnt")) params.virtualNodeCnt = p["virtualNodeCnt"].get<int>();
  if (p.contains("messageQueueList") && !p["messageQueueList"].is_null()) {
    params.messageQueueList.emplace();
    for (const auto& q : p["messageQueueList"]) params.messageQueueList->push_back(queueFromJson(q));
  }
  if (p.contains("consumeridcs")) params.consumeridcs = p["consumeridcs"].get<std::vector<std::string>>();
  if (p.contains("resolver")) params.resolver = p["resolver"].get<std::string>();
  if (p.contains("inner")) params.inner = p["inner"].get<std::string>();
  if (p.contains("innerParams") && p["innerParams"].contains("virtualNodeCnt"))
    params.innerVirtualNodeCnt = p["innerParams"]["virtualNodeCnt"].get<int>();
  return params;
}

nlohmann::json callOnce(const AllocateMessageQueueStrategy& s, const GoldenCase& c, const std::string& cid) {
  try {
    return toJson(s.allocate(c.j.value("consumerGroup", ""), cid, c.mqAll, c.cidAll));
  } catch (const IllegalArgumentError& e) {
    return errorJson(e.what());
  }
}

// Compares one case; returns a description of the first difference, or "".
std::string replay(const GoldenCase& c) {
  const auto& j = c.j;
  std::string id = j.at("id").get<std::string>();
  std::unique_ptr<AllocateMessageQueueStrategy> strategy;
  std::string ctorError;
  try {
    strategy = makeStrategy(j.at("strategy").get<std::string>(), paramsOf(j.at("params")));
  } catch (const IllegalArgumentError& e) {
    ctorError = e.what();
  }
  auto expectOf = [&](const nlohmann::json& got, const ordered_json& want, const std::string& who) -> std::string {
    if (nlohmann::json(want) == got) return "";
    return id + " " + who + ": want " + want.dump() .substr(0, 300) + " got " + got.dump().substr(0, 300);
  };
  if (!strategy) {  // the constructor threw: every call records that error
    for (const auto& [cid, want] : j.at("allocation").items())
      if (auto d = expectOf(errorJson(ctorError), want, cid); !d.empty()) return d;
    return expectOf(errorJson(ctorError), j.at("outsider"), "outsider");
  }
  if (strategy->getName() != j.at("name").get<std::string>()) return id + ": getName() = " + strategy->getName();
  // allocation keys: the distinct ids in first-occurrence order.
  std::vector<std::string> distinct;
  for (const auto& cid : c.cidAll)
    if (std::find(distinct.begin(), distinct.end(), cid) == distinct.end()) distinct.push_back(cid);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.at("allocation").items()) keys.push_back(k);
  if (keys != distinct) return id + ": allocation keys differ from the distinct ids of cidAll";
  for (const auto& cid : distinct)
    if (auto d = expectOf(callOnce(*strategy, c, cid), j["allocation"][cid], "'" + cid + "'"); !d.empty()) return d;
  if (auto d = expectOf(callOnce(*strategy, c, j.at("outsiderCid").get<std::string>()), j.at("outsider"), "outsider");
      !d.empty())
    return d;
  auto all = strategy->allocateAll(j.value("consumerGroup", ""), c.mqAll, c.cidAll);
  if (all.size() != c.cidAll.size()) return id + ": allocateAll size";
  for (std::size_t i = 0; i < all.size(); ++i)
    if (auto d = expectOf(toJson(all[i]), j["allocation"][c.cidAll[i]], "allocateAll[" + std::to_string(i) + "]");
        !d.empty())
      return d;
  return "";
}

}  // namespace

TEST_CASE("strategy/golden/every recorded Java allocation is reproduced") {
  const auto& cases = golden();
  REQUIRE(cases.size() == 1505);
  std::vector<std::string> failures;
  for (const auto& c : cases)
    if (auto d = replay(c); !d.empty()) failures.push_back(d);
  for (std::size_t i = 0; i < std::min<std::size_t>(failures.size(), 10); ++i) MESSAGE(failures[i]);
  CHECK(failures.size() == 0);
}

TEST_CASE("strategy/golden/sorting shuffled presorted lists restores RebalanceImpl's order") {
  SplitMix64 rng(20240917);
  int checked = 0;
  std::vector<std::string> failures;
  for (const auto& c : golden()) {
    if (!c.j.at("presorted").get<bool>()) continue;
    auto mqs = c.mqAll;
    auto cids = c.cidAll;
    shuffle(mqs, rng);
    shuffle(cids, rng);
    std::sort(mqs.begin(), mqs.end());
    std::sort(cids.begin(), cids.end(), JavaStringLess{});
    if (mqs != c.mqAll || cids != c.cidAll) failures.push_back(c.j.at("id").get<std::string>());
    ++checked;
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(failures.size(), 10); ++i) MESSAGE("order differs: " << failures[i]);
  CHECK(checked > 1000);
  CHECK(failures.size() == 0);
}
