// The built-in strategies by the names users write (Java getName()); one table used by the
// scenario validator, `allocate` and `strategies`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim {

/// Constructor arguments of the strategies; each strategy reads only its own.
struct StrategyParams {
  int virtualNodeCnt = 10;                                      ///< CONSISTENT_HASH (Java default 10)
  std::optional<std::vector<MessageQueue>> messageQueueList;    ///< CONFIG; nullopt = never set
  std::vector<std::string> consumeridcs;                        ///< MACHINE_ROOM rooms
  std::string resolver = "prefix-before-first-dash";            ///< MACHINE_ROOM_NEARBY room resolver
  std::string inner = "AVG";                                    ///< MACHINE_ROOM_NEARBY inner strategy
  int innerVirtualNodeCnt = 10;                                 ///< inner CONSISTENT_HASH nodes
};

/// One accepted parameter, for `strategies` and for validation messages.
struct StrategyParamInfo {
  std::string name;         ///< scenario key, e.g. "virtual_nodes"
  std::string type;         ///< "int", "queue list", "string list", "strategy name", ...
  std::string defaultText;  ///< shown by `strategies`
  std::string description;
};

/// A registry row: user-facing name, the Java class it ports, its parameters.
struct StrategyInfo {
  std::string name;       ///< "AVG", "AVG_BY_CIRCLE", "CONSISTENT_HASH", "CONFIG", "MACHINE_ROOM", "MACHINE_ROOM_NEARBY"
  std::string javaClass;  ///< e.g. "AllocateMessageQueueAveragely"
  std::string description;
  std::vector<StrategyParamInfo> params;
};

/// All built-in strategies, in a stable order.
const std::vector<StrategyInfo>& strategyInfos();
/// The row for a name (exact, case-sensitive), or nullptr.
const StrategyInfo* findStrategy(std::string_view name);
/// Builds a strategy; throws IllegalArgumentError where the Java constructor throws
/// ("illegal virtualNodeCnt :-1") and std::invalid_argument for an unknown name.
std::unique_ptr<AllocateMessageQueueStrategy> makeStrategy(std::string_view name, const StrategyParams& params);

/// The names of strategyInfos(), in order (for did-you-mean and "allowed:" lists).
std::vector<std::string> strategyNames();
/// Sets one scenario-facing parameter (a StrategyParamInfo::name of that strategy) from its text
/// form: virtual_nodes=INT; queues=[TOPIC/]BROKER:ID|BROKER:A-B,... (topic defaults to
/// defaultTopic); rooms=R1,R2; inner=AVG|AVG_BY_CIRCLE|CONSISTENT_HASH; resolver=NAME.
/// For MACHINE_ROOM_NEARBY, virtual_nodes sets the inner strategy's count. Throws
/// std::invalid_argument with a user-facing message (unknown key with the allowed ones, bad value).
void setStrategyParam(std::string_view strategy, StrategyParams& params, std::string_view key,
                      std::string_view value, std::string_view defaultTopic);

}  // namespace rmqsim
