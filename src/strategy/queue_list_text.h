// The text form of queue lists used on the command line and in scenarios: "broker-a:0-3,broker-b:5".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rocketmq/common/message_queue.h"

namespace rmqsim {

/// A topic has at most 65,536 queues on a broker (the scenario's per-topic limit), so ids run
/// 0..65535; a list names at most that many queues in all. Both are checked before a range is
/// expanded, so "broker-a:0-2147483647" is refused instead of allocating gigabytes.
inline constexpr int kMaxQueueId = 65535;
inline constexpr std::size_t kMaxQueueListSize = 65536;

/// Parses comma-separated items "[TOPIC/]BROKER:ID" or "[TOPIC/]BROKER:FIRST-LAST" (inclusive);
/// TOPIC defaults to defaultTopic. The id is after the LAST ':', so broker names may hold ':'
/// or '@' ("room1@broker-a:0-3"). Throws std::invalid_argument naming the bad item, for an id
/// above kMaxQueueId, a list longer than kMaxQueueListSize and a topic or broker name that
/// util/name_rules.h refuses too.
std::vector<MessageQueue> parseQueueList(std::string_view text, std::string_view defaultTopic);

/// The compact form: consecutive ids of one broker merge into FIRST-LAST, in the given order;
/// the "TOPIC/" prefix appears only for queues whose topic differs from defaultTopic.
std::string formatQueueRanges(const std::vector<MessageQueue>& queues, std::string_view defaultTopic);

}  // namespace rmqsim
