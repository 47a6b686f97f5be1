#include <doctest/doctest.h>

#include "report/expectations.h"

using namespace rmqsim;
using Json = nlohmann::ordered_json;

namespace {

Json report() {
  return Json::parse(R"({"summary": {"queue_moves": 12, "orphan_queue_s": 3.5},
                         "final": {"excess_imbalance": 0, "complete": true},
                         "events": [{"convergence_s": 1.25}, {"convergence_s": null}]})");
}

Expectation expect(std::string metric, std::optional<double> min, std::optional<double> max,
                   std::optional<std::string> equals = std::nullopt) {
  Expectation e;
  e.metric = std::move(metric);
  e.min = min;
  e.max = max;
  e.equals = std::move(equals);
  return e;
}

}  // namespace

TEST_CASE("report/expectations/paths reach object keys and array indices") {
  const Json r = report();
  REQUIRE(lookupReportPath(r, "events.0.convergence_s") != nullptr);
  CHECK(lookupReportPath(r, "events.0.convergence_s")->get<double>() == 1.25);
  std::string missing;
  CHECK(lookupReportPath(r, "events.2.convergence_s", &missing) == nullptr);
  CHECK(missing == "events.2");
}

TEST_CASE("report/expectations/min, max and equals decide pass and fail") {
  const auto res = evaluateExpectations(
      {expect("summary.queue_moves", 10, 12), expect("summary.queue_moves", std::nullopt, 11),
       expect("final.complete", std::nullopt, std::nullopt, "true"), expect("summary.orphan_queue_s", 4, std::nullopt),
       expect("events.1.convergence_s", std::nullopt, 60)},
      report());
  REQUIRE(res.size() == 5);
  CHECK(res[0].passed);
  CHECK_FALSE(res[1].passed);
  CHECK(res[1].message == "is 12, above the maximum 11");
  CHECK(res[2].passed);
  CHECK_FALSE(res[3].passed);
  CHECK(res[3].actual == "3.5");
  CHECK_FALSE(res[4].passed);  // never converged: null is not within any bound
  CHECK(res[4].actual == "null");
}

TEST_CASE("report/expectations/an unknown metric is flagged with a did-you-mean") {
  const auto res = evaluateExpectations({expect("summary.queue_movez", std::nullopt, 1)}, report());
  REQUIRE(res.size() == 1);
  CHECK(res[0].unknownMetric);
  CHECK(res[0].message.find("did you mean 'queue_moves'") != std::string::npos);
}
