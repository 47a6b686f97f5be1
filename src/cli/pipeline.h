// One scenario run end to end: Simulation → MetricsCollector → JSON report. Shared by run,
// check and sweep so the three commands compute exactly the same numbers.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"

namespace rmqsim {

struct RunResult;
class TimelineRecorder;

/// Knobs of one run that are not part of the scenario.
struct PipelineOptions {
  bool useAllocationCache = true;            ///< share strategy results between identical views
  bool fastForward = true;                   ///< account for steady periodic work at once (same results)
  bool checkInvariants = false;              ///< --check-invariants
  std::int64_t maxEvents = 0;                ///< --max-events; 0 = unlimited
  const std::atomic<bool>* stopFlag = nullptr;  ///< set by SIGINT: stop and report as partial
  bool verbose = false;                      ///< RocketMQ-style logs on stderr
  std::function<void(SimTime)> progress;     ///< called now and then with the virtual time reached
  bool recordTimeline = false;               ///< keep the full timeline (for --html, --trace, --csv)
};

/// What a run produced: the contract §3 report and run statistics.
struct PipelineOutput {
  nlohmann::ordered_json report;  ///< exactly what `run --format json` prints
  bool partial = false;
  std::uint64_t fingerprint = 0;  ///< hash of the event stream
  std::int64_t events = 0;                        ///< discrete events executed
  std::shared_ptr<const RunResult> result;        ///< the metrics behind the report
  std::shared_ptr<const TimelineRecorder> timeline;  ///< only with recordTimeline
  RunCatalog catalog;                             ///< client and queue names
};

/// Runs the scenario; throws InternalError-like exceptions only for bugs.
PipelineOutput runPipeline(const Scenario& scenario, const PipelineOptions& options);

/// Measures a recorded event stream (replay) exactly as runPipeline measures a simulation's.
PipelineOutput measureStream(const Scenario& scenario, const RunCatalog& catalog, const std::vector<SimEvent>& events,
                             bool recordTimeline);

}  // namespace rmqsim
