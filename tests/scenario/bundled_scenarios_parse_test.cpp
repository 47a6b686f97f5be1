#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>

#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"

using namespace rmqsim;

TEST_CASE("scenario/bundled/every scenario in scenarios/ loads, has a description and expectations") {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(RMQSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++n;
    CAPTURE(entry.path().string());
    try {
      const Scenario s = loadScenarioFile(entry.path().string());
      CHECK_FALSE(s.description.empty());
      CHECK_FALSE(s.expect.empty());
    } catch (const ScenarioError& e) {
      FAIL_CHECK(renderDiagnostics(e.diagnostics(), false));
    }
  }
  CHECK(n >= 15);
}
