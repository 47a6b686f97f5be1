// twin of broker/src/main/java/org/apache/rocketmq/broker/offset/ConsumerOffsetManager.java, 4.9.x and 5.x;
// differences: keyed by (group index, queue index); survives a broker restart (Java persists it);
// a commit is recorded when sent and takes effect at its arrival time (one event less per commit);
// the commits that pulls carry are read from the pulling consumers (PullCommitSource) while they
// pull, and stored when they stop.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_map>
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
    if (e.puller) olderPullers_[pullersKey(group, mq)].push_back(e.puller);
    e.puller = source;
  }
  /// It stops pulling at `now`: its last pull's offset stays committed (if > 0, as in Java).
  void detachPuller(GroupIndex group, QueueIndex mq, const PullCommitSource* source, SimTime now) {
    Entry& e = entry(group, mq);
    // The queue's pullers, oldest first, are its older ones, then e.puller: the first listed
    // of `source` goes.
    auto older = olderPullers_.empty() ? olderPullers_.end() : olderPullers_.find(pullersKey(group, mq));
    std::vector<const PullCommitSource*>* list = older == olderPullers_.end() ? nullptr : &older->second;
    auto listed = list ? std::find(list->begin(), list->end(), source) : std::vector<const PullCommitSource*>::iterator{};
    const bool isOlder = list && listed != list->end();
    if (!isOlder && e.puller != source) return;
    const std::int64_t last = source->pullCommitOffset(mq, now);
    if (isOlder) {
      list->erase(listed);
    } else {
      e.puller = list ? list->back() : nullptr;  // the latest older one is the latest again
      if (list) list->pop_back();
    }
    if (list && list->empty()) olderPullers_.erase(older);
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
  static std::uint64_t pullersKey(GroupIndex group, QueueIndex mq) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(group)) << 32) | static_cast<std::uint32_t>(mq);
  }
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
  /// By queue (pullersKey): the pullers its latest puller took over from while they still pull
  /// (a rebalance's overlap: rare and brief), in attach order; a queue with none has no entry.
  std::unordered_map<std::uint64_t, std::vector<const PullCommitSource*>> olderPullers_;
  /// [group][queue index]: dense, the persist tick's hot path.
  std::vector<std::vector<Entry>> offsetTable_;
};

}  // namespace rmqsim
