// twin of broker/src/main/java/org/apache/rocketmq/broker/offset/ConsumerOffsetManager.java, 4.9.x and 5.x;
// differences: keyed by (group index, queue index); survives a broker restart (Java persists it).
#pragma once

#include <cstdint>
#include <unordered_map>

#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class ConsumerOffsetManager {
 public:
  /// UPDATE_CONSUMER_OFFSET: the group's committed offset for the queue.
  void commitOffset(GroupIndex group, QueueIndex mq, std::int64_t offset) { offsetTable_[key(group, mq)] = offset; }
  /// QUERY_CONSUMER_OFFSET: -1 when the group never committed this queue.
  std::int64_t queryOffset(GroupIndex group, QueueIndex mq) const {
    auto it = offsetTable_.find(key(group, mq));
    return it == offsetTable_.end() ? -1 : it->second;
  }

 private:
  static std::uint64_t key(GroupIndex g, QueueIndex q) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(g)) << 32) | static_cast<std::uint32_t>(q);
  }
  std::unordered_map<std::uint64_t, std::int64_t> offsetTable_;  // lookups only, never iterated
};

}  // namespace rmqsim
