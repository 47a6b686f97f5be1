// End-to-end: runs the real rmq-rebalance-sim binary for `allocate`, `strategies` and `profiles`.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/cli_harness.h"

using rmqsim::test::runCli;
using rmqsim::test::scratchPath;
using Run = rmqsim::test::CliRun;

TEST_CASE("cli/allocate/text table with compact ranges, lists sorted as RebalanceImpl sorts them") {
  // Clients given unsorted: AVG over the sorted list gives 10.0.0.1@1 the first 6 of 16 queues.
  Run r = runCli("allocate --strategy AVG --topic orders --queues broker-a:8,broker-b:8 "
                 "--clients 10.0.0.3@1,10.0.0.1@1,10.0.0.2@1");
  CHECK(r.code == 0);
  CHECK(r.out ==
        "strategy AVG, topic orders: 16 queues, 3 clients, both sorted as RebalanceImpl sorts them\n"
        "client      queues  assigned\n"
        "10.0.0.1@1       6  broker-a:0-5\n"
        "10.0.0.2@1       5  broker-a:6-7,broker-b:0-2\n"
        "10.0.0.3@1       5  broker-b:3-7\n");
}

TEST_CASE("cli/allocate/json format lists every distinct client") {
  Run r = runCli("allocate --strategy AVG_BY_CIRCLE --topic t --queues b:3 --clients y,x --format json");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["strategy"] == "AVG_BY_CIRCLE");
  CHECK(j["cidAll"] == nlohmann::json({"x", "y"}));
  CHECK(j["allocation"]["x"].size() == 2);
  CHECK(j["allocation"]["y"][0]["queueId"] == 1);
}

TEST_CASE("cli/allocate/bad input exits 2 naming what is wrong") {
  Run unknown = runCli("allocate --strategy AVGG --queues a:1 --clients x 2>&1");
  CHECK(unknown.code == 2);
  CHECK(unknown.out.find("unknown strategy 'AVGG' (did you mean 'AVG'?)") != std::string::npos);
  Run queues = runCli("allocate --queues broker-a --clients x 2>&1");
  CHECK(queues.code == 2);
  CHECK(queues.out.find("bad --queues item 'broker-a'") != std::string::npos);
  Run param = runCli("allocate --strategy CONSISTENT_HASH --queues a:1 --clients x --param virtual_node=3 2>&1");
  CHECK(param.code == 2);
  CHECK(param.out.find("did you mean 'virtual_nodes'?") != std::string::npos);
  Run negative = runCli("allocate --strategy CONSISTENT_HASH --queues a:1 --clients x --param virtual_nodes=-1 2>&1");
  CHECK(negative.code == 2);
}

TEST_CASE("cli/allocate/counts, ranges and names are bounded before they expand") {
  auto refused = [](const std::string& args, const std::string& message) {
    CAPTURE(args);
    const Run r = runCli(args + " 2>&1");
    CHECK(r.code == 2);
    CHECK(r.out.find(message) != std::string::npos);
  };
  refused("allocate --queues broker-a:2000000000 --clients x",
          "--queues item 'broker-a:2000000000' asks for 2000000000 queues; allowed: at most 65536 per broker");
  refused("allocate --strategy CONFIG --queues a:1 --clients x --param queues=a:0-2147483647",
          "queue id 2147483647 in 'a:0-2147483647' is above 65535");
  refused("allocate --queues a:1 --clients \"$(printf 'x\\033[31m')\"",
          "--clients id 'x\\x1B[31m' holds control character U+001B at character 2");
  refused("allocate --queues a:1 --clients x --topic " + std::string(300, 't'), "is 300 characters long");
  std::string many = "b0:65536";
  for (int b = 1; b < 31; ++b) many += ",b" + std::to_string(b) + ":65536";  // 2,031,616 queues
  refused("allocate --queues " + many + " --clients x", "--queues asks for more than 2000000 queues in all");
}

TEST_CASE("cli/allocate/batch output equals the recorded Java results") {
  // A slice of the golden file: every 25th case, covering all six strategies.
  std::ifstream in(std::string(RMQSIM_TESTS_DIR) + "/golden/allocation_vectors.jsonl");
  REQUIRE(in.good());
  auto path = scratchPath("cases.jsonl");
  std::vector<nlohmann::json> expected;
  {
    std::ofstream out(path);
    std::string line;
    for (int i = 0; std::getline(in, line); ++i)
      if (i % 25 == 0) {
        out << line << "\n";
        expected.push_back(nlohmann::json::parse(line));
      }
  }
  Run r = runCli("allocate --cases '" + path.string() + "'");
  std::filesystem::remove(path);
  CHECK(r.code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::size_t i = 0;
  for (; std::getline(lines, line); ++i) {
    REQUIRE(i < expected.size());
    auto got = nlohmann::json::parse(line);
    CAPTURE(expected[i]["id"]);
    CHECK(got["id"] == expected[i]["id"]);
    CHECK(got["allocation"] == expected[i]["allocation"]);
    CHECK(got["outsider"] == expected[i]["outsider"]);
  }
  CHECK(i == expected.size());
}

TEST_CASE("cli/allocate/batch marks invalid lines and exits 2 at the end") {
  auto path = scratchPath("bad.jsonl");
  {
    std::ofstream out(path);
    out << "{\"id\":\"ok\",\"strategy\":\"AVG\",\"mqAll\":[{\"topic\":\"t\",\"brokerName\":\"b\",\"queueId\":0}],"
           "\"cidAll\":[\"x\"],\"outsiderCid\":\"\"}\n"
        << "not json\n"
        << "{\"id\":\"m\",\"strategy\":\"AVG\",\"mqAll\":[],\"cidAll\":[\"x\"]}\n";
  }
  Run r = runCli("allocate --cases '" + path.string() + "' 2>/dev/null");
  std::filesystem::remove(path);
  CHECK(r.code == 2);
  std::istringstream lines(r.out);
  std::string l1, l2, l3;
  std::getline(lines, l1);
  std::getline(lines, l2);
  std::getline(lines, l3);
  CHECK(l1 == "{\"id\":\"ok\",\"allocation\":{\"x\":[{\"topic\":\"t\",\"brokerName\":\"b\",\"queueId\":0}]},"
              "\"outsider\":{\"error\":\"IllegalArgumentException\",\"message\":\"currentCID is empty\"}}");
  auto bad = nlohmann::json::parse(l2);
  CHECK(bad["id"].is_null());
  CHECK(bad["invalid"].get<std::string>().find(":2: not valid JSON") != std::string::npos);
  auto missing = nlohmann::json::parse(l3);
  CHECK(missing["id"] == "m");
  CHECK(missing["invalid"].get<std::string>().find("missing field 'outsiderCid'") != std::string::npos);
}

TEST_CASE("cli/allocate/like-mqadmin prints mqadmin's JSON shape") {
  Run r = runCli("allocate --like-mqadmin --topic orders --queues broker-a:4 --clients 10.0.0.1@1 2>/dev/null");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["result"]["10.0.0.1@1"].size() == 4);
  CHECK(j["result"]["10.0.0.1@1"][0].contains("brokerName"));
}

TEST_CASE("cli/strategies/lists every strategy with its parameters") {
  Run r = runCli("strategies");
  CHECK(r.code == 0);
  for (const char* name : {"AVG", "AVG_BY_CIRCLE", "CONSISTENT_HASH", "CONFIG", "MACHINE_ROOM", "MACHINE_ROOM_NEARBY",
                           "AllocateMessageQueueConsistentHash", "virtual_nodes", "rooms", "inner"})
    CHECK(r.out.find(name) != std::string::npos);
  Run j = runCli("strategies --format json");
  CHECK(j.code == 0);
  CHECK(nlohmann::json::parse(j.out).size() == 6);
}

TEST_CASE("cli/profiles/lists the built-in profiles") {
  Run r = runCli("profiles --format json");
  REQUIRE(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() >= 1);
  CHECK(j[0]["name"] == "rocketmq-5");
  CHECK(j[0]["timing"].contains("rebalance_interval"));
  REQUIRE(j.size() == 3);
  CHECK(j[1]["name"] == "rocketmq-5.0");
  CHECK(j[1]["behaviour"]["adaptive_rebalance_wait"] == false);
  CHECK(j[1]["timing"]["pull_dispatch_delay"] == "500ms");
  CHECK(j[2]["name"] == "rocketmq-4.9");
  CHECK(j[2]["timing"]["namesrv_scan_interval"] == "10s");
  CHECK_FALSE(j[0]["timing"].contains("long_poll_suspend"));
  CHECK(j[0]["timing"]["notify_batch_initial_delay"] == "30s");
}
