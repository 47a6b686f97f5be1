// Engine invariants checked on the event stream under --check-invariants (and in tests): virtual
// time never goes back; committed offsets never pass produced offsets; and once every fault is
// healed and the cluster had time to settle, every queue of a group with a live client has
// exactly one owner (except the known failures: shared client ids, strategies that leave queues
// out by design). The orderly lock invariant (a live lock of another id is never granted away)
// is checked where the decision is made, Broker::lockBatchMQ; no event in the past, in EventLoop.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"

namespace rmqsim {

class InvariantChecker : public TraceSink {
 public:
  explicit InvariantChecker(const Scenario& scenario);
  /// Throws InternalError naming the invariant, the virtual time and the entity.
  void onEvent(const SimEvent& ev, const RunCatalog& catalog) override;
  /// Time the cluster needs after the last fault to settle (expiries, polls, rebalance rounds).
  SimTime settleTime() const;

 private:
  void onRunEnd(SimTime at, bool partial, const RunCatalog& catalog);
  template <class E>
  void check(const E& e, SimTime at, const RunCatalog& catalog);
  bool groupOwnsAllQueuesByDesign(GroupIndex g) const;

  const Scenario& scenario_;
  SimTime last_ = 0;
  SimTime lastFault_ = 0;
  int openFaults_ = 0;  ///< paused clients, cut links, brokers or name servers down
  std::set<ClientIndex> live_;
  std::map<QueueIndex, std::set<ClientIndex>> owners_;
  std::map<std::string, std::vector<QueueIndex>> queueSets_;
};

}  // namespace rmqsim
