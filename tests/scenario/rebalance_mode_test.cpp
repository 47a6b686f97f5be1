#include <doctest/doctest.h>

#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"
#include "scenario/sweep_grid.h"
#include "support/parse_errors.h"
#include "support/scenario_text.h"

using namespace rmqsim;

using rmqsim::test::scenarioText;

namespace {

std::string errorsOf(const std::string& text, const std::vector<std::string>& sets = {}) {
  return rmqsim::test::parseErrors(text, "r.yaml", sets);
}

}  // namespace

TEST_CASE("scenario/rebalance: client by default; each mode by name, from the file or --set") {
  CHECK(parseScenarioText(scenarioText("r", "1m"), "r.yaml").groups[0].rebalance == RebalanceMode::CLIENT);
  const std::string file = scenarioText("r", "1m") + "";
  CHECK(parseScenarioText(file, "r.yaml", {"groups.0.rebalance=server"}).groups[0].rebalance == RebalanceMode::SERVER);
  CHECK(parseScenarioText(file, "r.yaml", {"groups.0.rebalance=sticky"}).groups[0].rebalance == RebalanceMode::STICKY);
  CHECK(parseScenarioText(file, "r.yaml", {"groups.*.rebalance=uniform"}).groups[0].rebalance == RebalanceMode::UNIFORM);
}

TEST_CASE("scenario/rebalance: a misspelt mode is a located error with the allowed names and a suggestion") {
  const std::string e = errorsOf(scenarioText("r", "1m") + "", {"groups.0.rebalance=sever"});
  CHECK(e.find("--set groups.0.rebalance=sever") != std::string::npos);
  CHECK(e.find("client, server, sticky, uniform, pop") != std::string::npos);
  CHECK(e.find("did you mean 'server'") != std::string::npos);
}

TEST_CASE("scenario/rebalance: pop is accepted for clustering groups under 5.x, orderly (FIFO) too; broadcasting and 4.9 are located errors") {
  const std::string file = scenarioText("r", "1m");
  CHECK(parseScenarioText(file, "r.yaml", {"groups.0.rebalance=pop"}).groups[0].rebalance == RebalanceMode::POP);
  CHECK(parseScenarioText(file, "r.yaml", {"groups.0.rebalance=pop", "groups.0.orderly=true"}).groups[0].orderly);
  CHECK(errorsOf(file, {"groups.0.rebalance=pop", "groups.0.model=broadcasting"}).find("clustering only") != std::string::npos);
  CHECK(errorsOf(file, {"groups.0.rebalance=pop", "profile=rocketmq-4.9"}).find("profile rocketmq-4.9") != std::string::npos);
}

TEST_CASE("scenario/rebalance: the 4.9 profile has no server-side assignment, and says so where the key is") {
  std::string text = scenarioText("r", "1m");
  text.insert(text.find("    clients: 2"), "    rebalance: server\n");
  text = "profile: rocketmq-4.9\n" + text;
  const std::string e = errorsOf(text);
  CHECK(e.find("r.yaml:14:16") != std::string::npos);  // the value of `rebalance:`
  CHECK(e.find("profile rocketmq-4.9") != std::string::npos);
  CHECK(e.find("QUERY_ASSIGNMENT") != std::string::npos);
  // The what-ifs need no RocketMQ release, so they are accepted under either profile.
  CHECK(errorsOf(text, {"groups.0.rebalance=sticky"}).empty());
  CHECK(errorsOf(text, {"profile=rocketmq-5"}).empty());
}

TEST_CASE("scenario/rebalance: a sweep axis over the modes gives one override per point") {
  const auto grid = buildGrid({parseVary("groups.0.rebalance=client,server,sticky,pop")});
  REQUIRE(grid.size() == 4);
  const std::string file = scenarioText("r", "1m");
  CHECK(parseScenarioText(file, "r.yaml", grid[1].sets).groups[0].rebalance == RebalanceMode::SERVER);
  CHECK(parseScenarioText(file, "r.yaml", grid[2].sets).groups[0].rebalance == RebalanceMode::STICKY);
  CHECK(parseScenarioText(file, "r.yaml", grid[3].sets).groups[0].rebalance == RebalanceMode::POP);
}

TEST_CASE("scenario/rebalance: message_request_mode and pop_share_queue_num, pull and 0 by default, validated where they are") {
  const std::string file = scenarioText("r", "1m");
  const Scenario plain = parseScenarioText(file, "r.yaml");
  CHECK_FALSE(plain.groups[0].pop_request_mode);
  CHECK(plain.groups[0].pop_share_queue_num == 0);
  const Scenario pop = parseScenarioText(
      file, "r.yaml", {"groups.0.rebalance=server", "groups.0.message_request_mode=pop", "groups.0.pop_share_queue_num=2"});
  CHECK(pop.groups[0].pop_request_mode);
  CHECK(pop.groups[0].pop_share_queue_num == 2);
  const std::string typo = errorsOf(file, {"groups.0.rebalance=server", "groups.0.message_request_mode=popp"});
  CHECK(typo.find("did you mean 'pop'") != std::string::npos);
  CHECK(errorsOf(file, {"groups.0.message_request_mode=pop"}).find("needs rebalance: server") != std::string::npos);
  CHECK(errorsOf(file, {"groups.0.rebalance=server", "groups.0.message_request_mode=pop", "groups.0.orderly=true"})
            .find("orderly groups rebalance on the client") != std::string::npos);
  CHECK(errorsOf(file, {"groups.0.rebalance=server", "groups.0.pop_share_queue_num=1"}).find("only with message_request_mode: pop") !=
        std::string::npos);
  CHECK(errorsOf(file, {"groups.0.rebalance=server", "groups.0.message_request_mode=pop", "groups.0.pop_share_queue_num=-2"})
            .find("pop_share_queue_num") != std::string::npos);
  CHECK(errorsOf(file, {"groups.0.message_rquest_mode=pop"}).find("did you mean 'message_request_mode'") != std::string::npos);
}
