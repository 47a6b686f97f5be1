// The `--phases` summary: best, median and worst per event and metric, the phase of the worst,
// "never" ranked worst, and the same rows as text and CSV.
#include <doctest/doctest.h>

#include <vector>

#include "report/phase_summary.h"

using namespace rmqsim;
using Json = nlohmann::ordered_json;

namespace {

Json report(Json convergence, int moves, double orphan) {
  Json e;
  e["at_ms"] = 120000;
  e["action"] = "crash";
  e["target"] = "g-2";
  e["convergence_s"] = convergence;
  e["queue_moves"] = moves;
  e["overlap_queue_s"] = 0.0;
  e["orphan_queue_s"] = orphan;
  e["duplicates"] = 4;
  Json r;
  r["events"] = Json::array({e});
  return r;
}

}  // namespace

TEST_CASE("report/phase summary: best, median (lower middle), worst and its phase; never is worst") {
  const std::vector<Json> reports = {report(101.1, 6, 400), report(131.0, 9, 590), report(nullptr, 6, 450),
                                     report(111.0, 9, 420)};
  std::vector<PhaseReport> runs;
  for (std::size_t k = 0; k < reports.size(); ++k) runs.push_back(PhaseReport{static_cast<SimTime>(k) * 15000, &reports[k]});
  const Json p = phaseSummaryJson(runs);
  CHECK(p["count"] == 4);
  CHECK(p["phase_ms"] == Json::array({0, 15000, 30000, 45000}));
  const Json& c = p["events"][0]["convergence_s"];
  CHECK(c["best"] == 101.1);
  CHECK(c["median"] == 111.0);  // sorted 101.1, 111, 131, never: the lower middle
  CHECK(c["worst"].is_null());
  CHECK(c["worst_phase_ms"] == 30000);
  CHECK(c["by_phase"].size() == 4);
  // Ties: the first phase with the worst outcome is named.
  const Json& m = p["events"][0]["queue_moves"];
  CHECK(m["worst"] == 9);
  CHECK(m["worst_phase_ms"] == 15000);
  CHECK(m["best"] == 6);
  CHECK(p["events"][0]["action"] == "crash");

  const std::string text = renderPhaseSummaryText(p);
  CHECK(text.find("convergence_s       101.100    111.000      never  30s") != std::string::npos);
  const std::string csv = renderPhaseSummaryCsv(p);
  CHECK(csv.find("0,crash,g-2,convergence_s,101.100,111.000,never,30000\n") != std::string::npos);
  CHECK(csv.find("0,crash,g-2,queue_moves,6,6,9,15000\n") != std::string::npos);
}
