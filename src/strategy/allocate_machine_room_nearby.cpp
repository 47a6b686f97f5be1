// twin of client/.../consumer/rebalance/AllocateMachineRoomNearby.java (4.9.x and 5.x).
#include "strategy/allocate_machine_room_nearby.h"

#include <map>
#include <stdexcept>

#include "rocketmq/common/java_string.h"
#include "strategy/allocate_message_queue_by_machine_room.h"

namespace rmqsim {
namespace {

std::string firstDashPiece(std::string_view name) {
  auto pieces = javaSplit(name, '-');
  return pieces.empty() ? std::string() : std::string(pieces.front());
}

// Java TreeMap<String, ...>: rooms in String.compareTo order.
using RoomQueues = std::map<std::string, std::vector<MessageQueue>, JavaStringLess>;
using RoomMembers = std::map<std::string, std::vector<std::size_t>, JavaStringLess>;  // positions in cidAll

// Groups queues, then consumers, by room; throws Java's message for the first empty room.
void groupByRoom(const MachineRoomResolver& resolver, const std::vector<MessageQueue>& mqAll,
                 const std::vector<std::string>& cidAll, RoomQueues& mr2Mq, RoomMembers& mr2c) {
  for (const auto& mq : mqAll) {
    std::string room = resolver.brokerDeployIn(mq);
    if (room.empty()) throw IllegalArgumentError("Machine room is null for mq " + mq.toString());
    mr2Mq[room].push_back(mq);
  }
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    std::string room = resolver.consumerDeployIn(cidAll[i]);
    if (room.empty()) throw IllegalArgumentError("Machine room is null for consumer id " + cidAll[i]);
    mr2c[room].push_back(i);
  }
}

void append(std::vector<MessageQueue>& to, const AllocateResult& r) {
  if (r) to.insert(to.end(), r->begin(), r->end());
}

}  // namespace

std::string PrefixBeforeFirstDashResolver::brokerDeployIn(const MessageQueue& messageQueue) const {
  return firstDashPiece(messageQueue.brokerName);
}

std::string PrefixBeforeFirstDashResolver::consumerDeployIn(const std::string& clientID) const {
  return firstDashPiece(clientID);
}

AllocateMachineRoomNearby::AllocateMachineRoomNearby(std::unique_ptr<AllocateMessageQueueStrategy> inner,
                                                     std::unique_ptr<MachineRoomResolver> resolver)
    : inner_(std::move(inner)), resolver_(std::move(resolver)) {
  if (!inner_) throw std::invalid_argument("allocateMessageQueueStrategy is null");
  if (!resolver_) throw std::invalid_argument("machineRoomResolver is null");
}

AllocateResult AllocateMachineRoomNearby::allocate(const std::string& consumerGroup, const std::string& currentCID,
                                                   const std::vector<MessageQueue>& mqAll,
                                                   const std::vector<std::string>& cidAll) const {
  std::vector<MessageQueue> result;
  if (!check(currentCID, mqAll, cidAll)) return result;
  RoomQueues mr2Mq;
  RoomMembers mr2c;
  groupByRoom(*resolver_, mqAll, cidAll, mr2Mq, mr2c);
  std::string currentRoom = resolver_->consumerDeployIn(currentCID);
  if (auto here = mr2Mq.find(currentRoom); here != mr2Mq.end()) {
    std::vector<std::string> consumersHere;
    for (std::size_t pos : mr2c.at(currentRoom)) consumersHere.push_back(cidAll[pos]);
    append(result, inner_->allocate(consumerGroup, currentCID, here->second, consumersHere));
    mr2Mq.erase(here);
  }
  for (const auto& [room, queues] : mr2Mq)
    if (mr2c.count(room) == 0) append(result, inner_->allocate(consumerGroup, currentCID, queues, cidAll));
  return result;
}

std::vector<AllocateOutcome> AllocateMachineRoomNearby::allocateAll(const std::string& consumerGroup,
                                                                    const std::vector<MessageQueue>& mqAll,
                                                                    const std::vector<std::string>& cidAll) const {
  std::vector<AllocateOutcome> out(cidAll.size());
  bool anyMember = false;
  for (std::size_t i = 0; i < cidAll.size(); ++i) {
    out[i].error = memberCheckError(cidAll[i], mqAll);
    anyMember = anyMember || !out[i].error;
  }
  if (!anyMember) return out;
  RoomQueues mr2Mq;
  RoomMembers mr2c;
  try {
    groupByRoom(*resolver_, mqAll, cidAll, mr2Mq, mr2c);
  } catch (const IllegalArgumentError& e) {  // grouping ignores currentCID: every member's call throws it
    for (auto& o : out)
      if (!o.error) o.error = e.what();
    return out;
  }
  for (auto& o : out)
    if (!o.error) o.result.emplace();
  auto merge = [&](std::size_t pos, const AllocateOutcome& part) {
    if (out[pos].error) return;
    if (part.error) {
      out[pos].error = part.error;
      out[pos].result.reset();
    } else {
      append(*out[pos].result, part.result);
    }
  };
  // 1. each room's own queues among its own consumers.
  for (const auto& [room, positions] : mr2c) {
    auto here = mr2Mq.find(room);
    if (here == mr2Mq.end()) continue;
    std::vector<std::string> consumersHere;
    for (std::size_t pos : positions) consumersHere.push_back(cidAll[pos]);
    auto parts = inner_->allocateAll(consumerGroup, here->second, consumersHere);
    for (std::size_t j = 0; j < positions.size(); ++j) merge(positions[j], parts[j]);
  }
  // 2. rooms without consumers, in room order, shared by the whole group.
  for (const auto& [room, queues] : mr2Mq) {
    if (mr2c.count(room) > 0) continue;
    auto parts = inner_->allocateAll(consumerGroup, queues, cidAll);
    for (std::size_t i = 0; i < cidAll.size(); ++i) merge(i, parts[i]);
  }
  return out;
}

}  // namespace rmqsim
