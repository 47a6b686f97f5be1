// twin of broker/src/main/java/org/apache/rocketmq/broker/offset/ConsumerOffsetManager.java, 4.9.x and 5.x;
// differences: keyed by (group index, queue index); survives a broker restart (Java persists it).
#pragma once

#include <cstdint>
#include <unordered_map>

#include <vector>

#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class ConsumerOffsetManager {
 public:
  /// UPDATE_CONSUMER_OFFSET: the group's committed offset for the queue.
  void commitOffset(GroupIndex group, QueueIndex mq, std::int64_t offset) {
    const auto g = static_cast<std::size_t>(group), q = static_cast<std::size_t>(mq);
    if (g >= offsetTable_.size()) offsetTable_.resize(g + 1);
    if (q >= offsetTable_[g].size()) offsetTable_[g].resize(q + 1, -1);
    offsetTable_[g][q] = offset;
  }
  /// QUERY_CONSUMER_OFFSET: -1 when the group never committed this queue.
  std::int64_t queryOffset(GroupIndex group, QueueIndex mq) const {
    const auto g = static_cast<std::size_t>(group), q = static_cast<std::size_t>(mq);
    return g < offsetTable_.size() && q < offsetTable_[g].size() ? offsetTable_[g][q] : -1;
  }

 private:
  /// [group][queue index] -> committed offset, -1 = none: dense, the persist tick's hot path.
  std::vector<std::vector<std::int64_t>> offsetTable_;
};

}  // namespace rmqsim
