#include <doctest/doctest.h>

#include "scenario/diagnostic.h"
#include "scenario/duration.h"
#include "scenario/overrides.h"
#include "scenario/scenario_parser.h"
#include "support/parse_errors.h"
#include "support/scenario_text.h"

using namespace rmqsim;

using rmqsim::test::scenarioText;

namespace {

const std::string kBase = scenarioText("base", "2m");

std::string firstError(const std::vector<std::string>& sets) {
  return rmqsim::test::parseErrors(kBase, "base.yaml", sets);
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
  CHECK(firstError({"groups.0.clientz=3"}).find("unknown key 'clientz' in group 'g'") != std::string::npos);
  CHECK(firstError({"no-equals-sign"}).find("expected PATH=VALUE") != std::string::npos);
  CHECK(firstError({"name.x=1"}).find("which is a single value") != std::string::npos);
}

TEST_CASE("scenario/overrides/wildcards over map keys, list values, and did-you-mean for new keys") {
  const Scenario s = parseScenarioText(kBase, "base.yaml", {"brokers.1.topics.*.perm=4", "groups.*.subscribe=[orders]"});
  CHECK(s.brokers[0].topics[0].perm == 6);
  CHECK(s.brokers[1].topics[0].perm == 4);
  CHECK(s.groups[0].subscribe == std::vector<std::string>{"orders"});
  const std::string e = firstError({"timing.heartbeat_intervl=10s"});
  CHECK(e.find("--set timing.heartbeat_intervl=10s: error: unknown key 'heartbeat_intervl' in timing") == 0);
  CHECK(e.find("did you mean 'heartbeat_interval'?") != std::string::npos);
  CHECK(firstError({"duration=90"}).find("--set duration=90: error: duration has no unit: '90'") == 0);
  CHECK(firstError({"groups.0.subscribe=[orders, ordres]"}).find("did you mean 'orders'") != std::string::npos);
  CHECK(firstError({"groups.0.clients=[1, 2"}).find("is not valid YAML") != std::string::npos);
}

TEST_CASE("scenario/overrides/applyOverride on a tree: wildcards, located errors, Override built by hand") {
  YAML::Node root = YAML::Load(kBase);
  std::vector<Diagnostic> errors;
  const auto done = applyOverride(root, Override{"brokers.*.name", "b"}, errors);
  CHECK(errors.empty());
  CHECK(done == std::vector<std::string>{"brokers.0.name", "brokers.1.name"});
  CHECK(root["brokers"][1]["name"].as<std::string>() == "b");
  applyOverride(root, Override{"groups.5.clients", "1"}, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].loc.file == "--set groups.5.clients=1");
  CHECK(errors[0].allowed == "an index from 0 to 0, or *");
  CHECK_THROWS_AS(parseOverride("=5"), ScenarioError);
  CHECK_THROWS_AS(parseOverride("a..b=5"), ScenarioError);
  CHECK_THROWS_AS(parseOverride("a="), ScenarioError);
  const Override o = parseOverride(" groups.0.strategy = {name: AVG}");
  CHECK(o.path == "groups.0.strategy");
  CHECK(o.value == " {name: AVG}");
}

TEST_CASE("scenario/overrides/a value that makes two brokers share a name is caught like one from the file") {
  const std::string e = firstError({"brokers.*.name=broker-a"});
  CHECK(e.find("--set brokers.*.name=broker-a: error: two brokers are named 'broker-a'") == 0);
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
  CHECK(parseDuration("1d") == 24 * kHour);
  CHECK(parseDuration(" 5m ") == 5 * kMinute);
  CHECK(parseDuration("0s") == 0);
  CHECK_FALSE(parseDuration("").has_value());
  CHECK_FALSE(parseDuration("5s3").has_value());
  CHECK_FALSE(parseDuration("1.5s").has_value());
  CHECK_FALSE(parseDuration("99999999999999999999h").has_value());
  CHECK(formatDuration(0) == "0s");
  CHECK(formatDuration(kHour + 250) == "1h250ms");
  for (SimTime t : {SimTime{1}, SimTime{999}, 61 * kSecond, 25 * kHour + 3}) CHECK(parseDuration(formatDuration(t)) == t);
}

TEST_CASE("scenario/defaults/what a minimal file leaves to the defaults") {
  const Scenario s = parseScenarioText(kBase, "dir/base.yaml");
  CHECK(s.seed == 1);
  CHECK(s.duration_ms == 2 * kMinute);
  CHECK(s.profile.name == "rocketmq-5");
  CHECK(s.nameservers == 1);
  CHECK(s.latency.min_ms == 2);
  CHECK(s.groups[0].strategy.name == "AVG");
  CHECK(s.groups[0].model == MessageModel::CLUSTERING);
  CHECK(s.groups[0].retry_queues == 1);
  CHECK(s.groups[0].loc.file == "dir/base.yaml");
  CHECK(s.groups[0].loc.line == 11);
}

TEST_CASE("scenario/events/sorted by at (stable), client names GROUP-N in start order, keys per action") {
  std::string yaml = kBase;
  yaml += R"(nameservers: 2
events:
  - {at: 90s, action: crash, clients: [g-2, g-3]}
  - {at: 1m, action: start, group: g, count: 2}
  - {at: 1m, action: partition, client: g-0, brokers: [broker-b], nameservers: true, direction: to_broker}
  - {at: 100s, action: restart, client: g-1, delay: 5s, id_policy: new_ip}
  - {at: 110s, action: rolling_restart, group: g, interval: 1s}
  - {at: 115s, action: set_queues, topic: orders, queues: 6}
  - {at: 116s, action: nameserver_down, nameserver: namesrv-1}
  - {at: 117s, action: broker_kill, brokers: [broker-a, broker-b]}
)";
  const Scenario s = parseScenarioText(yaml, "events.yaml");
  REQUIRE(s.events.size() == 8);
  CHECK(s.events[0].action == "start");
  CHECK(s.events[1].action == "partition");  // same `at` as the start: file order kept
  CHECK(s.events[1].direction == PartitionDirection::TO_BROKER);
  CHECK(s.events[1].nameservers);
  CHECK(s.events[2].clients == std::vector<std::string>{"g-2", "g-3"});
  CHECK(s.events[3].id_policy == IdPolicy::NEW_IP);
  CHECK(s.events[3].delay_ms == 5 * kSecond);
  CHECK(s.events[4].interval_ms == kSecond);
  CHECK(s.events[5].queues == 6);
  CHECK(s.events[6].nameserver == "namesrv-1");
  CHECK(s.events[7].brokers.size() == 2);
}

TEST_CASE("scenario/overrides/request timeouts and lock_failure_rebalance_later are keys like the others") {
  const Scenario s = parseScenarioText(kBase, "base.yaml",
                                       {"timing.api_timeout=700ms", "timing.lock_batch_timeout=2s",
                                        "behaviour.lock_failure_rebalance_later=false"});
  CHECK(s.profile.timing.api_timeout == 700);
  CHECK(s.profile.timing.lock_batch_timeout == 2 * kSecond);
  CHECK(s.profile.timing.query_offset_timeout == 5 * kSecond);  // the profile's default
  CHECK_FALSE(s.profile.behaviour.lock_failure_rebalance_later);
  CHECK(firstError({"timing.api_timeout=0s"}).find("timing.api_timeout must be longer than 0") != std::string::npos);
  CHECK(firstError({"timing.api_timout=1s"}).find("did you mean 'api_timeout'") != std::string::npos);
}
