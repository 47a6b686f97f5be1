// `allocate --like-mqadmin`: twin of tools/.../command/topic/AllocateMQSubCommand.java (4.9.x and 5.x).
// mqadmin copies the route's HashSet<MessageQueue> into a list (hash order, never sorted), runs
// AVG over the client ids exactly as typed, and prints a HashMap<String, List<MessageQueue>>.
#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "cli/allocate_command.h"
#include "cli/exit_codes.h"
#include "rocketmq/common/java_string.h"
#include "strategy/allocate_message_queue_averagely.h"
#include "strategy/queue_list_text.h"

namespace rmqsim {
namespace {

std::int32_t hashCodeOf(const MessageQueue& mq) {  // MessageQueue.hashCode(), int arithmetic
  std::uint32_t r = 1;
  r = 31 * r + static_cast<std::uint32_t>(javaHashCode(mq.brokerName));
  r = 31 * r + static_cast<std::uint32_t>(mq.queueId);
  r = 31 * r + static_cast<std::uint32_t>(javaHashCode(mq.topic));
  return static_cast<std::int32_t>(r);
}

// java.util.HashMap iteration order for distinct keys inserted in this order: by bucket
// (hash ^ hash >>> 16) & (capacity - 1), insertion order within a bucket; capacity 16 doubled
// while size > 0.75 capacity. (Buckets of 8+ entries turn into trees in Java; not modelled.)
template <class T, class Hash>
std::vector<T> hashOrder(const std::vector<T>& distinctInOrder, Hash hashOf) {
  std::size_t capacity = 16;
  while (distinctInOrder.size() > capacity * 3 / 4) capacity *= 2;
  std::vector<std::pair<std::size_t, std::size_t>> keyed;  // (bucket, insertion index)
  for (std::size_t i = 0; i < distinctInOrder.size(); ++i) {
    auto h = static_cast<std::uint32_t>(hashOf(distinctInOrder[i]));
    keyed.emplace_back((h ^ (h >> 16)) & (capacity - 1), i);
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<T> out;
  for (const auto& [bucket, i] : keyed) out.push_back(distinctInOrder[i]);
  return out;
}

nlohmann::ordered_json fastjsonQueue(const MessageQueue& mq) {  // fastjson sorts bean fields by name
  nlohmann::ordered_json j;
  j["brokerName"] = mq.brokerName;
  j["queueId"] = mq.queueId;
  j["topic"] = mq.topic;
  return j;
}

}  // namespace

int runLikeMqadmin(const std::string& topic, const std::vector<MessageQueue>& brokersInOrder,
                   const std::vector<std::string>& clientsAsGiven, std::string_view strategyName) {
  std::vector<MessageQueue> distinctQueues;
  std::set<MessageQueue> seen;
  for (const auto& mq : brokersInOrder)
    if (seen.insert(mq).second) distinctQueues.push_back(mq);
  std::vector<MessageQueue> mqs = hashOrder(distinctQueues, hashCodeOf);
  std::vector<std::string> distinctIds;
  for (const auto& id : clientsAsGiven)
    if (std::find(distinctIds.begin(), distinctIds.end(), id) == distinctIds.end()) distinctIds.push_back(id);

  AllocateMessageQueueAveragely averagely;
  std::map<std::string, AllocateOutcome> byId;
  for (const auto& id : distinctIds) byId[id] = allocateOne(averagely, "aa", id, mqs, clientsAsGiven);
  nlohmann::ordered_json result = nlohmann::ordered_json::object();
  for (const auto& id : hashOrder(distinctIds, [](const std::string& s) { return javaHashCode(s); })) {
    auto arr = nlohmann::ordered_json::array();
    if (byId[id].result)
      for (const auto& mq : *byId[id].result) arr.push_back(fastjsonQueue(mq));
    result[id] = arr;
  }
  nlohmann::ordered_json out;
  out["result"] = result;
  std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";

  // What the clients really compute: RebalanceImpl sorts both lists first.
  std::vector<MessageQueue> sortedMqs = distinctQueues;
  std::vector<std::string> sortedIds = clientsAsGiven;
  std::sort(sortedMqs.begin(), sortedMqs.end());
  std::stable_sort(sortedIds.begin(), sortedIds.end(), JavaStringLess{});
  if (strategyName != "AVG")
    std::cerr << "note: mqadmin allocateMQ always uses AVG; the group's clients use " << strategyName
              << " (run without --like-mqadmin to see it)\n";
  int differing = 0;
  for (const auto& id : distinctIds) {
    if (byId[id].error) {
      std::cerr << "note: " << id << ": mqadmin fails: " << *byId[id].error << "\n";
      continue;
    }
    auto real = *averagely.allocate("aa", id, sortedMqs, sortedIds);
    auto mine = *byId[id].result;
    auto realSet = std::set<MessageQueue>(real.begin(), real.end());
    if (realSet == std::set<MessageQueue>(mine.begin(), mine.end())) continue;
    ++differing;
    std::sort(mine.begin(), mine.end());
    std::cerr << "differs: " << id << ": mqadmin says " << (mine.empty() ? "(none)" : formatQueueRanges(mine, topic))
              << "; the clients (sorted lists, AVG) compute " << (real.empty() ? "(none)" : formatQueueRanges(real, topic))
              << "\n";
  }
  std::cerr << (differing == 0 ? "note: mqadmin's AVG result equals the clients' AVG result for every id\n"
                               : "note: " + std::to_string(differing) + " of " + std::to_string(distinctIds.size()) +
                                     " ids get different queues from mqadmin than from a real AVG rebalance\n");
  return kExitOk;
}

}  // namespace rmqsim
