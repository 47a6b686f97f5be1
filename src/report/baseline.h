// `check --baseline REPORT.json --tolerance 10%`: a metric that got worse than in a stored
// earlier report by more than the tolerance is a regression (lower is better for churn, orphan
// and overlap time, duplicates, lag, imbalance and convergence; higher for the Jain index).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rmqsim {

/// The stored report for a scenario: `baseline` may be one report (its "scenario" must match),
/// an array of reports, or `check --format json` output ({"scenarios": [{"report": ...}]}).
/// nullptr when none matches.
const nlohmann::ordered_json* findBaselineReport(const nlohmann::ordered_json& baseline, const std::string& scenarioName);

/// One line per regression: "summary.orphan_queue_s 12.5 -> 30.1 (+141 %, tolerance 10 %)".
/// `tolerance` is relative (0.1 = 10 %); an increase from 0 counts when above `absoluteSlack`.
std::vector<std::string> compareToBaseline(const nlohmann::ordered_json& current, const nlohmann::ordered_json& baseline,
                                           double tolerance, double absoluteSlack = 1e-9);

/// "10%", "0.1" or "5 %" -> 0.1 / 0.05; nullopt-like -1 when malformed.
double parseTolerance(const std::string& text);

}  // namespace rmqsim
