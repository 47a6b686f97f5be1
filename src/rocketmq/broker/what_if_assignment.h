// Not a RocketMQ class: the broker-side memory of the what-if assignors (rebalance: sticky and
// uniform, issue 17). Both need the assignment they gave last time, which RocketMQ's stateless
// QueryAssignmentProcessor has no place for; the coordinator broker keeps it, per group and topic
// (sticky) or per group (uniform), and recomputes only when the queue view or the consumer list
// it sees changed.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rocketmq/client/allocation_cache.h"

namespace rmqsim {

class WhatIfAssignment {
 public:
  /// A topic's current queue view at this broker (null: unknown topic).
  using ViewOf = std::function<std::shared_ptr<const MqView>(const std::string& topic)>;

  /// Sticky: the queues of `topic` that `clientId` gets, minimum moves from the last answer.
  std::vector<QueueIndex> sticky(GroupIndex group, const std::string& topic, const std::string& clientId,
                                 const std::shared_ptr<const MqView>& mqs, const std::shared_ptr<const CidView>& cids);
  /// Uniform: the same over the pool of all `topics` of the group; returns `topic`'s share.
  std::vector<QueueIndex> uniform(GroupIndex group, const std::vector<std::string>& topics, const std::string& topic,
                                  const std::string& clientId, const ViewOf& viewOf,
                                  const std::shared_ptr<const CidView>& cids);
  /// Broker restart: the memory lived in its heap.
  void clear() { memo_.clear(); }

 private:
  struct Memo {
    std::vector<std::shared_ptr<const MqView>> views;  ///< the inputs of the last computation
    std::shared_ptr<const CidView> cids;
    std::map<QueueIndex, std::string> owner;  ///< the last answer, by queue
  };
  /// Recomputes `m` for these inputs when they changed; `uniformPool`: one pool over all views.
  void refresh(Memo& m, std::vector<std::shared_ptr<const MqView>> views, const std::shared_ptr<const CidView>& cids,
               bool uniformPool);
  static std::vector<QueueIndex> share(const Memo& m, const MqView& view, const std::string& clientId);

  std::map<std::pair<GroupIndex, std::string>, Memo> memo_;  ///< topic "" = the uniform pool
};

}  // namespace rmqsim
