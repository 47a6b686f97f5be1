// twin of broker/src/main/java/org/apache/rocketmq/broker/offset/ConsumerOffsetManager.java, 4.9.x and 5.x;
// differences: keyed by (group index, queue index); survives a broker restart (Java persists it);
// a commit is recorded when sent and takes effect at its arrival time (one event less per commit).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/sim_time.h"

#include "rocketmq/common/sim_event.h"
#include "util/fnv.h"

namespace rmqsim {

class ConsumerOffsetManager {
 public:
  /// UPDATE_CONSUMER_OFFSET arriving at `at`: the group's committed offset for the queue from then.
  void commitOffset(GroupIndex group, QueueIndex mq, std::int64_t offset, SimTime at) {
    const auto g = static_cast<std::size_t>(group), q = static_cast<std::size_t>(mq);
    if (g >= offsetTable_.size()) offsetTable_.resize(g + 1);
    if (q >= offsetTable_[g].size()) offsetTable_[g].resize(q + 1);
    Entry& e = offsetTable_[g][q];
    // A commit still in flight lands now: two commits of one queue within a latency are rare.
    if (e.pendingAt != kNever) e.committed = e.pending;
    e.pending = offset;
    e.pendingAt = at;
  }
  /// Folds every entry into `f` (the fast-forward's tests).
  void digest(Fnv& f) const {
    for (const auto& g : offsetTable_)
      for (const Entry& e : g)
        for (const std::int64_t v : {e.committed, e.pending, e.pendingAt}) f.i64(v);
  }
  /// QUERY_CONSUMER_OFFSET at `now`: -1 when the group never committed this queue.
  std::int64_t queryOffset(GroupIndex group, QueueIndex mq, SimTime now) const {
    const auto g = static_cast<std::size_t>(group), q = static_cast<std::size_t>(mq);
    if (g >= offsetTable_.size() || q >= offsetTable_[g].size()) return -1;
    const Entry& e = offsetTable_[g][q];
    return e.pendingAt <= now ? e.pending : e.committed;
  }

 private:
  struct Entry {
    std::int64_t committed = -1;  ///< -1 = none
    std::int64_t pending = -1;
    SimTime pendingAt = kNever;   ///< when `pending` arrives (kNever: nothing in flight)
  };
  /// [group][queue index]: dense, the persist tick's hot path.
  std::vector<std::vector<Entry>> offsetTable_;
};

}  // namespace rmqsim
