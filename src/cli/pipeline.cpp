// STUB until the simulator and metrics are integrated: returns a report with the right shape.
#include "cli/pipeline.h"

namespace rmqsim {

PipelineOutput runPipeline(const Scenario& scenario, const PipelineOptions&) {
  PipelineOutput out;
  auto& r = out.report;
  r["scenario"] = scenario.name;
  r["seed"] = scenario.seed;
  r["profile"] = scenario.profile.name;
  r["duration_ms"] = scenario.duration_ms;
  r["summary"] = {{"rebalances", 0}, {"changed_rebalances", 0}, {"queue_moves", 0}, {"overlap_queue_s", 0.0},
                  {"orphan_queue_s", 0.0}, {"duplicates", 0}, {"max_lag", 0}};
  r["final"] = {{"consumers", scenario.groups.empty() ? 0 : scenario.groups[0].clients}, {"excess_imbalance", 0}};
  r["events"] = nlohmann::ordered_json::array();
  r["assignment"] = nlohmann::ordered_json::object();
  return out;
}

}  // namespace rmqsim
