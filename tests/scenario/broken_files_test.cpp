// A table of broken scenario files (tests/scenario/broken/), each with the located message it
// must produce: file:line:column, what is wrong, and the allowed values or a did-you-mean.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"

using namespace rmqsim;

namespace {

struct BrokenCase {
  const char* file;
  const char* where;    ///< "line:column", or "" when the problem has no single place
  const char* message;  ///< a fragment of the first diagnostic's message
  const char* extra;    ///< a fragment of its allowed list or hint
};

const BrokenCase kCases[] = {
    {"unknown_key.yaml", "10:5", "unknown key 'strategey' in a group", "strategy"},
    {"duration_without_unit.yaml", "2:11", "duration has no unit: '300'", "300s"},
    {"negative_clients.yaml", "10:14", "groups.0.clients is -3, out of range", "an integer from 0"},
    {"unknown_topic.yaml", "9:17", "subscribes to topic 'ordres', which no broker has", "orders"},
    {"unknown_strategy.yaml", "10:15", "groups.0.strategy cannot be 'CONSISTENT_HASHING'", "CONSISTENT_HASH"},
    {"event_after_end.yaml", "12:5", "is after the end of the run (duration 5m)", "at <= duration"},
    {"unknown_client.yaml", "12:5", "names client 'g-5', which has not been started by then", "g-0, g-1"},
    {"unknown_broker.yaml", "12:44", "no broker is named 'broker-b'", "broker-a"},
    {"unknown_group.yaml", "12:36", "no group is named 'gg'", "g"},
    {"action_missing_target.yaml", "12:29", "unknown key 'group' in a crash event", "client, clients"},
    {"unknown_action.yaml", "12:22", "events.0.action cannot be 'explode'", "rolling_restart"},
    {"duplicate_group.yaml", "11:11", "two groups are named 'g'", "unique group names"},
    {"duplicate_broker.yaml", "6:11", "two brokers are named 'broker-a'", "unique broker names"},
    {"too_many_clients.yaml", "", "300000 clients in all: too many to simulate in memory", "at most 200000"},
    {"invalid_yaml.yaml", "6:1", "invalid YAML", ""},
    {"zero_interval.yaml", "4:23", "timing.heartbeat_interval must be longer than 0", "positive duration"},
    {"expectation_without_bound.yaml", "12:5", "an expectation needs a bound", "min, max or equals"},
};

}  // namespace

TEST_CASE("scenario/broken files/each yields its located message") {
  for (const BrokenCase& c : kCases) {
    CAPTURE(c.file);
    const std::string path = std::string(RMQSIM_TESTS_DIR) + "/scenario/broken/" + c.file;
    try {
      loadScenarioFile(path);
      FAIL_CHECK("loaded without error");
    } catch (const ScenarioError& e) {
      REQUIRE_FALSE(e.diagnostics().empty());
      const Diagnostic& d = e.diagnostics().front();
      const std::string where = d.loc.line ? std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) : "";
      CHECK(d.loc.file == path);
      CHECK(where == c.where);
      CHECK(d.message.find(c.message) != std::string::npos);
      CHECK((d.allowed + " " + d.hint).find(c.extra) != std::string::npos);
    }
  }
}

TEST_CASE("scenario/broken files/every problem of a file is reported at once") {
  const char* yaml = "name: x\nduration: 5\nbrokers: []\ngroups:\n  - name: g\n    subscribe: [nope]\n    clients: x\n    colour: red\n";
  try {
    parseScenarioText(yaml, "multi.yaml");
    FAIL("expected errors");
  } catch (const ScenarioError& e) {
    CHECK(e.diagnostics().size() >= 4);  // duration unit, no brokers, unknown topic, clients type, unknown key
    const std::string text = renderDiagnostics(e.diagnostics(), false);
    CHECK(text.find("multi.yaml:2:11: error: duration has no unit") != std::string::npos);
    CHECK(text.find("multi.yaml:8:5: error: unknown key 'colour' in a group") != std::string::npos);
  }
}
