// `replay` through the real binary: the report of a recorded kill, byte-identical JSON, the
// written scenario accepted by `validate` and ending under `run` with the same assignment, the
// side files, and located errors with exit 2.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/cli_harness.h"

namespace fs = std::filesystem;
using rmqsim::test::CliRun;
using rmqsim::test::runCli;
using rmqsim::test::scratchFile;
using rmqsim::test::scratchPath;

namespace {
const std::string kKill1 = "tests/replay/data/kill1/c1.log.gz tests/replay/data/kill1/c2.log tests/replay/data/kill1/c3.log "
                           "tests/replay/data/kill1/c4.log";
}

TEST_CASE("cli/replay/kill1: the kill episode, the flagged log end, the reproduce line") {
  const CliRun r = runCli("replay " + kKill1 + " --color never", true);
  CHECK(r.code == 0);
  CHECK(r.out.find("kill g-2") != std::string::npos);
  CHECK(r.out.find("127.0.0.1@c4's log ends at") != std::string::npos);
  CHECK(r.out.find("g-2 = 127.0.0.1@c4 (tests/replay/data/kill1/c4.log)") != std::string::npos);
  CHECK(r.out.find("reproduce: rmq-rebalance-sim replay tests/replay/data/kill1/c1.log.gz") != std::string::npos);
}

TEST_CASE("cli/replay/--format json is byte-identical on every run and names every client's end") {
  const CliRun a = runCli("replay " + kKill1 + " --format json");
  const CliRun b = runCli("replay " + kKill1 + " --format json");
  REQUIRE(a.code == 0);
  CHECK(a.out == b.out);
  const auto j = nlohmann::json::parse(a.out);
  CHECK(j["events"][0]["action"] == "kill");
  CHECK(j["replay"]["clients"].size() == 4);
  CHECK(j["replay"]["clients"][2]["client_id"] == "127.0.0.1@c4");
  CHECK(j["replay"]["clients"][2]["end"] == "killed");
  CHECK(j["replay"]["lines"]["unusable"] == 0);
}

TEST_CASE("cli/replay/--to-scenario: validate accepts it, run ends with the replay's assignment; side files written") {
  const fs::path yaml = scratchPath("kill1.yaml");
  const fs::path html = scratchPath("kill1.html");
  const fs::path csv = scratchPath("kill1-csv");
  const CliRun r = runCli("replay " + kKill1 + " --format json --to-scenario '" + yaml.string() + "' --html '" + html.string() +
                          "' --csv '" + csv.string() + "'");
  REQUIRE(r.code == 0);
  CHECK(fs::exists(html));
  CHECK(fs::exists(csv / "ownership.csv"));
  const CliRun v = runCli("validate '" + yaml.string() + "'");
  CHECK(v.code == 0);
  const CliRun run = runCli("run '" + yaml.string() + "' --format json");
  REQUIRE(run.code == 0);
  CHECK(nlohmann::json::parse(run.out)["assignment"] == nlohmann::json::parse(r.out)["assignment"]);
}

TEST_CASE("cli/replay/bad input: exit 2 with the file and line, never a crash") {
  const fs::path none = scratchFile("none.log", "no timestamp here\n");
  const CliRun a = runCli("replay '" + none.string() + "'", true);
  CHECK(a.code == 2);
  CHECK(a.err.find(none.string() + ":1:1: no line starts with a timestamp") != std::string::npos);
  const CliRun b = runCli("replay tests/replay/data/kill1/c2.log --time-format '%Y-%m-%d %H:%M:%S.%f'", true);
  CHECK(b.code == 2);
  CHECK(b.err.find("unknown token '%f'") != std::string::npos);
  const CliRun c = runCli("replay /nonexistent/c1.log", true);
  CHECK(c.code == 2);
}
