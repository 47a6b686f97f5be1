// Not a Java twin: the simulator's sharing of pure strategy results. Sorted views (queues as
// RebalanceImpl sorts mqAll, ids as it sorts cidAll) are interned by content, and one
// allocateAll per (group, queue view, id view) serves every client with that view. Disabled,
// each client calls allocate() itself; the results are identical either way.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rocketmq/common/client_id_order.h"
#include "rocketmq/common/trace_bus.h"
#include "rocketmq/namesrv/route_info_manager.h"
#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim {

/// A topic's subscribable queues as a client sees them, sorted as Java sorts mqAll.
struct MqView {
  std::vector<QueueIndex> queues;
  std::vector<MessageQueue> mqAll;
  std::uint64_t hash = 0;
};

/// A consumer id list as returned by a broker, sorted as Java sorts cidAll (String order).
struct CidView {
  std::vector<std::string> cidAll;
  std::uint64_t hash = 0;
  /// (std::hash of the id, its position in cidAll), sorted: a client finds its position with a
  /// binary search of integers (16 bytes an id; a hash table per view held a fleet's remembered
  /// views twice over, a search of the sorted ids compared long shared prefixes).
  std::vector<std::pair<std::size_t, std::uint32_t>> byHash;
  /// The first position of `id` in cidAll, if listed.
  std::optional<std::uint32_t> positionOf(const std::string& id) const { return positionOf(id, idHash(id)); }
  /// positionOf with the id's idHash already known (a client's own id: hashed once).
  std::optional<std::uint32_t> positionOf(const std::string& id, std::size_t hash) const;
  /// The hash of a client id in a view: buckets the interning, and byHash's key.
  static std::size_t idHash(std::string_view id) { return ClientIdOrder::idHash(id); }
};

/// One client's allocation: queues (sorted by index), or the strategy's error.
struct AllocationOutcome {
  std::vector<QueueIndex> queues;
  bool isNull = false;                ///< the strategy returned null
  std::optional<std::string> error;   ///< IllegalArgumentError message
};

class AllocationCache {
 public:
  /// The cache holds at most max(minIdBudget, 16 x the longest list) client ids (plus one entry).
  static constexpr std::size_t kDefaultIdBudget = std::size_t{1} << 16;
  AllocationCache(TraceBus& trace, bool enabled, std::size_t minIdBudget = kDefaultIdBudget)
      : trace_(trace), enabled_(enabled), minIdBudget_(minIdBudget) {}

  /// Subscribable queues of a route (readable QueueDatas, ids 0..readQueueNums-1), interned.
  std::shared_ptr<const MqView> mqViewForRoute(const std::shared_ptr<const TopicRouteData>& route);
  /// The sorted, interned view of a broker's id list.
  std::shared_ptr<const CidView> cidView(const std::shared_ptr<const std::vector<std::string>>& raw);
  /// The queues `clientId` gets; `group` keys the strategy (one strategy per group).
  AllocationOutcome allocate(GroupIndex group, const std::string& groupName, const AllocateMessageQueueStrategy& strategy,
                             const std::string& clientId, const std::shared_ptr<const MqView>& mqs,
                             const std::shared_ptr<const CidView>& cids) {
    return allocate(group, groupName, strategy, clientId, CidView::idHash(clientId), mqs, cids);
  }
  /// allocate with CidView::idHash(clientId) already known (each round of a client asks with its own id).
  AllocationOutcome allocate(GroupIndex group, const std::string& groupName, const AllocateMessageQueueStrategy& strategy,
                             const std::string& clientId, std::size_t clientIdHash, const std::shared_ptr<const MqView>& mqs,
                             const std::shared_ptr<const CidView>& cids);
  std::int64_t computations() const { return computations_; }
  /// Client ids the cache holds now (views, raw lists kept alive, per-id result tables).
  std::size_t heldIds() const { return heldIds_; }

 private:
  struct Key {
    GroupIndex group;
    const MqView* mqs;
    const CidView* cids;
    bool operator<(const Key& o) const {
      if (group != o.group) return group < o.group;
      if (mqs != o.mqs) return std::less<const MqView*>()(mqs, o.mqs);
      return std::less<const CidView*>()(cids, o.cids);
    }
  };
  struct Entry {
    std::shared_ptr<const MqView> mqs;   ///< keep the keyed views alive
    std::shared_ptr<const CidView> cids;
    /// Per position in cids->cidAll (CidView::positionOf); a table of copied ids per result cost
    /// a string copy and a hash per id and version.
    std::vector<AllocationOutcome> byPosition;
  };
  AllocationOutcome toOutcome(const AllocateOutcome& o);
  AllocationOutcome toOutcome(AllocatePositions&& o, const MqView& mqs);  ///< reuses o's list
  void trim();
  void hold(std::size_t ids);  ///< counts ids now held by an entry

  TraceBus& trace_;
  bool enabled_;
  std::size_t minIdBudget_;
  std::int64_t computations_ = 0;
  std::size_t heldIds_ = 0;      ///< ids held by byRaw_, cidIntern_ and results_
  std::size_t longestList_ = 0;  ///< the longest id list seen
  ClientIdOrder idOrder_;        ///< every id seen (bounded by the run's clients), ranked
  std::map<const TopicRouteData*, std::pair<std::shared_ptr<const TopicRouteData>, std::shared_ptr<const MqView>>> byRoute_;
  std::map<const std::vector<std::string>*, std::pair<std::shared_ptr<const std::vector<std::string>>, std::shared_ptr<const CidView>>> byRaw_;
  std::unordered_map<std::uint64_t, std::vector<std::shared_ptr<const MqView>>> mqIntern_;
  std::unordered_map<std::uint64_t, std::vector<std::shared_ptr<const CidView>>> cidIntern_;
  std::map<Key, Entry> results_;
};

}  // namespace rmqsim
