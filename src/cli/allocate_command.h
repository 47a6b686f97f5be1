// Shared pieces of the `allocate` command (single form, batch form, --explain, --like-mqadmin).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "report/allocation_json.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {

/// `allocate --cases FILE`: one output line per input line; returns an ExitCode.
int runAllocateCases(const std::string& path);

/// `allocate --scenario FILE`: each group's allocation at t=0, topic by topic; returns an ExitCode.
int runAllocateScenario(const std::string& path, const std::string& format);

/// The text table of one allocation: a header line, a row per distinct client, unassigned and shared queues.
void printAllocationTable(const std::string& strategyName, const StrategyParams& params, const std::string& topic,
                          const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll,
                          const std::vector<AllocateOutcome>& outcomes);

/// The --explain lines: for each distinct id, its index in the list and the rule that gave it its queues.
std::vector<std::string> explainAllocation(std::string_view strategyName, const StrategyParams& params,
                                           const std::vector<MessageQueue>& mqAll,
                                           const std::vector<std::string>& cidAll,
                                           const std::vector<AllocateOutcome>& outcomes);

/// `allocate --like-mqadmin`: mqadmin allocateMQ's unsorted AVG computation and JSON shape on stdout,
/// the differences from what real clients compute on stderr. Returns an ExitCode.
int runLikeMqadmin(const std::string& topic, const std::vector<MessageQueue>& brokersInOrder,
                   const std::vector<std::string>& clientsAsGiven, std::string_view strategyName);

}  // namespace rmqsim
