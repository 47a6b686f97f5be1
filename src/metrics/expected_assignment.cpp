#include "metrics/expected_assignment.h"

#include <algorithm>

#include "strategy/strategy_registry.h"

namespace rmqsim {

namespace {
constexpr std::size_t kRecentMemberships = 4;  ///< enough for pause/resume and restart flapping
}

ExpectedAssignment::ExpectedAssignment(const Scenario& scenario) : scenario_(scenario) {
  for (const GroupSpec& g : scenario.groups) {
    try {
      strategies_.push_back(makeStrategy(g.strategy.name, g.strategy.params));
    } catch (const std::exception&) {
      strategies_.push_back(nullptr);  // the clients fail the same way; nothing is expected
    }
  }
  sorted_.resize(scenario.groups.size());
}

ExpectedAssignment::~ExpectedAssignment() = default;

const ExpectedAssignment::Result& ExpectedAssignment::compute(GroupIndex group, const std::string& topic,
                                                              std::uint64_t version,
                                                              const std::vector<ClientIndex>& members,
                                                              const std::vector<QueueIndex>& queues,
                                                              const RunCatalog& catalog) {
  TopicCache& tc = cache_[{group, topic}];
  if (tc.version != version) {
    tc.version = version;
    tc.recent.clear();
    tc.sortedQueues = queues;
    std::sort(tc.sortedQueues.begin(), tc.sortedQueues.end(), [&](QueueIndex a, QueueIndex b) {
      return catalog.queues[static_cast<std::size_t>(a)] < catalog.queues[static_cast<std::size_t>(b)];
    });
    tc.mqAll.clear();
    for (QueueIndex q : tc.sortedQueues) tc.mqAll.push_back(catalog.queues[static_cast<std::size_t>(q)]);
  }
  for (auto it = tc.recent.begin(); it != tc.recent.end(); ++it)
    if (it->first == members) {
      if (it != tc.recent.begin()) {
        auto hit = std::move(*it);
        tc.recent.erase(it);
        tc.recent.push_front(std::move(hit));
      }
      return tc.recent.front().second;
    }
  tc.recent.emplace_front(members, allocate(group, tc, members, catalog));
  if (tc.recent.size() > kRecentMemberships) tc.recent.pop_back();
  return tc.recent.front().second;
}

ExpectedAssignment::Result ExpectedAssignment::allocate(GroupIndex group, const TopicCache& tc,
                                                        const std::vector<ClientIndex>& members,
                                                        const RunCatalog& catalog) {
  Result out;
  out.queues = tc.sortedQueues;
  const std::size_t n = tc.sortedQueues.size();
  out.ownerStart.assign(n + 1, 0);
  const GroupSpec& spec = scenario_.groups[static_cast<std::size_t>(group)];
  if (members.empty()) return out;
  if (spec.model == MessageModel::BROADCASTING) {
    for (std::size_t i = 0; i < n; ++i) {
      out.ownerStart[i] = static_cast<std::uint32_t>(out.owners.size());
      out.owners.insert(out.owners.end(), members.begin(), members.end());
    }
    out.ownerStart[n] = static_cast<std::uint32_t>(out.owners.size());
    return out;
  }
  const auto* strategy = strategies_[static_cast<std::size_t>(group)].get();
  if (!strategy) return out;
  // cidAll in String order (mqAll is already in MessageQueue order): exactly RebalanceImpl's sort.
  SortedMembers& sorted = sorted_[static_cast<std::size_t>(group)];
  sorted.update(members, catalog, idOrder_);
  const std::vector<ClientIndex>& byId = sorted.clients();
  // Positions in mqAll, which is `out`'s order: no search by MessageQueue (string compares).
  const std::vector<AllocatePositions> outcomes = strategy->allocateAllPositions(spec.name, tc.mqAll, sorted.cidAll());
  // Each queue's owners placed by counting (queue by queue in mqAll order), then sorted within
  // the queue: the same table as sorting (position, owner) pairs, without the n log n sort.
  auto forEachOwned = [&](auto&& f) {  // (position in mqAll, member) of every allocated queue
    for (std::size_t k = 0; k < byId.size() && k < outcomes.size(); ++k) {
      if (!outcomes[k].result) continue;
      for (std::int32_t p : *outcomes[k].result)
        if (p >= 0 && static_cast<std::size_t>(p) < n) f(static_cast<std::size_t>(p), byId[k]);
    }
  };
  std::uint32_t* start = out.ownerStart.data();
  bool shared = false;  ///< a queue with several owners (none under the usual strategies)
  forEachOwned([&](std::size_t p, ClientIndex) { shared |= ++start[p + 1] > 1; });
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  out.owners.resize(start[n]);
  // start[p] is queue p's cursor while placing (no copy of the table for it): afterwards it
  // holds queue p + 1's start, so the table moves back up by one.
  forEachOwned([&](std::size_t p, ClientIndex c) { out.owners[start[p]++] = c; });
  std::copy_backward(start, start + n, start + n + 1);
  start[0] = 0;
  if (shared)
    for (std::size_t i = 0; i < n; ++i)
      if (start[i + 1] - start[i] > 1) std::sort(out.owners.begin() + start[i], out.owners.begin() + start[i + 1]);
  return out;
}

}  // namespace rmqsim
