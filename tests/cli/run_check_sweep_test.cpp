// End-to-end through the real binary: run, validate, check (exit codes, JUnit, baseline), sweep
// (grid size, determinism across --jobs and across shards merged), partial runs, output files.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli_harness.h"
#include "support/scenario_text.h"

namespace fs = std::filesystem;

using rmqsim::test::readText;
using rmqsim::test::runCli;
using rmqsim::test::scratchPath;
using rmqsim::test::writeText;
using Run = rmqsim::test::CliRun;

using rmqsim::test::scenarioText;

namespace {

const std::string kSmall = scenarioText("small", "3m", R"(produce:
  - {topic: orders, rate: 400}
events:
  - {at: 1m, action: start, group: g, count: 2}
expect:
  - {metric: final.complete, equals: "true"}
  - {metric: events.0.convergence_s, max: 10}
)");

}  // namespace

TEST_CASE("cli/run/the main job prints the report and a reproduce line; JSON is byte-identical across runs") {
  const Run text = runCli("run scenarios/scale_out.yaml");
  CHECK(text.code == 0);
  CHECK(text.out.find("Events") != std::string::npos);
  CHECK(text.out.find("Final balance") != std::string::npos);
  CHECK(text.out.find("rmq-rebalance-sim run scenarios/scale_out.yaml --seed 42") != std::string::npos);
  const Run a = runCli("run scenarios/scale_out.yaml --format json");
  const Run b = runCli("run scenarios/scale_out.yaml --format json");
  const Run noCache = runCli("run scenarios/scale_out.yaml --format json --no-cache");
  REQUIRE(a.code == 0);
  CHECK(a.out == b.out);
  CHECK(a.out == noCache.out);  // the allocation cache never changes a result
  const auto j = nlohmann::json::parse(a.out);
  for (const char* key : {"scenario", "seed", "profile", "duration_ms", "summary", "final", "events", "assignment"})
    CHECK(j.contains(key));
  CHECK(j["final"]["complete"] == true);
  CHECK(runCli("run scenarios/scale_out.yaml --format json --seed 43").out != a.out);
}

TEST_CASE("cli/run/the fast-forward never changes a report: every bundled scenario, with and without it") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(RMQSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string path = "scenarios/" + entry.path().filename().string();
    CAPTURE(path);
    const Run ff = runCli("run " + path + " --format json --check-invariants");
    const Run plain = runCli("run " + path + " --format json --no-fast-forward");
    REQUIRE(ff.code == 0);
    CHECK(ff.out == plain.out);
  }
  CHECK(files >= 15);
}

TEST_CASE("cli/run/bad input exits 2 with a located message; --max-events gives a partial report") {
  const fs::path bad = scratchPath("bad.yaml");
  writeText(bad, "name: x\nduration: 5\nbrokers: []\ngroups: []\n");
  const Run r = runCli("run '" + bad.string() + "' 2>&1");
  CHECK(r.code == 2);
  CHECK(r.out.find(bad.string() + ":2:11: error: duration has no unit") != std::string::npos);
  CHECK(runCli("run does-not-exist.yaml 2>&1").code == 2);
  CHECK(runCli("run scenarios/scale_out.yaml --set groups.0.clientz=3 2>&1").code == 2);
  const Run partial = runCli("run scenarios/scale_out.yaml --format json --max-events 500 2>/dev/null");
  CHECK(partial.code == 0);
  CHECK(nlohmann::json::parse(partial.out)["partial"] == true);
}

TEST_CASE("cli/run/output files: --output, --html, --trace, --csv") {
  const fs::path out = scratchPath("report.json"), html = scratchPath("report.html"), trace = scratchPath("trace.json"), csv = scratchPath("csv");
  const Run r = runCli("run scenarios/scale_out.yaml --format json --output '" + out.string() + "' --html '" + html.string() +
                       "' --trace '" + trace.string() + "' --csv '" + csv.string() + "'");
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  CHECK(nlohmann::json::parse(readText(out))["scenario"] == "scale-out");
  const std::string page = readText(html);
  CHECK(page.find("<!DOCTYPE html>") == 0);
  // No network resources: the only URL is in the licence banner comment of the vendored uPlot.
  const auto url = page.find("https://github.com/leeoniya/uPlot");
  REQUIRE(url != std::string::npos);
  CHECK(page.compare(url - 4, 4, "/*! ") == 0);
  CHECK(page.find("https://", url + 1) == std::string::npos);
  CHECK(page.find("https://") == url);
  CHECK(page.find("<script src") == std::string::npos);  // self-contained
  const auto t = nlohmann::json::parse(readText(trace));
  CHECK(t["traceEvents"].size() > 10);
  for (const char* f : {"ownership.csv", "load.csv", "backlog.csv", "events.csv"}) CHECK(fs::exists(csv / f));
  CHECK(readText(csv / "ownership.csv").rfind("t_ms,group,client,topic,broker,queue_id,change\n", 0) == 0);
  CHECK(runCli("run scenarios/scale_out.yaml --output /nonexistent-dir/x.json 2>&1").code == 2);
}

TEST_CASE("cli/validate/ok files and broken files") {
  const Run ok = runCli("validate scenarios/scale_out.yaml scenarios/crash_failover.yaml");
  CHECK(ok.code == 0);
  CHECK(ok.out.find("scenarios/scale_out.yaml: ok") != std::string::npos);
  const Run bad = runCli("validate tests/scenario/broken/unknown_key.yaml 2>&1");
  CHECK(bad.code == 2);
  CHECK(bad.out.find("did you mean 'strategy'?") != std::string::npos);
}

TEST_CASE("cli/check/exit 0 when every expectation holds, 1 when one fails, 2 for invalid input; JUnit XML") {
  const fs::path good = scratchPath("good.yaml"), failing = scratchPath("failing.yaml"), junit = scratchPath("junit.xml");
  writeText(good, kSmall);
  std::string f = kSmall;
  f += "  - {metric: summary.queue_moves, max: 0}\n";
  writeText(failing, f);
  CHECK(runCli("check '" + good.string() + "'").code == 0);
  const Run r = runCli("check '" + good.string() + "' '" + failing.string() + "' --junit '" + junit.string() + "'");
  CHECK(r.code == 1);
  CHECK(r.out.find("FAIL  summary.queue_moves") != std::string::npos);
  CHECK(r.out.find("reproduce: rmq-rebalance-sim run") != std::string::npos);
  const std::string xml = readText(junit);
  CHECK(xml.find("<testsuites name=\"rmq-rebalance-sim check\" tests=\"5\" failures=\"1\" errors=\"0\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"summary.queue_moves") != std::string::npos);
  std::string typo = kSmall;
  typo += "  - {metric: summary.queue_movez, max: 0}\n";
  const fs::path typoFile = scratchPath("typo.yaml");
  writeText(typoFile, typo);
  const Run t = runCli("check '" + typoFile.string() + "' 2>&1");
  CHECK(t.code == 2);
  CHECK(t.out.find("did you mean 'queue_moves'") != std::string::npos);
  CHECK(runCli("check 'nothing-matches-*.yaml' 2>&1").code == 2);
}

TEST_CASE("cli/check/--baseline fails when a metric got worse than the stored report by more than the tolerance") {
  const fs::path base = scratchPath("baseline.json");
  const Run stored = runCli("run scenarios/scale_out.yaml --set groups.0.strategy=AVG_BY_CIRCLE --format json --output '" +
                         base.string() + "'");
  REQUIRE(stored.code == 0);
  CHECK(runCli("check scenarios/scale_out.yaml --set groups.0.strategy=AVG_BY_CIRCLE --baseline '" + base.string() +
               "' --tolerance 10%").code == 0);
  // Here AVG moves 16 queues where AVG_BY_CIRCLE moved 11: a regression against that baseline.
  const Run worse = runCli("check scenarios/scale_out.yaml --baseline '" + base.string() + "' --tolerance 10%");
  CHECK(worse.code == 1);
  CHECK(worse.out.find("WORSE") != std::string::npos);
}

TEST_CASE("cli/sweep/grid size, identical results for --jobs 1 and 2, shards merged equal the whole") {
  const fs::path s = scratchPath("sweep.yaml");
  writeText(s, kSmall);
  const std::string args = "sweep '" + s.string() + "' --vary groups.0.clients=1..3 --vary 'brokers.*.topics.orders.queues=2,4' --vary groups.0.strategy=AVG,CONSISTENT_HASH --quiet";
  const Run one = runCli(args + " --format json --jobs 1");
  const Run two = runCli(args + " --format json --jobs 2");
  REQUIRE(one.code == 0);
  CHECK(one.out == two.out);
  const auto j = nlohmann::json::parse(one.out);
  CHECK(j["points"] == 12);
  CHECK(j["results"].size() == 12);
  CHECK(j["summary"].contains("smallest_queues_per_client_count"));
  CHECK(j["summary"].contains("fewest_moves"));
  std::string shards;
  for (int i = 0; i < 3; ++i) {
    const fs::path out = scratchPath("shard" + std::to_string(i) + ".json");
    REQUIRE(runCli(args + " --format json --shard " + std::to_string(i) + "/3 --output '" + out.string() + "'").code == 0);
    shards += " '" + out.string() + "'";
  }
  CHECK(runCli("sweep-merge" + shards + " --format json").out == one.out);
  CHECK(runCli("sweep-merge" + shards.substr(0, shards.rfind(" '")) + " 2>&1").code == 2);  // a shard missing
  const Run table = runCli(args + " --jobs 2");
  CHECK(table.out.find("Smallest queue count") != std::string::npos);
  CHECK(runCli(args + " --vary 'groups.0.clients=0..' 2>&1").code == 2);
}

TEST_CASE("cli/sweep/an axis over the assignment modes: the broker's AVG moves what the clients' AVG moves, sticky less") {
  const Run r = runCli("sweep scenarios/scale_out.yaml --vary groups.0.rebalance=client,server,sticky --format json --quiet");
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["results"].size() == 3);
  CHECK(j["results"][1]["params"]["groups.0.rebalance"] == "server");
  const double client = j["results"][0]["metrics"]["queue_moves"]["mean"], server = j["results"][1]["metrics"]["queue_moves"]["mean"],
               sticky = j["results"][2]["metrics"]["queue_moves"]["mean"], forced = j["results"][2]["metrics"]["min_moves"]["mean"];
  CHECK(server == client);
  CHECK(sticky < client);
  CHECK(sticky == forced);
}

TEST_CASE("cli/check/every bundled scenario meets its own expectations") {
  const Run r = runCli("check 'scenarios/*.yaml' --jobs 2");
  CHECK(r.code == 0);
  std::size_t bundled = 0;  // counted, so a new bundled scenario needs no edit here
  for (const auto& f : fs::directory_iterator(fs::path(RMQSIM_SOURCE_DIR) / "scenarios")) bundled += f.path().extension() == ".yaml";
  CHECK(bundled >= 16);
  CHECK(r.out.find(std::to_string(bundled) + " scenarios") != std::string::npos);
  CHECK(r.out.find("0 failed") != std::string::npos);
}

TEST_CASE("cli/run/Ctrl-C stops cleanly and still prints the report, marked partial") {
  // --no-fast-forward: the fast-forwarded day can end within the second before the signal.
  const fs::path out = scratchPath("interrupted.json");
  const std::string cmd = std::string("cd '") + RMQSIM_SOURCE_DIR + "' && ('" + RMQSIM_BINARY +
                          "' run bench/scenarios/fleet_1000x10000_24h.yaml --no-fast-forward --format json --quiet --output '" + out.string() +
                          "' & pid=$!; sleep 1; kill -INT $pid; wait $pid)";
  REQUIRE(std::system(cmd.c_str()) == 0);  // exit 0: an interrupted run is reported, not failed
  const auto j = nlohmann::json::parse(readText(out));
  CHECK(j["partial"] == true);
  CHECK(j["simulated_ms"].get<long long>() < j["duration_ms"].get<long long>());
}
