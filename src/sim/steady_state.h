// The fast-forward's oracle (not a RocketMQ class; docs/performance.md): whether, from now until
// a horizon, nothing can happen but the clients' steady periodic work, so that each periodic
// activity may account for its ticks before the horizon at once (MQClientInstance,
// RebalanceService). Steady means: no message in flight but route and consumer-list queries, no
// client work scheduled, every link and server up, every live client running and steady
// (MQClientInstance::isSteady), and each broker's channels exactly the live clients' heartbeats.
// The horizon is the next scenario event or the end of the run; for offset commits, also the
// next sample tick (it reads the brokers' committed offsets).
#pragma once

#include "engine/timer.h"
#include "sim/cluster.h"
#include "sim/fault_injector.h"

namespace rmqsim {

class SteadyState {
 public:
  SteadyState(ModelContext& ctx, Cluster& cluster, const FaultInjector& faults, const Timer& sampleTimer, SimTime end)
      : ctx_(ctx), cluster_(cluster), faults_(faults), sampleTimer_(sampleTimer), end_(end) {}
  /// The horizon, or 0 when something may still change (checked again a virtual second later,
  /// and less often while the check keeps failing, up to every 16 s).
  SimTime horizon(bool forCommits);
  /// Whether the whole cluster is steady now (the check behind horizon()).
  bool steadyNow();

 private:
  ModelContext& ctx_;
  Cluster& cluster_;
  const FaultInjector& faults_;
  const Timer& sampleTimer_;
  SimTime end_;
  SimTime until_ = 0;      ///< steady before this time (found at an earlier check)
  SimTime recheckAt_ = 0;  ///< not steady at the last check: the next one is not before this
  SimTime backoff_ = kSecond;  ///< the wait after a failed check (doubles while they fail)
  MQClientInstance* lastUnsteady_ = nullptr;  ///< the client that failed the last check: asked first (never freed)
};

}  // namespace rmqsim
