// The built-in strategies by RocketMQ's names: one table for `strategies`, `allocate` and the scenario validator.
#include "strategy/strategy_registry.h"

#include <charconv>
#include <stdexcept>

#include "strategy/allocate_machine_room_nearby.h"
#include "strategy/allocate_message_queue_averagely.h"
#include "strategy/allocate_message_queue_averagely_by_circle.h"
#include "strategy/allocate_message_queue_by_config.h"
#include "strategy/allocate_message_queue_by_machine_room.h"
#include "strategy/allocate_message_queue_consistent_hash.h"
#include "strategy/queue_list_text.h"
#include "util/name_rules.h"

namespace rmqsim {
namespace {

const char* const kResolverPrefixDash = "prefix-before-first-dash";
const char* const kInnerNames = "AVG, AVG_BY_CIRCLE, CONSISTENT_HASH";

std::string joinNames(const std::vector<StrategyParamInfo>& params) {
  std::string s;
  for (const auto& p : params) s += (s.empty() ? "" : ", ") + p.name;
  return s.empty() ? "(none)" : s;
}

int parseInt(std::string_view key, std::string_view value) {
  int v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || p != value.data() + value.size())
    throw std::invalid_argument("parameter " + std::string(key) + " must be an integer, got '" + std::string(value) + "'");
  return v;
}

}  // namespace

const std::vector<StrategyInfo>& strategyInfos() {
  static const std::vector<StrategyInfo> infos = {
      {"AVG", "AllocateMessageQueueAveragely",
       "contiguous blocks of the sorted queues; the first (queues % clients) clients get one more", {}},
      {"AVG_BY_CIRCLE", "AllocateMessageQueueAveragelyByCircle",
       "round robin: the client at index k gets queues k, k+n, k+2n, ...", {}},
      {"CONSISTENT_HASH", "AllocateMessageQueueConsistentHash",
       "MD5 ring of virtual nodes \"<id>-<j>\"; a queue goes to the first node at or after its hash",
       {{"virtual_nodes", "int >= 0", "10", "virtual nodes per client (Java virtualNodeCnt)"}}},
      {"CONFIG", "AllocateMessageQueueByConfig",
       "every client (even one outside the group) gets the same configured queue list",
       {{"queues", "queue list", "(unset: null, no queues)",
         "comma-separated [TOPIC/]BROKER:ID or BROKER:FIRST-LAST; TOPIC defaults to the topic allocated"}}},
      {"MACHINE_ROOM", "AllocateMessageQueueByMachineRoom",
       "only queues of brokers named ROOM@BROKER with ROOM listed; equal front blocks, remainder from the tail",
       {{"rooms", "string list", "(none)", "comma-separated consumer rooms (Java consumeridcs)"}}},
      {"MACHINE_ROOM_NEARBY", "AllocateMachineRoomNearby",
       "inner strategy within the client's own room, plus a share of rooms that have no consumers",
       {{"inner", "strategy name", "AVG", std::string("inner strategy: ") + kInnerNames},
        {"virtual_nodes", "int >= 0", "10", "virtual nodes of an inner CONSISTENT_HASH"},
        {"resolver", "string", kResolverPrefixDash,
         "room of a broker / client id: the text before its first '-' (the whole name if none)"}}},
  };
  return infos;
}

const StrategyInfo* findStrategy(std::string_view name) {
  for (const auto& info : strategyInfos())
    if (info.name == name) return &info;
  return nullptr;
}

std::vector<std::string> strategyNames() {
  std::vector<std::string> names;
  for (const auto& info : strategyInfos()) names.push_back(info.name);
  return names;
}

std::unique_ptr<AllocateMessageQueueStrategy> makeStrategy(std::string_view name, const StrategyParams& params) {
  if (name == "AVG") return std::make_unique<AllocateMessageQueueAveragely>();
  if (name == "AVG_BY_CIRCLE") return std::make_unique<AllocateMessageQueueAveragelyByCircle>();
  if (name == "CONSISTENT_HASH") return std::make_unique<AllocateMessageQueueConsistentHash>(params.virtualNodeCnt);
  if (name == "CONFIG") return std::make_unique<AllocateMessageQueueByConfig>(params.messageQueueList);
  if (name == "MACHINE_ROOM")
    return std::make_unique<AllocateMessageQueueByMachineRoom>(
        std::set<std::string>(params.consumeridcs.begin(), params.consumeridcs.end()));
  if (name == "MACHINE_ROOM_NEARBY") {
    if (params.resolver != kResolverPrefixDash)
      throw std::invalid_argument("unknown machine-room resolver '" + params.resolver + "'; allowed: " + kResolverPrefixDash);
    if (params.inner != "AVG" && params.inner != "AVG_BY_CIRCLE" && params.inner != "CONSISTENT_HASH")
      throw std::invalid_argument("unsupported inner strategy '" + params.inner + "' for MACHINE_ROOM_NEARBY; allowed: " + kInnerNames);
    StrategyParams innerParams;
    innerParams.virtualNodeCnt = params.innerVirtualNodeCnt;
    return std::make_unique<AllocateMachineRoomNearby>(makeStrategy(params.inner, innerParams),
                                                       std::make_unique<PrefixBeforeFirstDashResolver>());
  }
  std::string allowed;
  for (const auto& n : strategyNames()) allowed += (allowed.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown strategy '" + std::string(name) + "'; allowed: " + allowed);
}

void setStrategyParam(std::string_view strategy, StrategyParams& params, std::string_view key,
                      std::string_view value, std::string_view defaultTopic) {
  const StrategyInfo* info = findStrategy(strategy);
  if (info == nullptr) makeStrategy(strategy, params);  // throws the unknown-strategy message
  bool known = false;
  for (const auto& p : info->params) known = known || p.name == key;
  if (!known)
    throw std::invalid_argument("unknown parameter '" + std::string(key) + "' for " + info->name +
                                "; allowed: " + joinNames(info->params));
  if (key == "virtual_nodes") {
    int v = parseInt(key, value);
    if (v < 0) throw std::invalid_argument("parameter virtual_nodes must be >= 0, got " + std::string(value));
    (strategy == "MACHINE_ROOM_NEARBY" ? params.innerVirtualNodeCnt : params.virtualNodeCnt) = v;
  } else if (key == "queues") {
    params.messageQueueList = parseQueueList(value, defaultTopic);
  } else if (key == "rooms") {
    params.consumeridcs.clear();
    std::size_t from = 0;
    while (from <= value.size()) {
      std::size_t comma = value.find(',', from);
      if (comma == std::string_view::npos) comma = value.size();
      std::string_view room = value.substr(from, comma - from);
      if (auto problem = nameProblem(room))
        throw std::invalid_argument("room '" + shownText(room) + "' " + *problem + "; allowed: " + nameRuleText());
      if (!room.empty() || value.find(',') != std::string_view::npos) params.consumeridcs.emplace_back(room);
      from = comma + 1;
    }
  } else if (key == "inner") {
    if (value != "AVG" && value != "AVG_BY_CIRCLE" && value != "CONSISTENT_HASH")
      throw std::invalid_argument("unsupported inner strategy '" + std::string(value) + "'; allowed: " + kInnerNames);
    params.inner = std::string(value);
  } else if (key == "resolver") {
    if (value != kResolverPrefixDash)
      throw std::invalid_argument("unknown resolver '" + std::string(value) + "'; allowed: " + kResolverPrefixDash);
    params.resolver = std::string(value);
  }
}

}  // namespace rmqsim
