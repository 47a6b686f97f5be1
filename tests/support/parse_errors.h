// The rendered diagnostics a scenario text fails with ("" when it parses): what the scenario
// tests assert on, so each reads the errors a user would see.
#pragma once

#include <string>
#include <vector>

#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"

namespace rmqsim::test {

inline std::string parseErrors(const std::string& text, const std::string& file,
                               const std::vector<std::string>& sets = {}) {
  try {
    parseScenarioText(text, file, sets);
  } catch (const ScenarioError& e) {
    return renderDiagnostics(e.diagnostics(), false);
  }
  return "";
}

}  // namespace rmqsim::test
