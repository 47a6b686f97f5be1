// twin of broker/src/main/java/org/apache/rocketmq/broker/offset/ConsumerOffsetManager.java, 4.9.x and 5.x;
// differences: keyed by (group index, queue index); survives a broker restart (Java persists it);
// a commit is recorded when sent and takes effect at its arrival time (one event less per commit);
// the commits that pulls carry are read from the pulling consumers (PullCommitSource) while they
// pull, and stored when they stop.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/sim_time.h"
#include "rocketmq/broker/pull_commit_source.h"

#include "rocketmq/common/sim_event.h"
#include "util/fnv.h"

namespace rmqsim {

class ConsumerOffsetManager {
 public:
  /// UPDATE_CONSUMER_OFFSET arriving at `at`: the group's committed offset for the queue from then.
  void commitOffset(GroupIndex group, QueueIndex mq, std::int64_t offset, SimTime at) {
    Entry& e = entry(group, mq);
    // A commit arriving before one still in flight: the later arrival overwrites it then.
    if (e.pendingAt != kNever && at < e.pendingAt) {
      e.committed = offset;
      return;
    }
    // A commit still in flight lands now: two commits of one queue within a latency are rare.
    if (e.pendingAt != kNever) e.committed = e.pending;
    e.pending = offset;
    e.pendingAt = at;
  }
  /// A consumer starts pulling the queue: from now its pulls commit (the latest puller wins).
  void attachPuller(GroupIndex group, QueueIndex mq, const PullCommitSource* source) {
    entry(group, mq).pullers.push_back(source);
  }
  /// It stops pulling at `now`: its last pull's offset stays committed (if > 0, as in Java).
  void detachPuller(GroupIndex group, QueueIndex mq, const PullCommitSource* source, SimTime now) {
    Entry& e = entry(group, mq);
    auto it = std::find(e.pullers.begin(), e.pullers.end(), source);
    if (it == e.pullers.end()) return;
    const std::int64_t last = source->pullCommitOffset(mq, now);
    e.pullers.erase(it);
    if (last > 0) commitOffset(group, mq, last, now);
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
    if (!e.pullers.empty()) {
      const std::int64_t pulled = e.pullers.back()->pullCommitOffset(mq, now);
      if (pulled > 0) return pulled;
    }
    return e.pendingAt <= now ? e.pending : e.committed;
  }

 private:
  struct Entry {
    std::int64_t committed = -1;  ///< -1 = none
    std::int64_t pending = -1;
    SimTime pendingAt = kNever;   ///< when `pending` arrives (kNever: nothing in flight)
    std::vector<const PullCommitSource*> pullers;  ///< consumers pulling the queue now, latest last
  };
  Entry& entry(GroupIndex group, QueueIndex mq) {
    const auto g = static_cast<std::size_t>(group), q = static_cast<std::size_t>(mq);
    if (g >= offsetTable_.size()) offsetTable_.resize(g + 1);
    if (q >= offsetTable_[g].size()) offsetTable_[g].resize(q + 1);
    return offsetTable_[g][q];
  }
  /// [group][queue index]: dense, the persist tick's hot path.
  std::vector<std::vector<Entry>> offsetTable_;
};

}  // namespace rmqsim
