// `expect:` blocks evaluated against a report (contract §2/§1 check): a dotted path into the
// JSON report ("events.0.convergence_s", "final.excess_imbalance") and min/max/equals bounds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenario/scenario.h"

namespace rmqsim {

/// The value at a dotted path ("a.b.0.c": object keys and array indices), or nullptr when
/// some part does not exist; `missingAt` then names the first part that was not found and
/// `candidates` what was there instead (for a did-you-mean).
const nlohmann::ordered_json* lookupReportPath(const nlohmann::ordered_json& report, const std::string& path,
                                               std::string* missingAt = nullptr,
                                               std::vector<std::string>* candidates = nullptr);

/// The text form used by `equals:` and by messages: numbers without trailing zeros, strings
/// unquoted, true/false/null as words.
std::string reportValueText(const nlohmann::ordered_json& v);

struct ExpectationResult {
  Expectation expectation;
  bool passed = false;
  bool unknownMetric = false;  ///< the path is not in the report: an input error (exit 2)
  std::string actual;          ///< the value's text, or "missing"
  std::string bound;           ///< "max 5", "min 1, max 3", "equals true"
  std::string message;         ///< why it failed (empty when passed)
};

/// Evaluates every expectation; never throws.
std::vector<ExpectationResult> evaluateExpectations(const std::vector<Expectation>& expect,
                                                    const nlohmann::ordered_json& report);

}  // namespace rmqsim
