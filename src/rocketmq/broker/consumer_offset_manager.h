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
    Entry& e = entry(group, mq);
    if (e.puller) olderPullers_.push_back(OlderPuller{group, mq, e.puller});
    e.puller = source;
  }
  /// It stops pulling at `now`: its last pull's offset stays committed (if > 0, as in Java).
  void detachPuller(GroupIndex group, QueueIndex mq, const PullCommitSource* source, SimTime now) {
    Entry& e = entry(group, mq);
    // The queue's pullers, oldest first, are its olderPullers_ in order, then e.puller: the
    // first listed of `source` goes.
    auto older = std::find_if(olderPullers_.begin(), olderPullers_.end(), [&](const OlderPuller& o) {
      return o.group == group && o.mq == mq && o.source == source;
    });
    if (older == olderPullers_.end() && e.puller != source) return;
    const std::int64_t last = source->pullCommitOffset(mq, now);
    if (older != olderPullers_.end()) {
      olderPullers_.erase(older);
    } else {
      e.puller = nullptr;  // the latest older one, if any, is the latest again
      for (auto it = olderPullers_.end(); it != olderPullers_.begin();) {
        if (--it; it->group == group && it->mq == mq) {
          e.puller = it->source;
          olderPullers_.erase(it);
          break;
        }
      }
    }
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
    if (e.puller) {
      const std::int64_t pulled = e.puller->pullCommitOffset(mq, now);
      if (pulled > 0) return pulled;
    }
    return e.pendingAt <= now ? e.pending : e.committed;
  }

 private:
  /// 32 bytes: two a cache line (the commits, queries and pull switches of a fleet touch them
  /// all over).
  struct Entry {
    std::int64_t committed = -1;  ///< -1 = none
    std::int64_t pending = -1;
    SimTime pendingAt = kNever;   ///< when `pending` arrives (kNever: nothing in flight)
    const PullCommitSource* puller = nullptr;  ///< the consumer that pulled the queue last, pulling now
  };
  /// A puller the queue's latest puller took over from while it still pulls (a rebalance's
  /// overlap: rare and brief), kept in attach order.
  struct OlderPuller {
    GroupIndex group;
    QueueIndex mq;
    const PullCommitSource* source;
  };
  Entry& entry(GroupIndex group, QueueIndex mq) {
    const auto g = static_cast<std::size_t>(group), q = static_cast<std::size_t>(mq);
    if (g < offsetTable_.size() && q < offsetTable_[g].size()) return offsetTable_[g][q];
    return grow(g, q);
  }
  [[gnu::noinline]] Entry& grow(std::size_t g, std::size_t q) {
    if (g >= offsetTable_.size()) offsetTable_.resize(g + 1);
    if (q >= offsetTable_[g].size()) offsetTable_[g].resize(q + 1);
    return offsetTable_[g][q];
  }
  std::vector<OlderPuller> olderPullers_;
  /// [group][queue index]: dense, the persist tick's hot path.
  std::vector<std::vector<Entry>> offsetTable_;
};

}  // namespace rmqsim
