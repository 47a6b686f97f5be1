// The SimEvent stream → RunResult (contract §4), accounted incrementally: owner counts per queue,
// running orphan/overlap counts integrated over virtual time, duplicate intervals per queue, and
// a mismatch count against the strategy's expected assignment for convergence. Nothing rescans
// the whole cluster per event; the expected assignment is recomputed at most once per instant,
// and only when the group could have converged (clustering: every queue has exactly one owner).
#pragma once

#include <memory>

#include "metrics/run_result.h"
#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"

namespace rmqsim {

class MetricsCollector : public TraceSink {
 public:
  explicit MetricsCollector(const Scenario& scenario);
  ~MetricsCollector() override;
  void onEvent(const SimEvent& ev, const RunCatalog& catalog) override;
  /// The measurements; complete after EvRunEnd (before it: what was seen so far, not finalised).
  RunResult result() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rmqsim
