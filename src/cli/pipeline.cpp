#include "cli/pipeline.h"

#include "metrics/metrics_collector.h"
#include "report/json_report.h"
#include "report/timeline_recorder.h"
#include "sim/simulation.h"

namespace rmqsim {

PipelineOutput runPipeline(const Scenario& scenario, const PipelineOptions& options) {
  SimulationOptions so;
  so.checkInvariants = options.checkInvariants;
  so.maxEvents = options.maxEvents;
  so.useAllocationCache = options.useAllocationCache;
  so.fastForward = options.fastForward;
  so.stopFlag = options.stopFlag;
  so.verbose = options.verbose;
  so.progress = options.progress;
  Simulation sim(scenario, so);
  MetricsCollector metrics(scenario);
  sim.addSink(&metrics);
  std::shared_ptr<TimelineRecorder> timeline;
  if (options.recordTimeline) {
    timeline = std::make_shared<TimelineRecorder>(scenario);
    sim.addSink(timeline.get());
  }
  const RunStats stats = sim.run();

  PipelineOutput out;
  auto result = std::make_shared<RunResult>(metrics.result());
  out.report = buildJsonReport(scenario, *result);
  out.partial = stats.partial;
  out.fingerprint = stats.fingerprint;
  out.events = stats.events;
  out.result = std::move(result);
  out.timeline = std::move(timeline);
  out.catalog = sim.catalog();
  return out;
}

PipelineOutput measureStream(const Scenario& scenario, const RunCatalog& catalog, const std::vector<SimEvent>& events,
                             bool recordTimeline) {
  MetricsCollector metrics(scenario);
  std::shared_ptr<TimelineRecorder> timeline;
  if (recordTimeline) timeline = std::make_shared<TimelineRecorder>(scenario);
  for (const SimEvent& ev : events) {
    metrics.onEvent(ev, catalog);
    if (timeline) timeline->onEvent(ev, catalog);
  }
  PipelineOutput out;
  auto result = std::make_shared<RunResult>(metrics.result());
  out.report = buildJsonReport(scenario, *result);
  out.events = static_cast<std::int64_t>(events.size());
  out.result = std::move(result);
  out.timeline = std::move(timeline);
  out.catalog = catalog;
  return out;
}

}  // namespace rmqsim
