// Fuzzes the scenario loader + validator: any bytes either parse into a Scenario or raise a
// ScenarioError with located diagnostics; anything else (crash, other exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scenario/diagnostic.h"
#include "fuzz/scenario_invariants.h"
#include "scenario/scenario_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    rmqsim::Scenario s = rmqsim::parseScenarioText(text, "fuzz.yaml");
    rmqsim::fuzz::checkAccepted(s);
  } catch (const rmqsim::ScenarioError& e) {
    rmqsim::fuzz::checkRefused(e);
  }
  return 0;
}
