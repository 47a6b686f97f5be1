// The text form of queue lists used on the command line and in scenarios: "broker-a:0-3,broker-b:5".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rocketmq/common/message_queue.h"

namespace rmqsim {

/// Parses comma-separated items "[TOPIC/]BROKER:ID" or "[TOPIC/]BROKER:FIRST-LAST" (inclusive);
/// TOPIC defaults to defaultTopic. The id is after the LAST ':', so broker names may hold ':'
/// or '@' ("room1@broker-a:0-3"). Throws std::invalid_argument naming the bad item.
std::vector<MessageQueue> parseQueueList(std::string_view text, std::string_view defaultTopic);

/// The compact form: consecutive ids of one broker merge into FIRST-LAST, in the given order;
/// the "TOPIC/" prefix appears only for queues whose topic differs from defaultTopic.
std::string formatQueueRanges(const std::vector<MessageQueue>& queues, std::string_view defaultTopic);

}  // namespace rmqsim
