#include <doctest/doctest.h>

#include "scenario/diagnostic.h"
#include "scenario/duration.h"
#include "scenario/scenario_parser.h"

using namespace rmqsim;

namespace {

const char* kBase = R"(name: base
duration: 2m
brokers:
  - name: broker-a
    topics:
      orders: {queues: 4}
  - name: broker-b
    topics:
      orders: {queues: 4}
groups:
  - name: g
    subscribe: [orders]
    clients: 2
)";

std::string firstError(const std::vector<std::string>& sets) {
  try {
    parseScenarioText(kBase, "base.yaml", sets);
  } catch (const ScenarioError& e) {
    return renderDiagnostics(e.diagnostics(), false);
  }
  return "";
}

}  // namespace

TEST_CASE("scenario/overrides/--set replaces values, wildcards reach every element, new keys are created") {
  const Scenario s = parseScenarioText(kBase, "base.yaml",
                                       {"groups.0.clients=8", "brokers.*.topics.orders.queues=16",
                                        "groups.0.strategy={name: CONSISTENT_HASH, virtual_nodes: 5}",
                                        "timing.heartbeat_interval=10s", "profile=rocketmq-4.9"},
                                       7);
  CHECK(s.groups[0].clients == 8);
  CHECK(s.brokers[0].topics[0].read_queues == 16);
  CHECK(s.brokers[1].topics[0].write_queues == 16);
  CHECK(s.groups[0].strategy.name == "CONSISTENT_HASH");
  CHECK(s.groups[0].strategy.params.virtualNodeCnt == 5);
  CHECK(s.profile.name == "rocketmq-4.9");
  CHECK(s.profile.timing.heartbeat_interval == 10 * kSecond);
  CHECK(s.seed == 7);
}

TEST_CASE("scenario/overrides/bad overrides are located as --set and explained") {
  CHECK(firstError({"groups.0.clients=-1"}).find("--set groups.0.clients=-1: error: groups.0.clients is -1, out of range") !=
        std::string::npos);
  CHECK(firstError({"groups.3.clients=1"}).find("has 1 item(s)") != std::string::npos);
  CHECK(firstError({"groups.0.strategy=AVGG"}).find("did you mean 'AVG'") != std::string::npos);
  CHECK(firstError({"groups.0.clientz=3"}).find("unknown key 'clientz' in a group") != std::string::npos);
  CHECK(firstError({"no-equals-sign"}).find("expected PATH=VALUE") != std::string::npos);
  CHECK(firstError({"name.x=1"}).find("which is a single value") != std::string::npos);
}

TEST_CASE("scenario/durations/units, compounds and refusals") {
  CHECK(parseDuration("250ms") == 250);
  CHECK(parseDuration("20s") == 20 * kSecond);
  CHECK(parseDuration("1m30s") == 90 * kSecond);
  CHECK(parseDuration("2h") == 2 * kHour);
  CHECK_FALSE(parseDuration("20").has_value());
  CHECK_FALSE(parseDuration("5 minutes").has_value());
  CHECK_FALSE(parseDuration("-5s").has_value());
  CHECK(formatDuration(90 * kSecond) == "1m30s");
  CHECK(formatDuration(250) == "250ms");
}
