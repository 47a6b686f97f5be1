#include "strategy/queue_list_text.h"

#include <charconv>
#include <stdexcept>

#include "util/name_rules.h"

namespace rmqsim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool parseId(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && out >= 0;
}

}  // namespace

std::vector<MessageQueue> parseQueueList(std::string_view text, std::string_view defaultTopic) {
  std::vector<MessageQueue> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t comma = text.find(',', from);
    std::string_view item = trim(text.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
    from = comma == std::string_view::npos ? text.size() + 1 : comma + 1;
    if (item.empty()) {
      if (text.empty() || trim(text).empty()) break;
      throw std::invalid_argument("empty queue item in '" + shownText(text) + "'; expected [TOPIC/]BROKER:ID or BROKER:FIRST-LAST");
    }
    const std::string shown = shownText(item);
    std::string bad = "bad queue item '" + shown + "'; expected [TOPIC/]BROKER:ID or BROKER:FIRST-LAST, e.g. broker-a:0-3";
    std::string topic(defaultTopic);
    if (auto slash = item.find('/'); slash != std::string_view::npos) {
      topic = std::string(item.substr(0, slash));
      item = item.substr(slash + 1);
    }
    std::size_t colon = item.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || topic.empty()) throw std::invalid_argument(bad);
    std::string broker(item.substr(0, colon));
    for (const auto& [what, name] : {std::pair{"topic", std::string_view(topic)}, std::pair{"broker", std::string_view(broker)}})
      if (auto problem = nameProblem(name))
        throw std::invalid_argument("the " + std::string(what) + " name in queue item '" + shown + "' " + *problem +
                                    "; allowed: " + nameRuleText());
    std::string_view ids = item.substr(colon + 1);
    int firstId = 0, lastId = 0;
    if (auto dash = ids.find('-'); dash != std::string_view::npos) {
      if (!parseId(ids.substr(0, dash), firstId) || !parseId(ids.substr(dash + 1), lastId) || lastId < firstId)
        throw std::invalid_argument(bad);
    } else if (!parseId(ids, firstId)) {
      throw std::invalid_argument(bad);
    } else {
      lastId = firstId;
    }
    if (lastId > kMaxQueueId)
      throw std::invalid_argument("queue id " + std::to_string(lastId) + " in '" + shown + "' is above " + std::to_string(kMaxQueueId) +
                                  "; allowed: queue ids 0.." + std::to_string(kMaxQueueId) + " (a topic has at most " +
                                  std::to_string(kMaxQueueId + 1) + " queues)");
    if (out.size() + static_cast<std::size_t>(lastId - firstId) + 1 > kMaxQueueListSize)
      throw std::invalid_argument("the queue list names more than " + std::to_string(kMaxQueueListSize) + " queues (at '" + shown +
                                  "'); allowed: at most " + std::to_string(kMaxQueueListSize) + " queues in one list");
    for (int id = firstId; id <= lastId; ++id) out.push_back(MessageQueue{topic, broker, id});
  }
  return out;
}

std::string formatQueueRanges(const std::vector<MessageQueue>& queues, std::string_view defaultTopic) {
  std::string out;
  for (std::size_t i = 0; i < queues.size();) {
    std::size_t j = i + 1;
    while (j < queues.size() && queues[j].topic == queues[i].topic && queues[j].brokerName == queues[i].brokerName &&
           static_cast<long long>(queues[j].queueId) == static_cast<long long>(queues[j - 1].queueId) + 1)
      ++j;
    if (!out.empty()) out += ',';
    if (queues[i].topic != defaultTopic) out.append(queues[i].topic).append("/");
    out.append(queues[i].brokerName).append(":").append(std::to_string(queues[i].queueId));
    if (j - i > 1) out.append("-").append(std::to_string(queues[j - 1].queueId));
    i = j;
  }
  return out;
}

}  // namespace rmqsim
