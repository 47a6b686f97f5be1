#include <doctest/doctest.h>

#include "report/baseline.h"
#include "report/junit_report.h"

using namespace rmqsim;
using namespace std::string_literals;
using Json = nlohmann::ordered_json;

TEST_CASE("report/junit/counts tests, failures and errors and escapes text") {
  ExpectationResult pass, fail;
  pass.expectation.metric = "final.excess_imbalance";
  pass.passed = true;
  pass.bound = "max 0";
  fail.expectation.metric = "events.0.convergence_s";
  fail.passed = false;
  fail.bound = "max 5";
  fail.actual = "7"s;  // not = "7": GCC 12 warns about that one-char assign (-Wrestrict, GCC bug 105329)
  fail.message = "is 7, above the maximum 5 <&>";
  JunitSuite ok{"a.yaml", "a", 0.5, "", {pass, fail}, {}};
  JunitSuite bad{"b.yaml", "", 0, "b.yaml:3:1: error: unknown key", {}, {"summary.duplicates 0 -> 5"}};
  const std::string xml = renderJunitXml({ok, bad});
  CHECK(xml.find("<testsuites name=\"rmq-rebalance-sim check\" tests=\"4\" failures=\"2\" errors=\"1\"") != std::string::npos);
  CHECK(xml.find("above the maximum 5 &lt;&amp;&gt;") != std::string::npos);
  CHECK(xml.find("<error message=\"b.yaml:3:1: error: unknown key\"") != std::string::npos);
  CHECK(xml.find("type=\"regression\"") != std::string::npos);
}

TEST_CASE("report/baseline/a metric worse than the tolerance is a regression, within it is not") {
  const Json was = Json::parse(R"({"scenario": "s", "summary": {"queue_moves": 10, "orphan_queue_s": 0, "duplicates": 100},
                                   "final": {"jain_index": 1.0}, "events": [{"convergence_s": 2.0}]})");
  Json now = was;
  CHECK(compareToBaseline(now, was, 0.1).empty());
  now["summary"]["queue_moves"] = 11;      // +10 %: within 10 %
  now["summary"]["duplicates"] = 120;      // +20 %: worse
  now["summary"]["orphan_queue_s"] = 0.5;  // from 0: worse
  now["final"]["jain_index"] = 0.8;        // lower is worse
  now["events"][0]["convergence_s"] = nullptr;
  const auto regs = compareToBaseline(now, was, 0.1);
  REQUIRE(regs.size() == 4);
  CHECK(regs[0].rfind("summary.orphan_queue_s", 0) == 0);
  CHECK(regs[1].rfind("summary.duplicates 100 -> 120 (+20 %", 0) == 0);
  CHECK(regs[2].rfind("final.jain_index", 0) == 0);
  CHECK(regs[3] == "events.0.convergence_s 2 -> null (never reached now)");
}

TEST_CASE("report/baseline/finds the report of a scenario in run and check outputs") {
  const Json single = Json::parse(R"({"scenario": "a"})");
  CHECK(findBaselineReport(single, "a") == &single);
  CHECK(findBaselineReport(single, "b") == nullptr);
  const Json check = Json::parse(R"({"scenarios": [{"file": "x", "report": {"scenario": "a"}}, {"report": {"scenario": "b"}}]})");
  REQUIRE(findBaselineReport(check, "b") != nullptr);
  CHECK(parseTolerance("10%") == doctest::Approx(0.1));
  CHECK(parseTolerance("0.25") == doctest::Approx(0.25));
  CHECK(parseTolerance("ten") < 0);
}
