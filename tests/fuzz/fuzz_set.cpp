// Fuzzes `--set KEY=VALUE` (and so `sweep --vary` points): the input is one override applied to
// a valid base scenario; it must give a valid scenario or a located ScenarioError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scenario/diagnostic.h"
#include "fuzz/scenario_invariants.h"
#include "scenario/scenario_parser.h"
#include "support/scenario_text.h"

namespace {
// The tests' shared cluster (tests/support/scenario_text.h) plus traffic, an event and an expectation.
const std::string kBase = rmqsim::test::scenarioText("base", "2m", R"(produce:
  - {topic: orders, rate: 100}
events:
  - {at: 1m, action: start, group: g, count: 1}
expect:
  - {metric: final.complete, equals: "true"}
)");
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string set(reinterpret_cast<const char*>(data), size);
  try {
    rmqsim::Scenario s = rmqsim::parseScenarioText(kBase, "base.yaml", {set});
    rmqsim::fuzz::checkAccepted(s);
  } catch (const rmqsim::ScenarioError& e) {
    rmqsim::fuzz::checkRefused(e);
  }
  return 0;
}
