// `--phases N`, `phase:` and `spread:` through the real binary: the spread of outcomes over the
// timer cycle, determinism across --jobs, a check failure naming its phase, the sweep axis,
// and bad input.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/cli_harness.h"

using rmqsim::test::readText;
using rmqsim::test::runCli;
using rmqsim::test::scratchPath;

TEST_CASE("phases: a crash's convergence depends on where it falls in the timer cycle") {
  // crash_failover: a host vanishes at 2m; the brokers expire its channel 120 s after its last
  // heartbeat (every 30 s) at a housekeeping scan (every 10 s), so convergence lies between
  // 120 - 30 = 90 s and 120 + 10 + a round (about 1 s) = 131 s, depending on the phase (the
  // audit's 101 s at 2m, 131 s at 2m10s).
  const auto r = runCli("run scenarios/crash_failover.yaml --phases 4 --format json --quiet");
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  const auto& p = j["phases"];
  CHECK(p["count"] == 4);
  CHECK(p["phase_ms"] == nlohmann::json::array({0, 15000, 30000, 45000}));
  const auto& c = p["events"][0]["convergence_s"];
  CHECK(c["best"].get<double>() >= 90);
  CHECK(c["worst"].get<double>() <= 132);
  CHECK(c["worst"].get<double>() > c["best"].get<double>() + 10);
  CHECK(c["median"].get<double>() >= c["best"].get<double>());
  CHECK(c["median"].get<double>() <= c["worst"].get<double>());
  CHECK(c["by_phase"].size() == 4);
  CHECK(c["worst_phase_ms"].get<long long>() % 15000 == 0);
  // The report itself is phase 0's: the scenario as written (its crash at 2m).
  CHECK(j["events"][0]["at_ms"] == 120000);
  CHECK(j["events"][0]["convergence_s"] == c["by_phase"][0]);
  for (const char* m : {"orphan_queue_s", "overlap_queue_s", "duplicates", "queue_moves"}) CHECK(p["events"][0].contains(m));

  const auto text = runCli("run scenarios/crash_failover.yaml --phases 4 --quiet");
  CHECK(text.out.find("Phases (4 runs") != std::string::npos);
  CHECK(text.out.find("--phases 4") != std::string::npos);  // the reproduce line
  const auto csv = runCli("run scenarios/crash_failover.yaml --phases 4 --format csv --quiet");
  CHECK(csv.out.rfind("event,action,target,metric,best,median,worst,worst_phase_ms\n", 0) == 0);
  CHECK(csv.out.find(",convergence_s,") != std::string::npos);
}

TEST_CASE("phases: results do not depend on --jobs") {
  const auto one = runCli("run scenarios/crash_failover.yaml --phases 3 --jobs 1 --format json --quiet");
  const auto two = runCli("run scenarios/crash_failover.yaml --phases 3 --jobs 2 --format json --quiet");
  REQUIRE(one.code == 0);
  CHECK(one.out == two.out);
  const auto c1 = runCli("check scenarios/crash_failover.yaml --phases 3 --jobs 1 --format json");
  const auto c2 = runCli("check scenarios/crash_failover.yaml --phases 3 --jobs 2 --format json");
  CHECK(c1.out == c2.out);
}

TEST_CASE("phases: spread 0 and phase 0 give the pre-spread timeline exactly") {
  // Every client at t=0 and the crash on a whole minute: the best case of the cycle, 101.132 s
  // (what the bundled file showed before starts were spread).
  const auto r = runCli("run scenarios/crash_failover.yaml --set groups.0.spread=0s --format json --quiet");
  REQUIRE(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["events"][0]["convergence_s"] == 101.132);
  // `phase: 10s` moves the crash to 2m10s: later in the heartbeat cycle, so about 130 s.
  const auto late = runCli("run scenarios/crash_failover.yaml --set groups.0.spread=0s --set phase=10s --format json --quiet");
  const auto lj = nlohmann::json::parse(late.out);
  CHECK(lj["events"][0]["at_ms"] == 130000);
  CHECK(lj["events"][0]["convergence_s"].get<double>() >= 125);
  CHECK(lj["events"][0]["convergence_s"].get<double>() <= 132);
}

TEST_CASE("phases: check evaluates every phase; a failure names its phase") {
  // max 110 s holds at phase 0 (about 102 s) but not where the crash falls late in the cycle.
  const std::string set = "--set 'expect=[{metric: events.0.convergence_s, max: 110}]'";
  const auto xml = scratchPath("phases.junit.xml");
  const auto r = runCli("check scenarios/crash_failover.yaml --phases 4 " + set + " --junit '" + xml.string() + "'");
  CHECK(r.code == 1);
  CHECK(r.out.find("PASS  events.0.convergence_s [phase 0s]") != std::string::npos);
  CHECK(r.out.find("FAIL  events.0.convergence_s [phase ") != std::string::npos);
  CHECK(r.out.find("4 expectations") != std::string::npos);
  const std::string junit = readText(xml);
  CHECK(junit.find("name=\"events.0.convergence_s [phase 15s] (max 110)\"") != std::string::npos);
  CHECK(junit.find("tests=\"4\"") != std::string::npos);
  const auto ok = runCli("check scenarios/crash_failover.yaml --phases 2");
  CHECK(ok.code == 0);
}

TEST_CASE("phases: phase as a sweep axis") {
  const auto r = runCli("sweep scenarios/crash_failover.yaml --vary phase=0s,15s,30s,45s --format json");
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["results"].size() == 4);
  CHECK(r.out.find("\"15s\"") != std::string::npos);
}

TEST_CASE("phases: bad --phases, phase and spread are exit 2 with what is allowed") {
  const auto zero = runCli("run scenarios/crash_failover.yaml --phases 0", true);
  CHECK(zero.code == 2);
  CHECK(zero.err.find("'0' is not a phase count: give 1 to 1000") != std::string::npos);
  const auto word = runCli("check scenarios/crash_failover.yaml --phases many", true);
  CHECK(word.code == 2);
  const auto phase = runCli("validate scenarios/crash_failover.yaml --set phase=2h", true);
  CHECK(phase.code == 2);
  CHECK(phase.err.find("phase 2h is longer than 1h") != std::string::npos);
  const auto spread = runCli("validate scenarios/crash_failover.yaml --set groups.0.spread=-1s", true);
  CHECK(spread.code == 2);
  CHECK(spread.err.find("groups.0.spread is not a duration") != std::string::npos);
  const auto key = runCli("validate scenarios/crash_failover.yaml --set events.0.spread=1s", true);
  CHECK(key.code == 2);  // a crash takes no spread: only start, restart and rolling_restart do
}
