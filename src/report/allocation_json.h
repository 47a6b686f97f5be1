// The JSON side of `allocate` (contract §5): queue and outcome shapes of the golden vectors, and
// one `allocate --cases` line evaluated to its output object (never throws).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "strategy/strategy_registry.h"

namespace rmqsim {

/// {"topic", "brokerName", "queueId"}: the golden vectors' queue shape.
nlohmann::ordered_json queueJson(const MessageQueue& mq);
/// An array of queues, null (CONFIG with no list), or {"error": "IllegalArgumentException", "message": ...}.
nlohmann::ordered_json outcomeJson(const AllocateOutcome& outcome);
/// Runs a strategy's allocate() for one id, catching IllegalArgumentError into the outcome.
AllocateOutcome allocateOne(const AllocateMessageQueueStrategy& strategy, const std::string& consumerGroup,
                            const std::string& cid, const std::vector<MessageQueue>& mqAll,
                            const std::vector<std::string>& cidAll);

/// " (did you mean 'X'?)" when a candidate is close to word, else "".
std::string didYouMeanSuffix(std::string_view word, const std::vector<std::string>& candidates);
/// A user-facing message for an unknown strategy name: did-you-mean and the allowed names.
std::string unknownStrategyMessage(std::string_view name);

/// One line of `allocate --cases`: the output object, and whether the line was not a valid case.
/// Never throws for any input (the fuzz target's contract).
struct CaseLineResult {
  nlohmann::ordered_json output;
  bool invalid = false;
};
CaseLineResult allocateCaseLine(const std::string& line, const std::string& where, std::size_t lineNo);

}  // namespace rmqsim
