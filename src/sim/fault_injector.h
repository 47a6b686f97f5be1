// Scenario events -> entity verbs, one-to-one (start, stop, kill, crash, pause, resume, restart,
// rolling_restart, partition, heal, broker_kill/crash/up, nameserver_down/up, set_queues).
#pragma once

#include <functional>

#include "sim/cluster.h"
#include "sim/traffic.h"

namespace rmqsim {

class FaultInjector {
 public:
  FaultInjector(ModelContext& ctx, const Scenario& scenario, Cluster& cluster, Traffic& traffic)
      : ctx_(ctx), scenario_(scenario), cluster_(cluster), traffic_(traffic) {}

  /// Schedules every scenario event at its time.
  void scheduleAll();
  /// Applies event `index` now (emits EvScenarioEvent first).
  void apply(std::size_t index);
  /// The earliest time at or after `now` when a scenario event (or a step of a restart in
  /// progress) may still act: the fast-forward's horizon never passes it.
  SimTime nextChange(SimTime now) const;

 private:
  void cutOrHeal(const EventSpec& e, bool cut);
  void afterInfrastructureChange();
  std::string targetOf(const EventSpec& e) const;
  std::vector<MQClientInstance*> targets(const EventSpec& e);

  ModelContext& ctx_;
  const Scenario& scenario_;
  Cluster& cluster_;
  Traffic& traffic_;
  std::vector<bool> applied_;  ///< by event index
  SimTime restartsUntil_ = 0;  ///< the last step of the restarts in progress
};

}  // namespace rmqsim
