// `--phases N`: one scenario run at N points of the fleet's timer cycle; per scenario event the
// best, median and worst of each outcome, and which phase gave the worst, so a user sees the
// spread a story's timing alone makes (a crash at 2m converges in 101 s, at 2m10s in 131 s).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/sim_time.h"

namespace rmqsim {

/// The per-event outcomes summarised, as the report's event keys.
inline constexpr const char* kPhaseMetrics[] = {"convergence_s", "orphan_queue_s", "overlap_queue_s", "duplicates",
                                                "queue_moves"};

/// One run's phase and report (`run --format json`), in phase order.
struct PhaseReport {
  SimTime phase_ms = 0;
  const nlohmann::ordered_json* report = nullptr;
};

/// The `phases` object: {count, phase_ms: [...], events: [{index, action, target, at_ms (phase 0),
/// METRIC: {best, median, worst, worst_phase_ms, by_phase: [...]}}]}. A null convergence
/// ("never") ranks worst; the median is the middle outcome (the lower middle for an even count).
nlohmann::ordered_json phaseSummaryJson(const std::vector<PhaseReport>& runs);
/// A table for people: one row per event and metric.
std::string renderPhaseSummaryText(const nlohmann::ordered_json& phases);
/// The same rows as CSV, with a header row.
std::string renderPhaseSummaryCsv(const nlohmann::ordered_json& phases);

}  // namespace rmqsim
