#include "rocketmq/client/allocation_cache.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <type_traits>

#include "engine/random.h"
#include "rocketmq/common/java_string.h"
#include "rocketmq/common/mix_all.h"

namespace rmqsim {
namespace {

/// The view already interned with the same content (same hash bucket, equal), else `view` itself.
template <class View, class Same>
std::shared_ptr<const View> internByContent(std::unordered_map<std::uint64_t, std::vector<std::shared_ptr<const View>>>& table,
                                            std::shared_ptr<View> view, Same same) {
  auto& bucket = table[view->hash];
  for (const auto& v : bucket)
    if (same(*v, *view)) return v;
  bucket.push_back(view);
  return view;
}

/// A strategy's outcome as the sorted, de-duplicated queue indices RebalanceImpl uses.
template <class Outcome, class ToIndex>
AllocationOutcome outcomeOf(const Outcome& o, ToIndex toIndex) {
  AllocationOutcome out;
  if (o.error) {
    out.error = o.error;
  } else if (!o.result) {
    out.isNull = true;
  } else {
    out.queues.reserve(o.result->size());  // one allocation (an entry builds one per client)
    for (const auto& item : *o.result) out.queues.push_back(toIndex(item));
    std::sort(out.queues.begin(), out.queues.end());
    out.queues.erase(std::unique(out.queues.begin(), out.queues.end()), out.queues.end());  // Java: a HashSet
  }
  return out;
}

// Bounded memory; results never depend on eviction. Entries are counted, and so are the client
// ids they hold (a 1,000-client list in a view, its raw copy and a result's per-id table): a
// rolling restart makes a new list every few seconds, and 4,096 of them were a gigabyte.
constexpr std::size_t kMaxEntries = 4096;
constexpr std::size_t kListsKept = 16;  ///< the budget holds at least this many of the longest lists

}  // namespace

void AllocationCache::hold(std::size_t ids) {
  heldIds_ += ids;
  longestList_ = std::max(longestList_, ids);
}

void AllocationCache::trim() {
  if (byRoute_.size() > kMaxEntries) byRoute_.clear();
  if (mqIntern_.size() > kMaxEntries) mqIntern_.clear();
  // Everything that holds id lists goes at once: their weight is counted together.
  if (byRaw_.size() > kMaxEntries || cidIntern_.size() > kMaxEntries || results_.size() > kMaxEntries ||
      heldIds_ > std::max(minIdBudget_, kListsKept * longestList_)) {
    byRaw_.clear();
    cidIntern_.clear();
    results_.clear();
    heldIds_ = 0;
  }
}

std::shared_ptr<const MqView> AllocationCache::mqViewForRoute(const std::shared_ptr<const TopicRouteData>& route) {
  if (!route) return nullptr;
  auto memo = byRoute_.find(route.get());
  if (memo != byRoute_.end()) return memo->second.second;
  trim();
  auto view = std::make_shared<MqView>();
  for (const QueueData& qd : route->queueDatas)
    if (isReadable(qd.perm))
      for (int i = 0; i < qd.readQueueNums; ++i) view->mqAll.push_back(MessageQueue{route->topic, qd.brokerName, i});
  std::sort(view->mqAll.begin(), view->mqAll.end());
  std::uint64_t h = fnv1a64(route->topic);
  for (const auto& mq : view->mqAll) {
    view->queues.push_back(trace_.internQueue(mq));
    h = fnv1a64(std::string_view(reinterpret_cast<const char*>(&view->queues.back()), sizeof(QueueIndex)), h);
  }
  view->hash = h;
  auto result = internByContent(mqIntern_, std::move(view), [](const MqView& a, const MqView& b) { return a.queues == b.queues; });
  byRoute_[route.get()] = {route, result};
  return result;
}

std::shared_ptr<const CidView> AllocationCache::cidView(const std::shared_ptr<const std::vector<std::string>>& raw) {
  if (!raw) return nullptr;
  auto memo = byRaw_.find(raw.get());
  if (memo != byRaw_.end()) return memo->second.second;
  trim();
  // Collections.sort(cidAll), by precomputed String-order ranks. The brokers of a topic each
  // answer with their own list of the same ids: only the first of them is copied into a view.
  const std::vector<std::string>& ids = *raw;
  std::vector<std::size_t> hashes;  // each sorted id's idHash, kept by idOrder_: not rehashed
  const std::vector<std::uint32_t> order = idOrder_.sortedPositions(ids, hashes);
  // Only buckets the interning (equality decides): std::hash reads 8 bytes a step, FNV-1a one.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::size_t idHashValue : hashes) h = (h ^ idHashValue) * 0x100000001b3ULL;
  auto& bucket = cidIntern_[h];
  std::shared_ptr<const CidView> result;
  for (const auto& v : bucket) {
    if (v->cidAll.size() == order.size() &&
        std::equal(order.begin(), order.end(), v->cidAll.begin(), [&ids](std::uint32_t p, const std::string& id) { return ids[p] == id; })) {
      result = v;
      break;
    }
  }
  if (!result) {
    auto view = std::make_shared<CidView>();
    view->hash = h;
    view->cidAll.reserve(order.size());
    for (std::uint32_t p : order) view->cidAll.push_back(ids[p]);
    view->byHash.reserve(view->cidAll.size());
    for (std::size_t i = 0; i < view->cidAll.size(); ++i)
      view->byHash.emplace_back(hashes[i], static_cast<std::uint32_t>(i));
    std::sort(view->byHash.begin(), view->byHash.end());
    bucket.push_back(view);
    hold(view->cidAll.size());
    result = std::move(view);
  }
  hold(raw->size());
  byRaw_[raw.get()] = {raw, result};
  return result;
}

std::optional<std::uint32_t> CidView::positionOf(const std::string& id, std::size_t h) const {
  // Equal hashes sit together, by position: the first whose id matches is the first listed.
  for (auto it = std::lower_bound(byHash.begin(), byHash.end(), std::pair<std::size_t, std::uint32_t>{h, 0});
       it != byHash.end() && it->first == h; ++it)
    if (cidAll[it->second] == id) return it->second;
  return std::nullopt;
}

AllocationOutcome AllocationCache::toOutcome(const AllocateOutcome& o) {
  return outcomeOf(o, [this](const MessageQueue& mq) { return trace_.internQueue(mq); });
}

AllocationOutcome AllocationCache::toOutcome(AllocatePositions&& o, const MqView& mqs) {
  // mqs.queues[i] is the interned mqs.mqAll[i]: no string lookups. The positions become the
  // queue indices in their own vector (one list per client of a view, not two).
  static_assert(std::is_same_v<QueueIndex, std::int32_t>);
  AllocationOutcome out;
  if (o.error) {
    out.error = std::move(o.error);
  } else if (!o.result) {
    out.isNull = true;
  } else {
    std::vector<QueueIndex>& queues = *o.result;
    for (QueueIndex& q : queues) q = mqs.queues[static_cast<std::size_t>(q)];
    // Often in order already (AVG's block of a view interned in its order): checked first.
    if (!std::is_sorted(queues.begin(), queues.end())) std::sort(queues.begin(), queues.end());
    queues.erase(std::unique(queues.begin(), queues.end()), queues.end());  // Java: a HashSet
    out.queues = std::move(queues);
  }
  return out;
}

AllocationOutcome AllocationCache::allocate(GroupIndex group, const std::string& groupName,
                                            const AllocateMessageQueueStrategy& strategy, const std::string& clientId,
                                            std::size_t clientIdHash, const std::shared_ptr<const MqView>& mqs,
                                            const std::shared_ptr<const CidView>& cids) {
  if (!enabled_) {
    ++computations_;
    AllocateOutcome o;
    try {
      o.result = strategy.allocate(groupName, clientId, mqs->mqAll, cids->cidAll);
    } catch (const IllegalArgumentError& e) {
      o.error = e.what();
    }
    return toOutcome(o);
  }
  const Key key{group, mqs.get(), cids.get()};
  auto it = results_.find(key);
  if (it == results_.end()) {
    trim();
    ++computations_;
    Entry e{mqs, cids, {}};
    auto all = strategy.allocateAllPositions(groupName, mqs->mqAll, cids->cidAll);
    e.byPosition.reserve(all.size());
    for (auto& positions : all) e.byPosition.push_back(toOutcome(std::move(positions), *mqs));
    hold(all.size());
    it = results_.emplace(key, std::move(e)).first;
  }
  if (const auto p = cids->positionOf(clientId, clientIdHash)) return it->second.byPosition[*p];
  // Not in the list (an outsider): ask the strategy directly, as Java would.
  AllocateOutcome o;
  try {
    o.result = strategy.allocate(groupName, clientId, mqs->mqAll, cids->cidAll);
  } catch (const IllegalArgumentError& e) {
    o.error = e.what();
  }
  return toOutcome(o);
}

}  // namespace rmqsim
