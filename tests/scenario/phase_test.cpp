// `phase:` and `spread:` as the loader reads them: defaults, the shift of every event and of
// `duration`, located errors for bad values, and the phases of `--phases N`.
#include <doctest/doctest.h>

#include "scenario/diagnostic.h"
#include "scenario/phase.h"
#include "scenario/scenario_parser.h"
#include "support/parse_errors.h"
#include "support/scenario_text.h"

using namespace rmqsim;

using rmqsim::test::scenarioText;

namespace {

const std::string kStory = scenarioText("story", "3m", R"(events:
  - {at: 1m, action: start, group: g, count: 2}
  - {at: 90s, action: restart, client: g-0, delay: 5s}
  - {at: 2m, action: crash, client: g-1}
)");

std::string errors(const std::string& text, const std::vector<std::string>& sets = {}) {
  return rmqsim::test::parseErrors(text, "story.yaml", sets);
}

}  // namespace

TEST_CASE("scenario/phase: default 0; phase: 15s shifts every event and the duration") {
  const Scenario plain = parseScenarioText(kStory, "story.yaml");
  CHECK(plain.phase_ms == 0);
  CHECK(plain.duration_ms == 3 * kMinute);
  const Scenario shifted = parseScenarioText(kStory, "story.yaml", {"phase=15s"});
  CHECK(shifted.phase_ms == 15 * kSecond);
  CHECK(shifted.duration_ms == 3 * kMinute + 15 * kSecond);
  REQUIRE(shifted.events.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(shifted.events[i].at_ms == plain.events[i].at_ms + 15 * kSecond);
  CHECK(shifted.events[1].delay_ms == 5 * kSecond);  // durations inside an event are not times
}

TEST_CASE("scenario/phase: --phases N gives k x 60 s / N") {
  CHECK(phaseOf(0, 4) == 0);
  CHECK(phaseOf(1, 4) == 15 * kSecond);
  CHECK(phaseOf(3, 4) == 45 * kSecond);
  CHECK(phaseOf(1, 7) == 8571);  // 60000 / 7, whole milliseconds
  Scenario s = parseScenarioText(kStory, "story.yaml", {"phase=5s"});
  applyPhase(s, phaseOf(1, 4));  // on top of the file's own phase
  CHECK(s.phase_ms == 20 * kSecond);
  CHECK(s.events[0].at_ms == kMinute + 20 * kSecond);
}

TEST_CASE("scenario/spread: 2 s by default on the fleet, start and restarts; 0 allowed") {
  const Scenario s = parseScenarioText(kStory, "story.yaml");
  CHECK(s.groups[0].spread_ms == 2 * kSecond);
  CHECK(s.events[0].spread_ms == 2 * kSecond);
  CHECK(s.events[1].spread_ms == 2 * kSecond);
  const Scenario zero = parseScenarioText(kStory, "story.yaml", {"groups.0.spread=0s", "events.0.spread=500ms"});
  CHECK(zero.groups[0].spread_ms == 0);
  CHECK(zero.events[0].spread_ms == 500);
}

TEST_CASE("scenario/phase and spread: bad values are located errors with what is allowed") {
  CHECK(errors(kStory, {"phase=61m"}).find("phase 1h1m is longer than 1h") != std::string::npos);
  CHECK(errors(kStory, {"phase=15"}).find("phase") != std::string::npos);  // no unit
  const std::string neg = errors(kStory, {"groups.0.spread=-2s"});
  CHECK(neg.find("groups.0.spread is not a duration") != std::string::npos);
  CHECK(neg.find("allowed:") != std::string::npos);
  // spread is a key of start, restart and rolling_restart only: elsewhere an unknown key.
  CHECK(errors(kStory, {"events.2.spread=1s"}).find("unknown key 'spread' in a crash event") != std::string::npos);
  const std::string inFile = errors(scenarioText("story", "3m", "phase: 2h\n"));
  CHECK(inFile.find("story.yaml:14:8: error: phase 2h is longer than 1h") != std::string::npos);
}
