// `--html FILE`: one self-contained page (no network): the summary tables, a Gantt of queue
// ownership coloured by client with orphan and overlap periods marked, load per client and
// backlog per broker over time, and the scenario events as a list and markers. The data is
// embedded as compact JSON; the embedded script (src/report/assets/report.js) draws the Gantt on
// a canvas and the line charts with the vendored uPlot (third_party/uplot), all on one zoomable
// time axis.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/timeline_recorder.h"

namespace rmqsim {

/// The page in pieces, in file order: the Gantt's bars and periods are written from the timeline
/// as they are decoded, not held as JSON.
void streamHtmlReport(const Scenario& scenario, const nlohmann::ordered_json& report, const Timeline& timeline,
                      const RunCatalog& catalog, const std::function<void(std::string_view)>& out);
/// Streams into `path` atomically. Throws std::runtime_error.
void writeHtmlReport(const std::string& path, const Scenario& scenario, const nlohmann::ordered_json& report,
                     const Timeline& timeline, const RunCatalog& catalog);
std::string renderHtmlReport(const Scenario& scenario, const nlohmann::ordered_json& report, const Timeline& timeline,
                             const RunCatalog& catalog);

inline constexpr std::size_t kHtmlMaxQueueRows = 50000;  ///< Gantt rows; beyond, the page says so
inline constexpr std::size_t kHtmlMaxClientSeries = 30;  ///< load lines; beyond, min/mean/max

}  // namespace rmqsim
