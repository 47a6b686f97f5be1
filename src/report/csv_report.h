// Tidy CSV timelines (`--csv DIR`): ownership.csv, load.csv (a step per change), backlog.csv,
// periods.csv (orphan/overlap stretches), events.csv; and the
// per-event table for `--format csv` on stdout.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/timeline_recorder.h"

namespace rmqsim {

/// Creates `dir` if needed and writes the five files, each atomically. Throws std::runtime_error.
void writeCsvTimelines(const std::string& dir, const Scenario& scenario, const Timeline& timeline, const RunCatalog& catalog);
/// One row per report event, with a header row.
std::string renderEventsCsv(const nlohmann::ordered_json& report);
/// RFC 4180 quoting when needed.
std::string csvField(const std::string& s);

}  // namespace rmqsim
