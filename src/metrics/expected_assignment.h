// What the allocation strategy gives a membership: the reference for convergence_s ("equals the
// strategy's result for the live membership"). Computed as RebalanceImpl does (ids sorted in
// Java String order, queues in MessageQueue order, one allocate per client) and cached per
// (group, topic, queue-set version, membership), since memberships recur (pause/resume).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "metrics/sorted_members.h"
#include "rocketmq/common/client_id_order.h"
#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"
#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim {

class ExpectedAssignment {
 public:
  /// Each queue of the topic with the clients that should own it (sorted; empty: nobody), in
  /// one flat table (a vector per queue was 10,000 allocations per membership change).
  struct Result {
    std::vector<QueueIndex> queues;         ///< MessageQueue order
    std::vector<std::uint32_t> ownerStart;  ///< queue i's owners: [ownerStart[i], ownerStart[i + 1])
    std::vector<ClientIndex> owners;
    std::size_t size() const { return queues.size(); }
    const ClientIndex* ownersBegin(std::size_t i) const { return owners.data() + ownerStart[i]; }
    const ClientIndex* ownersEnd(std::size_t i) const { return owners.data() + ownerStart[i + 1]; }
    /// Queue i with its owners, as a copy (tests; the collector reads the table in place).
    std::pair<QueueIndex, std::vector<ClientIndex>> operator[](std::size_t i) const {
      return {queues[i], std::vector<ClientIndex>(ownersBegin(i), ownersEnd(i))};
    }
  };

  explicit ExpectedAssignment(const Scenario& scenario);
  ~ExpectedAssignment();

  /// `members`: live clients of the group, sorted by index; `queues`: the topic's subscribable
  /// queues, any order, identified by `version` (bump it when the set changes). Broadcasting
  /// groups expect every member on every queue. The reference stays valid until the next call.
  const Result& compute(GroupIndex group, const std::string& topic, std::uint64_t version,
                        const std::vector<ClientIndex>& members, const std::vector<QueueIndex>& queues,
                        const RunCatalog& catalog);

 private:
  struct TopicCache {
    std::uint64_t version = ~std::uint64_t{0};
    std::vector<QueueIndex> sortedQueues;  ///< MessageQueue order
    std::vector<MessageQueue> mqAll;       ///< the same, as values
    std::deque<std::pair<std::vector<ClientIndex>, Result>> recent;  ///< newest first
  };
  Result allocate(GroupIndex group, const TopicCache& tc, const std::vector<ClientIndex>& members,
                  const RunCatalog& catalog);

  const Scenario& scenario_;
  std::vector<std::unique_ptr<AllocateMessageQueueStrategy>> strategies_;  ///< per group; null if invalid
  std::map<std::pair<GroupIndex, std::string>, TopicCache> cache_;
  ClientIdOrder idOrder_;  ///< the catalog's ids in String order (cidAll sorted by rank)
  std::vector<SortedMembers> sorted_;  ///< per group: the last membership allocated, in cidAll order
};

}  // namespace rmqsim
