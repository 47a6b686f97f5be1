// `allocate --explain`: each client's index in the sorted list and the rule of its strategy that
// gave it its queues, in the words of tests/golden/README.md.
#include <algorithm>
#include <map>
#include <set>

#include "cli/allocate_command.h"
#include "rocketmq/common/java_string.h"
#include "strategy/allocate_machine_room_nearby.h"
#include "strategy/allocate_message_queue_averagely.h"
#include "strategy/allocate_message_queue_by_machine_room.h"

namespace rmqsim {
namespace {

std::string s(std::size_t v) { return std::to_string(v); }

std::string avgRule(std::size_t m, std::size_t n, std::size_t k) {
  if (m <= n) return k < m ? "m <= n: position k gets queue k" : "m <= n and k >= m: nothing left for this position";
  std::size_t q = m / n, r = m % n, start = 0, count = 0;
  AllocateMessageQueueAveragely::blockOf(m, n, k, start, count);
  std::string base = "q = m/n = " + s(q) + ", r = m%n = " + s(r) + "; ";
  if (k < r) return base + "k < r: q+1 = " + s(count) + " queues from k*(q+1) = " + s(start);
  return base + "k >= r: q = " + s(count) + " queues from k*q+r = " + s(start);
}

std::string circleRule(std::size_t m, std::size_t n, std::size_t k) {
  std::size_t count = k < m ? (m - k + n - 1) / n : 0;
  return "positions k, k+n, k+2n, ... below m: " + s(count) + " queues";
}

std::string machineRoomRule(const StrategyParams& p, const std::vector<MessageQueue>& mqAll, std::size_t n, std::size_t k) {
  std::set<std::string> rooms(p.consumeridcs.begin(), p.consumeridcs.end());
  std::size_t kept = 0;
  for (const auto& mq : mqAll) {
    auto pieces = javaSplit(mq.brokerName, '@');
    kept += pieces.size() == 2 && rooms.count(std::string(pieces[0])) ? 1 : 0;
  }
  std::size_t q = kept / n, r = kept % n;
  return s(kept) + " queues on ROOM@BROKER brokers of the configured rooms; block [k*q, k*q+q) with q = " + s(q) +
         (k < r ? ", plus P[q*n+k] (k < r = " + s(r) + ")" : ", no tail queue (k >= r = " + s(r) + ")");
}

std::string nearbyRule(const std::vector<MessageQueue>& mqAll, const std::vector<std::string>& cidAll,
                       const std::string& cid, const std::string& inner) {
  PrefixBeforeFirstDashResolver resolver;
  std::map<std::string, std::size_t, JavaStringLess> queueRooms, consumerRooms;
  for (const auto& mq : mqAll) ++queueRooms[resolver.brokerDeployIn(mq)];
  for (const auto& c : cidAll) ++consumerRooms[resolver.consumerDeployIn(c)];
  std::string room = resolver.consumerDeployIn(cid);
  std::string text = "room '" + room + "': " + inner + " over its " + s(queueRooms.count(room) ? queueRooms[room] : 0) +
                     " queues among its " + s(consumerRooms[room]) + " clients";
  std::string orphans;
  for (const auto& [r, count] : queueRooms)
    if (!consumerRooms.count(r)) orphans += (orphans.empty() ? "" : ", ") + ("'" + r + "' (" + s(count) + ")");
  if (!orphans.empty()) text += "; plus " + inner + " among all clients over rooms without clients: " + orphans;
  return text;
}

}  // namespace

std::vector<std::string> explainAllocation(std::string_view strategyName, const StrategyParams& params,
                                           const std::vector<MessageQueue>& mqAll,
                                           const std::vector<std::string>& cidAll,
                                           const std::vector<AllocateOutcome>& outcomes) {
  std::vector<std::string> lines;
  std::size_t m = mqAll.size(), n = cidAll.size();
  lines.push_back("explain: m = " + s(m) + " queues, n = " + s(n) + " clients; k = the client's first index in the sorted ids");
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& cid = cidAll[i];
    auto k = static_cast<std::size_t>(std::find(cidAll.begin(), cidAll.end(), cid) - cidAll.begin());
    if (k != i) continue;
    std::size_t copies = static_cast<std::size_t>(std::count(cidAll.begin(), cidAll.end(), cid));
    std::string head = "  " + cid + ": k = " + s(k) + (copies > 1 ? " (listed " + s(copies) + " times; every copy uses k)" : "") + "; ";
    std::string rule;
    if (outcomes[i].error) rule = "the strategy throws: " + *outcomes[i].error;
    else if (strategyName == "AVG") rule = avgRule(m, n, k);
    else if (strategyName == "AVG_BY_CIRCLE") rule = circleRule(m, n, k);
    else if (strategyName == "CONSISTENT_HASH")
      rule = "owns the queues whose MD5 falls at or before one of its " + s(static_cast<std::size_t>(params.virtualNodeCnt) * copies) +
             " ring nodes \"" + cid + "-<j>\" (first node at or after the hash, wrapping)";
    else if (strategyName == "CONFIG") rule = "the configured list, the same for every client";
    else if (strategyName == "MACHINE_ROOM") rule = machineRoomRule(params, mqAll, n, k);
    else if (strategyName == "MACHINE_ROOM_NEARBY") rule = nearbyRule(mqAll, cidAll, cid, params.inner);
    lines.push_back(head + rule);
  }
  return lines;
}

}  // namespace rmqsim
