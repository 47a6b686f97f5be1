// End-to-end: `import` on mqadmin output fixtures → a scenario file that `validate` accepts and on
// which `allocate --scenario` (and a simulated run) gives the live owners of consumerProgress.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_harness.h"

using rmqsim::test::readText;
using rmqsim::test::runCli;
using rmqsim::test::scratchPath;
using Run = rmqsim::test::CliRun;

namespace {

const std::string kData = "tests/import/data/";

// The live owner (ip) of each queue, "topic broker:id", from the fixture's #Client IP column.
std::map<std::string, std::string> liveOwners(const std::string& progressFile) {
  std::map<std::string, std::string> out;
  std::istringstream in(readText(std::string(RMQSIM_SOURCE_DIR) + "/" + progressFile));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line) && !line.empty()) {
    std::istringstream row(line);
    std::string topic, broker, qid, brokerOffset, consumerOffset, ip;
    row >> topic >> broker >> qid >> brokerOffset >> consumerOffset >> ip;
    out[topic + " " + broker + ":" + qid] = ip;
  }
  return out;
}

std::string importCommand(const std::string& route, const std::string& connection, const std::string& progress) {
  return "import --route " + kData + route + " --connection " + kData + connection + (progress.empty() ? "" : " --progress " + kData + progress);
}

}  // namespace

TEST_CASE("cli/import/the written scenario validates and allocate --scenario gives the live owners") {
  for (const char* variant : {"5x", "4.9"}) {
    CAPTURE(variant);
    const std::string v = variant;
    const std::string progress = "order-consumer.progress-" + v + ".txt";
    const auto file = scratchPath("imported-" + v + ".yaml");
    Run imported = runCli(importCommand("orders.route-" + v + ".json", v == "5x" ? "order-consumer.connection-5x.txt" : "order-consumer.connection-legacy.txt",
                                        progress) + " -o '" + file.string() + "'", true);
    REQUIRE(imported.code == 0);
    CHECK(imported.out.empty());
    CHECK(imported.err.find("import: strategy AVG: gives the live owner of all 15 queues") != std::string::npos);
    CHECK(imported.err.find("warning") == std::string::npos);
    Run valid = runCli("validate '" + file.string() + "'");
    CHECK(valid.code == 0);
    CHECK(valid.out.find("ok (3 brokers, 1 group, 0 events, duration 10m; 3 clients at start") != std::string::npos);

    Run alloc = runCli("allocate --scenario '" + file.string() + "' --format json");
    REQUIRE(alloc.code == 0);
    const auto j = nlohmann::json::parse(alloc.out);
    std::map<std::string, std::string> computed;
    for (const auto& [topic, t] : j["groups"]["order-consumer"]["topics"].items())
      for (const auto& [cid, queues] : t["allocation"].items())
        for (const auto& q : queues)
          computed[topic + " " + q["brokerName"].get<std::string>() + ":" + std::to_string(q["queueId"].get<int>())] = cid.substr(0, cid.find('@'));
    CHECK(computed == liveOwners(kData + progress));

    // The simulator's clients reach the same owners: client N of the group is the file's id N.
    Run run = runCli("run '" + file.string() + "' --format json");
    REQUIRE(run.code == 0);
    const auto report = nlohmann::json::parse(run.out);
    const std::vector<std::string> ips = {"10.0.1.23", "10.0.1.21", "10.0.1.22"};  // the connections' order
    std::map<std::string, std::string> simulated;
    for (const auto& [queue, owner] : report["assignment"]["order-consumer"].items()) {
      const auto at = queue.find('@');
      simulated[queue.substr(0, at) + " " + queue.substr(at + 1)] = ips.at(std::stoul(owner.get<std::string>().substr(15)));
    }
    CHECK(simulated == liveOwners(kData + progress));
  }
}

TEST_CASE("cli/import/allocate --scenario prints one table per topic") {
  const auto file = scratchPath("imported-text.yaml");
  REQUIRE(runCli(importCommand("orders.route-5x.json", "order-consumer.connection-5x.txt", "") + " -q -o '" + file.string() + "'").code == 0);
  Run alloc = runCli("allocate --scenario '" + file.string() + "'");
  REQUIRE(alloc.code == 0);
  CHECK(alloc.out ==
        "group order-consumer (3 clients at t=0)\n"
        "strategy AVG, topic orders: 12 queues, 3 clients, both sorted as RebalanceImpl sorts them\n"
        "client                            queues  assigned\n"
        "10.0.1.21@12877#2061467834612345       4  broker-a:0-3\n"
        "10.0.1.22@13002#2061467923145678       4  broker-a:4-7\n"
        "10.0.1.23@11250#2061468012378901       4  broker-b:0-3\n"
        "strategy AVG, topic %RETRY%order-consumer: 3 queues, 3 clients, both sorted as RebalanceImpl sorts them\n"
        "client                            queues  assigned\n"
        "10.0.1.21@12877#2061467834612345       1  broker-a:0\n"
        "10.0.1.22@13002#2061467923145678       1  broker-b:0\n"
        "10.0.1.23@11250#2061468012378901       1  broker-c:0\n");
  Run pattern = runCli("allocate --scenario scenarios/scale_out.yaml 2>&1");
  CHECK(pattern.code == 2);
  CHECK(pattern.out.find("does not list its clients' ids") != std::string::npos);
}

TEST_CASE("cli/import/a live assignment no strategy gives is a warning, not silence") {
  Run r = runCli(importCommand("orders.route-5x.json", "order-consumer.connection-5x.txt", "order-consumer.progress-circle.txt") +
                     " --strategy AVG",
                 true);
  CHECK(r.code == 0);
  CHECK(r.out.find("strategy: AVG") != std::string::npos);
  CHECK(r.err.find("import: warning: the live assignment in tests/import/data/order-consumer.progress-circle.txt is not what AVG gives") != std::string::npos);
}

TEST_CASE("cli/import/bad input exits 2 with file:line:col") {
  Run bad = runCli("import --route tests/import/data/order-consumer.connection-5x.txt --connection " + kData + "order-consumer.connection-5x.txt", true);
  CHECK(bad.code == 2);
  CHECK(bad.err.find("tests/import/data/order-consumer.connection-5x.txt:1:1: error: not mqadmin topicRoute output") != std::string::npos);
  Run swapped = runCli("import --route " + kData + "orders.route-5x.json --connection " + kData + "orders.route-5x.json", true);
  CHECK(swapped.code == 2);
  CHECK(swapped.err.find("orders.route-5x.json:1:1: error: not mqadmin consumerConnection output") != std::string::npos);
  Run strategy = runCli("import --route " + kData + "orders.route-5x.json --connection " + kData + "order-consumer.connection-5x.txt --strategy AVGG", true);
  CHECK(strategy.code == 2);
  CHECK(strategy.err.find("AVG") != std::string::npos);
  Run missing = runCli("import --route nowhere.json --connection " + kData + "order-consumer.connection-5x.txt", true);
  CHECK(missing.code == 2);
  CHECK(missing.err.find("nowhere.json: error: cannot read the file") != std::string::npos);
}
