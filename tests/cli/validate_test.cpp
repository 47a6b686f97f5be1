// `validate` through the real binary: the one-line summary of a valid file on stdout, located
// diagnostics on stderr, exit 2 when any file is invalid, --set checked like the file; and the
// loader's list of report keys (for `expect: metric`) kept in step with what `run` writes.
#include <doctest/doctest.h>

#include <filesystem>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "scenario/validator.h"
#include "support/cli_harness.h"
#include "support/scenario_text.h"

namespace fs = std::filesystem;
using rmqsim::test::CliRun;
using rmqsim::test::runCli;
using rmqsim::test::scratchFile;

using rmqsim::test::scenarioText;

namespace {

const std::string kGood = scenarioText("good", "90s", R"(events:
  - {at: 30s, action: start, group: g, count: 1}
expect:
  - {metric: final.excess_imbalance, max: 0}
)");

}  // namespace

TEST_CASE("cli/validate/a valid file: one summary line on stdout, nothing on stderr, exit 0") {
  const fs::path good = scratchFile("good.yaml", kGood);
  const CliRun r = runCli("validate '" + good.string() + "'", true);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == good.string() + ": ok (2 brokers, 1 group, 1 event, duration 1m30s; 2 clients at start, 1 expectation, "
                                 "profile rocketmq-5)\n");
}

TEST_CASE("cli/validate/every file is checked; one invalid file makes exit 2, diagnostics on stderr only") {
  const fs::path good = scratchFile("good.yaml", kGood);
  std::string broken = kGood;
  broken.replace(broken.find("    clients: 2"), 14, "    clientz: 2");
  const fs::path bad = scratchFile("bad.yaml", broken);
  const CliRun r = runCli("validate '" + bad.string() + "' '" + good.string() + "'", true);
  CHECK(r.code == 2);
  CHECK(r.out == good.string() + ": ok (2 brokers, 1 group, 1 event, duration 1m30s; 2 clients at start, 1 expectation, "
                                 "profile rocketmq-5)\n");
  CHECK(r.err.find(bad.string() + ":13:5: error: unknown key 'clientz' in group 'g'\n") == 0);
  CHECK(r.err.find("did you mean 'clients'?") != std::string::npos);
  // the event names no client, so dropping the t=0 clients leaves the file valid apart from the key
  CHECK(r.err.find("2 errors") == std::string::npos);
}

TEST_CASE("cli/validate/--set values are validated like the file and located as the option") {
  const fs::path good = scratchFile("good.yaml", kGood);
  const CliRun ok = runCli("validate '" + good.string() + "' --set groups.0.clients=5 --set duration=2m", true);
  CHECK(ok.code == 0);
  CHECK(ok.out.find("duration 2m; 5 clients at start") != std::string::npos);
  const CliRun bad = runCli("validate '" + good.string() + "' --set groups.0.strategy=CONSISTENT_HASHING", true);
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("--set groups.0.strategy=CONSISTENT_HASHING: error: groups.0.strategy cannot be 'CONSISTENT_HASHING'") == 0);
  CHECK(bad.err.find("did you mean 'CONSISTENT_HASH'?") != std::string::npos);
  CHECK(runCli("validate '" + good.string() + "' --set nonsense", true).err.find("expected PATH=VALUE") != std::string::npos);
}

TEST_CASE("cli/validate/broken YAML and missing files: located, exit 2, never a raw exception") {
  const fs::path yaml = scratchFile("yaml.yaml", "name: x\nbrokers: [\n");
  const CliRun r = runCli("validate '" + yaml.string() + "' does-not-exist.yaml", true);
  CHECK(r.code == 2);
  CHECK(r.err.find(yaml.string() + ":3:1: error: invalid YAML: ") == 0);
  CHECK(r.err.find("does-not-exist.yaml: error: cannot read the scenario file") != std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK(r.err.find("yaml-cpp") == std::string::npos);
  CHECK(runCli("validate", true).code == 2);  // no file: a usage error
}

TEST_CASE("cli/validate/the report keys expect: may start from are exactly those run writes") {
  const fs::path good = scratchFile("good.yaml", kGood);
  const CliRun r = runCli("run '" + good.string() + "' --format json", true);
  REQUIRE(r.code == 0);
  const auto report = nlohmann::ordered_json::parse(r.out);
  std::set<std::string> written, known(std::begin(rmqsim::kReportRootKeys), std::end(rmqsim::kReportRootKeys));
  for (auto it = report.begin(); it != report.end(); ++it) written.insert(it.key());
  CHECK(written == known);
}
