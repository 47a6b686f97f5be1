// The JSON report: contract §3 keys in order, rounding, null for never-converged, assignment.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>

#include "metrics_fixture.h"
#include "report/json_report.h"

using namespace rmqsim;
using namespace rmqsim::test;

TEST_CASE("report/json/contract keys come first, in order") {
  const auto j = buildJsonReport(reportScenario(), reportResult());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  REQUIRE(keys.size() >= 8);
  CHECK(keys[0] == "scenario");
  CHECK(keys[1] == "seed");
  CHECK(keys[2] == "profile");
  CHECK(keys[3] == "duration_ms");
  const std::vector<std::string> later = {"summary", "final", "events", "assignment"};
  std::size_t at = 0;
  for (const auto& k : later) {
    auto pos = std::find(keys.begin(), keys.end(), k);
    REQUIRE(pos != keys.end());
    CHECK(static_cast<std::size_t>(pos - keys.begin()) > at);
    at = static_cast<std::size_t>(pos - keys.begin());
  }
  std::vector<std::string> summaryKeys;
  for (auto it = j["summary"].begin(); it != j["summary"].end(); ++it) summaryKeys.push_back(it.key());
  for (const char* k : {"rebalances", "changed_rebalances", "queue_moves", "overlap_queue_s", "orphan_queue_s", "duplicates", "skipped_messages", "max_lag"})
    CHECK(std::find(summaryKeys.begin(), summaryKeys.end(), k) != summaryKeys.end());
  std::vector<std::string> eventKeys;
  for (auto it = j["events"][0].begin(); it != j["events"][0].end(); ++it) eventKeys.push_back(it.key());
  const std::vector<std::string> contractEvent = {"at_ms", "action", "target", "convergence_s", "queue_moves",
                                                  "min_moves", "excess_moves", "overlap_queue_s", "orphan_queue_s"};
  REQUIRE(eventKeys.size() >= contractEvent.size());
  CHECK(std::vector<std::string>(eventKeys.begin(), eventKeys.begin() + 9) == contractEvent);
}

TEST_CASE("report/json/values: seconds rounded to 3 decimals, null when never converged, per group and topic") {
  const auto j = buildJsonReport(reportScenario(), reportResult());
  CHECK(j["scenario"] == "crash");
  CHECK(j["seed"] == 7);
  CHECK(j["duration_ms"] == 600000);
  CHECK(j["partial"] == false);
  CHECK(j["summary"]["overlap_queue_s"].get<double>() == doctest::Approx(1.235).epsilon(1e-12));
  CHECK(j["summary"]["orphan_queue_s"].get<double>() == doctest::Approx(262.0).epsilon(1e-12));
  CHECK(j["summary"]["excess_moves"] == 1);
  CHECK(j["events"][0]["convergence_s"].get<double>() == doctest::Approx(131.0));
  CHECK(j["events"][0]["excess_moves"] == 1);
  CHECK(j["events"][1]["convergence_s"].is_null());
  CHECK(j["final"]["excess_imbalance"] == 2);
  CHECK(j["final"]["idle_consumers"] == 1);
  CHECK(j["final"]["complete"] == true);
  CHECK(j["final"]["jain_index"].get<double>() == doctest::Approx(0.6));
  CHECK(j["final"]["groups"]["g"]["topics"]["orders"]["max_load"] == 2);
  CHECK(j["final"]["groups"]["g"]["topics"]["%RETRY%g"]["idle_consumers"] == 2);
  CHECK(j["final"]["groups"]["g"]["loads"]["g-3"] == 0);
  CHECK(j["final"]["groups"]["g"]["queue_moves"] == 3);
  CHECK(j["assignment"]["g"]["orders@broker-a:2"] == "g-2");
  CHECK(j["warnings"].is_array());
  CHECK_FALSE(j["warnings"].empty());
}

TEST_CASE("report/json/byte-stable and NaN-free") {
  RunResult r = reportResult();
  r.groups[0].balance.jainIndex = std::numeric_limits<double>::quiet_NaN();
  const std::string a = buildJsonReport(reportScenario(), r).dump();
  const std::string b = buildJsonReport(reportScenario(), r).dump();
  CHECK(a == b);
  CHECK(a.find("NaN") == std::string::npos);
  CHECK(a.find("nan") == std::string::npos);
  CHECK(buildJsonReport(reportScenario(), r)["final"]["groups"]["g"]["jain_index"].is_null());
}

TEST_CASE("report/json/overlapping owners are listed, unowned queues are null") {
  RunResult r = reportResult();
  r.groups[0].assignment[0].second = {"g-0", "g-2"};
  r.groups[0].assignment[1].second = {};
  const auto j = buildJsonReport(reportScenario(), r);
  CHECK(j["assignment"]["g"]["orders@broker-a:0"] == nlohmann::ordered_json::array({"g-0", "g-2"}));
  CHECK(j["assignment"]["g"]["orders@broker-a:1"].is_null());
}

TEST_CASE("report/json/summary.excess_moves sums the events; each event names the groups it is judged on") {
  RunResult r = reportResult();
  r.summary.queueMoves = 10;  // 7 moves outside any event window: not churn an event caused
  const auto j = buildJsonReport(reportScenario(), r);
  CHECK(j["summary"]["queue_moves"] == 10);
  CHECK(j["summary"]["excess_moves"] == 1);  // (3 - 2) + (0 - 0)
  CHECK(j["events"][0]["groups"] == nlohmann::ordered_json::array({"g"}));
  CHECK(j["final"]["groups"]["g"]["min_moves"] == 2);
  CHECK(j["final"]["groups"]["g"]["orphan_queue_s"].get<double>() == doctest::Approx(262.0));
}
