// The allocation a scenario's t=0 clients compute for one group, topic by topic, as
// RebalanceImpl.rebalanceByTopic does: the readable queues of every broker holding the topic (the
// %RETRY% topic of a clustering group on every broker of its topics, retry_queues each), both
// lists sorted, one allocate call per client. Used by `import` to check the live owners and by
// `allocate --scenario`.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "strategy/allocate_message_queue_strategy.h"

namespace rmqsim {

struct TopicAllocation {
  std::string topic;
  std::vector<MessageQueue> mqAll;        ///< sorted
  std::vector<std::string> cidAll;        ///< sorted in Java String order
  std::vector<AllocateOutcome> outcomes;  ///< one per cidAll entry
};

/// Needs the group's ids (clients.ids, as `import` writes them): throws std::invalid_argument naming
/// the group otherwise, or when the strategy cannot be built.
std::vector<TopicAllocation> scenarioAllocation(const Scenario& scenario, const GroupSpec& group);

}  // namespace rmqsim
