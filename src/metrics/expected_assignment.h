// What the allocation strategy gives a membership: the reference for convergence_s ("equals the
// strategy's result for the live membership"). Computed as RebalanceImpl does (ids sorted in
// Java String order, queues in MessageQueue order, one allocate per client) and cached per
// (group, topic, membership, queue set), since it is asked after every ownership change.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"
#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim {

class ExpectedAssignment {
 public:
  explicit ExpectedAssignment(const Scenario& scenario);
  ~ExpectedAssignment();

  /// For each queue of `queues` (indices, any order): the clients that should own it. `members`
  /// are live clients of the group; broadcasting groups expect every member on every queue.
  std::map<QueueIndex, std::vector<ClientIndex>> compute(GroupIndex group, const std::vector<ClientIndex>& members,
                                                         const std::vector<QueueIndex>& queues, const RunCatalog& catalog);

 private:
  const Scenario& scenario_;
  std::vector<std::unique_ptr<AllocateMessageQueueStrategy>> strategies_;  ///< per group; null if invalid
};

}  // namespace rmqsim
