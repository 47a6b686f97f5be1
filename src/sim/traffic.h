// Producers and the ground truth of queues: produce rates spread evenly over each topic's
// writable queues on live brokers (producers are assumed to see broker changes at once), and
// the subscribable queue set of every topic (EvQueueSetChanged) as the brokers really hold it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/cluster.h"

namespace rmqsim {

class Traffic {
 public:
  Traffic(ModelContext& ctx, const Scenario& scenario, Cluster& cluster)
      : ctx_(ctx), scenario_(scenario), cluster_(cluster) {}

  /// Re-spreads every produce rate over the writable queues of live brokers.
  void recomputeRates();
  /// Emits EvQueueSetChanged for every topic whose readable queues on live brokers changed.
  void refreshQueueSets();
  /// The current ground-truth queues of a topic (sorted by index).
  const std::vector<QueueIndex>& queueSet(const std::string& topic) const;
  /// Topics with a known queue set, in name order.
  const std::map<std::string, std::vector<QueueIndex>>& queueSets() const { return queueSets_; }

 private:
  ModelContext& ctx_;
  const Scenario& scenario_;
  Cluster& cluster_;
  std::map<std::string, std::vector<QueueIndex>> queueSets_;
  std::map<QueueIndex, double> rates_;  ///< last rate set per queue
};

}  // namespace rmqsim
