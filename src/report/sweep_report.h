// `sweep` results: one row per grid point with the key metrics (mean and p95 over --repeat
// seeds), the planner's summary, and the table/CSV/JSON/HTML renderings. Everything is built
// from JSON so that `sweep-merge` of shard outputs gives exactly what one unsharded sweep gives.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/sweep_grid.h"

namespace rmqsim {

/// The metric names of a sweep row, in column order.
const std::vector<std::string>& sweepMetricNames();

/// One value of a named sweep metric from a run report (null when not defined, e.g. never converged).
std::optional<double> sweepMetric(const nlohmann::ordered_json& report, const std::string& name);

/// A grid point's row: {"index", "params": {key: value}, "runs", "metrics": {name: {"mean", "p95"}}}.
nlohmann::ordered_json sweepRow(const GridPoint& point, const std::vector<VaryAxis>& axes,
                                const std::vector<nlohmann::ordered_json>& reports);

/// The header of a sweep document (everything but rows and summary); equal headers = same grid.
nlohmann::ordered_json sweepHeader(const std::string& file, const std::string& scenarioName, std::uint64_t baseSeed,
                                   int repeat, const std::vector<VaryAxis>& axes, std::size_t points);

/// header + rows (+ "shard": "I/N" when sharded, else + "summary").
nlohmann::ordered_json sweepDocument(nlohmann::ordered_json header, nlohmann::ordered_json rows,
                                     const std::optional<Shard>& shard);

/// The planner's answers, computed from a complete document's header and rows.
nlohmann::ordered_json sweepSummary(const nlohmann::ordered_json& doc);

std::string renderSweepTable(const nlohmann::ordered_json& doc);
std::string renderSweepCsv(const nlohmann::ordered_json& doc);
std::string renderSweepHtml(const nlohmann::ordered_json& doc);
/// table (or text) | csv | json.
std::string renderSweep(const nlohmann::ordered_json& doc, const std::string& format);

}  // namespace rmqsim
