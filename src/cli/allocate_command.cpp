// `allocate`: one static allocation computed exactly as the clients compute it (contract §5).
#include "cli/allocate_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <iomanip>
#include <iostream>
#include <map>
#include <stdexcept>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "rocketmq/common/java_string.h"
#include "scenario/validator.h"
#include "strategy/queue_list_text.h"
#include "util/name_rules.h"
#include "util/spellcheck.h"

namespace rmqsim {
namespace {

struct AllocateOptions {
  std::string strategy;
  std::string topic = "TopicTest";
  std::string queues;
  std::string clients;
  std::string group = "please_rename_unique_group_name";
  std::vector<std::string> params;
  std::string format = "text";
  bool explain = false;
  bool likeMqadmin = false;
  std::string cases;
  std::string scenario;
};

std::vector<std::string> splitComma(const std::string& s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= s.size()) {
    std::size_t comma = s.find(',', from);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(s.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

// Names reach the report as given: the scenario's rules for names (util/name_rules.h).
void checkName(const std::string& option, std::string_view name) {
  if (auto problem = nameProblem(name))
    throw UsageError{option + " '" + shownText(name) + "' " + *problem + "; allowed: " + nameRuleText()};
}

// "broker-a:8,broker-b:8" -> queues 0..7 of each broker, in the order given; counts are bounded
// (a topic's 65,536 queues per broker, the scenario's queue limit in all) before they expand.
std::vector<MessageQueue> parseQueueCounts(const std::string& text, const std::string& topic) {
  std::vector<MessageQueue> out;
  for (const auto& item : splitComma(text)) {
    std::size_t colon = item.rfind(':');
    int count = -1;
    if (colon != std::string::npos && colon > 0) {
      auto [p, ec] = std::from_chars(item.data() + colon + 1, item.data() + item.size(), count);
      if (ec != std::errc() || p != item.data() + item.size()) count = -1;
    }
    if (count < 0)
      throw UsageError{"bad --queues item '" + shownText(item) +
                       "'; expected BROKER:COUNT items separated by commas, e.g. broker-a:8,broker-b:8"};
    if (count > kMaxQueueId + 1)
      throw UsageError{"--queues item '" + shownText(item) + "' asks for " + std::to_string(count) + " queues; allowed: at most " +
                       std::to_string(kMaxQueueId + 1) + " per broker (a topic's limit)"};
    if (out.size() + static_cast<std::size_t>(count) > static_cast<std::size_t>(kMaxQueues))
      throw UsageError{"--queues asks for more than " + std::to_string(kMaxQueues) + " queues in all; allowed: at most " +
                       std::to_string(kMaxQueues) + " (the scenario limit)"};
    checkName("--queues broker", std::string_view(item).substr(0, colon));
    for (int i = 0; i < count; ++i) out.push_back(MessageQueue{topic, item.substr(0, colon), i});
  }
  return out;
}

StrategyParams parseParams(const AllocateOptions& o) {
  StrategyParams params;
  const StrategyInfo* info = findStrategy(o.strategy);
  std::vector<std::string> keys;
  for (const auto& p : info->params) keys.push_back(p.name);
  for (const auto& kv : o.params) {
    std::size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError{"bad --param '" + kv + "'; expected KEY=VALUE, e.g. --param virtual_nodes=10"};
    std::string key = kv.substr(0, eq);
    try {
      setStrategyParam(o.strategy, params, key, kv.substr(eq + 1), o.topic);
    } catch (const std::invalid_argument& e) {
      bool unknownKey = std::find(keys.begin(), keys.end(), key) == keys.end();
      throw UsageError{"--param " + kv + ": " + e.what() + (unknownKey ? didYouMeanSuffix(key, keys) : "")};
    }
  }
  return params;
}

std::string paramSummary(const std::string& name, const StrategyParams& p) {
  if (name == "CONSISTENT_HASH") return " (virtual_nodes=" + std::to_string(p.virtualNodeCnt) + ")";
  if (name == "MACHINE_ROOM_NEARBY")
    return " (inner=" + p.inner + (p.inner == "CONSISTENT_HASH" ? ", virtual_nodes=" + std::to_string(p.innerVirtualNodeCnt) : "") + ")";
  if (name == "MACHINE_ROOM") {
    std::string rooms;
    for (const auto& r : p.consumeridcs) rooms += (rooms.empty() ? "" : ",") + r;
    return " (rooms=" + rooms + ")";
  }
  return "";
}

}  // namespace

void printAllocationTable(const std::string& strategyName, const StrategyParams& params, const std::string& topic,
                          const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll,
                          const std::vector<AllocateOutcome>& outcomes) {
  std::cout << "strategy " << strategyName << paramSummary(strategyName, params) << ", topic " << topic << ": "
            << mqAll.size() << " queues, " << cidAll.size() << " clients, both sorted as RebalanceImpl sorts them\n";
  std::vector<std::size_t> rows;  // first position of each distinct id
  std::vector<int> firsts(cidAll.size());
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    firsts[i] = static_cast<int>(std::find(cidAll.begin(), cidAll.end(), cidAll[i]) - cidAll.begin());
    if (static_cast<std::size_t>(firsts[i]) == i) rows.push_back(i);
  }
  std::size_t width = 6;
  for (auto i : rows) width = std::max(width, cidAll[i].size());
  std::cout << std::left << std::setw(static_cast<int>(width)) << "client" << "  " << std::right << std::setw(6) << "queues"
            << "  assigned\n";
  std::map<MessageQueue, int> owners;
  for (auto i : rows) {
    const auto& out = outcomes[i];
    std::string count = out.error ? "-" : out.result ? std::to_string(out.result->size()) : "null";
    std::string detail = out.error ? "IllegalArgumentException: " + *out.error
                                   : out.result ? formatQueueRanges(*out.result, topic) : "(null: no list configured)";
    std::size_t copies = static_cast<std::size_t>(std::count(cidAll.begin(), cidAll.end(), cidAll[i]));
    if (copies > 1) detail += "  [id listed " + std::to_string(copies) + " times]";
    std::cout << std::left << std::setw(static_cast<int>(width)) << cidAll[i] << "  " << std::right << std::setw(6)
              << count << "  " << detail << "\n";
    if (out.result)
      for (std::size_t k = 0; k < copies; ++k)
        for (const auto& mq : *out.result) ++owners[mq];
  }
  std::vector<MessageQueue> unassigned, shared;
  for (const auto& mq : mqAll) {
    auto it = owners.find(mq);
    if (it == owners.end()) unassigned.push_back(mq);
    else if (it->second > 1 && (shared.empty() || !(shared.back() == mq))) shared.push_back(mq);
  }
  if (!unassigned.empty())
    std::cout << "unassigned: " << unassigned.size() << " queues " << formatQueueRanges(unassigned, topic) << "\n";
  if (!shared.empty())
    std::cout << "held by more than one client: " << shared.size() << " queues " << formatQueueRanges(shared, topic) << "\n";
}

namespace {

int runSingle(AllocateOptions& o) {
  if (o.strategy.empty()) o.strategy = "AVG";
  if (!findStrategy(o.strategy)) throw UsageError{unknownStrategyMessage(o.strategy)};
  if (o.queues.empty()) throw UsageError{"allocate needs --queues BROKER:COUNT,... (e.g. broker-a:8,broker-b:8) or --cases FILE"};
  if (o.clients.empty()) throw UsageError{"allocate needs --clients ID,ID,... (e.g. 10.0.0.1@1,10.0.0.2@1) or --cases FILE"};
  if (o.topic.empty()) throw UsageError{"--topic must not be empty"};
  checkName("--topic", o.topic);
  checkName("--group", o.group);
  std::vector<MessageQueue> given = parseQueueCounts(o.queues, o.topic);
  std::vector<std::string> clientsGiven = splitComma(o.clients);
  for (const std::string& c : clientsGiven) checkName("--clients id", c);
  StrategyParams params = parseParams(o);
  if (o.likeMqadmin) return runLikeMqadmin(o.topic, given, clientsGiven, o.strategy);
  std::unique_ptr<AllocateMessageQueueStrategy> strategy;
  try {
    strategy = makeStrategy(o.strategy, params);
  } catch (const std::invalid_argument& e) {  // IllegalArgumentError too: the Java constructor refused
    throw UsageError{std::string("cannot build ") + o.strategy + ": " + e.what()};
  }
  // RebalanceImpl.rebalanceByTopic: Collections.sort(mqAll); Collections.sort(cidAll).
  std::vector<MessageQueue> mqAll = given;
  std::vector<std::string> cidAll = clientsGiven;
  std::stable_sort(mqAll.begin(), mqAll.end());
  std::stable_sort(cidAll.begin(), cidAll.end(), JavaStringLess{});
  auto outcomes = strategy->allocateAll(o.group, mqAll, cidAll);
  std::vector<std::string> explanation;
  if (o.explain) explanation = explainAllocation(o.strategy, params, mqAll, cidAll, outcomes);
  if (o.format == "json") {
    nlohmann::ordered_json out;
    out["strategy"] = strategy->getName();
    out["topic"] = o.topic;
    out["consumerGroup"] = o.group;
    out["mqAll"] = nlohmann::ordered_json::array();
    for (const auto& mq : mqAll) out["mqAll"].push_back(queueJson(mq));
    out["cidAll"] = cidAll;
    out["allocation"] = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < cidAll.size(); ++i)
      if (!out["allocation"].contains(cidAll[i])) out["allocation"][cidAll[i]] = outcomeJson(outcomes[i]);
    if (o.explain) out["explain"] = explanation;
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    printAllocationTable(o.strategy, params, o.topic, mqAll, cidAll, outcomes);
    for (const auto& line : explanation) std::cout << line << "\n";
  }
  return kExitOk;
}

}  // namespace

CommandRun setupAllocateCommand(CLI::App& app) {
  auto o = std::make_shared<AllocateOptions>();
  CLI::App* cmd = app.add_subcommand("allocate", "One static allocation, computed as the clients compute it (like mqadmin allocateMQ)");
  cmd->add_option("--strategy", o->strategy, "AVG, AVG_BY_CIRCLE, CONSISTENT_HASH, CONFIG, MACHINE_ROOM, MACHINE_ROOM_NEARBY (default AVG)");
  cmd->add_option("--topic", o->topic, "topic name")->capture_default_str();
  cmd->add_option("--queues", o->queues, "queues per broker, BROKER:COUNT,... e.g. broker-a:8,broker-b:8");
  cmd->add_option("--clients", o->clients, "client ids, comma-separated, e.g. 10.0.0.1@1,10.0.0.2@1");
  cmd->add_option("--group", o->group, "consumer group (no built-in strategy reads it)")->capture_default_str();
  cmd->add_option("--param", o->params, "strategy parameter KEY=VALUE (repeatable); see `strategies`");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_flag("--explain", o->explain, "say for each client its sorted index and the rule that gave it its queues");
  cmd->add_flag("--like-mqadmin", o->likeMqadmin, "reproduce mqadmin allocateMQ (AVG, unsorted lists, its JSON shape)");
  cmd->add_option("--cases", o->cases, "batch: a JSONL file of cases (or - for stdin), one JSON result a line");
  cmd->add_option("--scenario", o->scenario, "a scenario whose groups list their client ids (as `import` writes): each group's allocation at t=0");
  return [o]() -> int {
    if (!o->scenario.empty()) {
      if (!o->cases.empty() || !o->strategy.empty() || !o->queues.empty() || !o->clients.empty() || !o->params.empty())
        throw UsageError{"--scenario takes every input from the file; do not combine it with --cases, --strategy, --queues, --clients or --param"};
      return runAllocateScenario(o->scenario, o->format);
    }
    if (!o->cases.empty()) {
      if (!o->strategy.empty() || !o->queues.empty() || !o->clients.empty() || !o->params.empty())
        throw UsageError{"--cases takes every input from the file; do not combine it with --strategy, --queues, --clients or --param"};
      return runAllocateCases(o->cases);
    }
    return runSingle(*o);
  };
}

}  // namespace rmqsim
