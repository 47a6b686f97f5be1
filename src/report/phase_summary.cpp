#include "report/phase_summary.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <sstream>

#include "report/csv_report.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

// Lower is better for every summarised outcome; null (never converged) is worse than any number.
bool better(const Json& a, const Json& b) {
  if (a.is_null()) return false;
  if (b.is_null()) return true;
  return a.get<double>() < b.get<double>();
}

Json summarise(const std::vector<PhaseReport>& runs, std::size_t event, const char* metric) {
  std::vector<Json> values;
  for (const PhaseReport& r : runs) values.push_back((*r.report)["events"][event].value(metric, Json(nullptr)));
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: of equal outcomes the earliest phase is named, whatever the sort does.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return better(values[a], values[b]); });
  Json j;
  j["best"] = values[order.front()];
  j["median"] = values[order[(order.size() - 1) / 2]];
  std::size_t worst = order.back();
  for (std::size_t k = 0; k < values.size(); ++k)  // the first phase with the worst outcome
    if (!better(values[k], values[worst]) && !better(values[worst], values[k])) {
      worst = k;
      break;
    }
  j["worst"] = values[worst];
  j["worst_phase_ms"] = runs[worst].phase_ms;
  j["by_phase"] = values;
  return j;
}

std::string cell(const Json& v) {
  if (v.is_null()) return "never";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v.get<double>());
  return buf;
}

std::string phaseText(SimTime ms) {
  char buf[32];
  if (ms % 1000 == 0) std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(ms / 1000));
  else std::snprintf(buf, sizeof buf, "%.3fs", static_cast<double>(ms) / 1000.0);
  return buf;
}

}  // namespace

Json phaseSummaryJson(const std::vector<PhaseReport>& runs) {
  Json j;
  j["count"] = runs.size();
  j["phase_ms"] = Json::array();
  for (const PhaseReport& r : runs) j["phase_ms"].push_back(r.phase_ms);
  j["events"] = Json::array();
  if (runs.empty()) return j;
  const Json& first = *runs.front().report;
  for (std::size_t e = 0; e < first["events"].size(); ++e) {
    Json ej;
    ej["index"] = e;
    ej["action"] = first["events"][e]["action"];
    ej["target"] = first["events"][e]["target"];
    ej["at_ms"] = first["events"][e]["at_ms"];
    for (const char* m : kPhaseMetrics) ej[m] = summarise(runs, e, m);
    j["events"].push_back(ej);
  }
  return j;
}

std::string renderPhaseSummaryText(const Json& phases) {
  std::ostringstream out;
  out << "Phases (" << phases["count"].get<std::size_t>() << " runs, phase k x 60s / " << phases["count"].get<std::size_t>()
      << "; each event shifted later by the phase)\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-5s %-22s %-16s %10s %10s %10s  %s\n", "event", "what", "metric", "best", "median",
                "worst", "worst at phase");
  out << line;
  for (const Json& e : phases["events"]) {
    const std::string what = e["action"].get<std::string>() + " " + e["target"].get<std::string>();
    for (const char* m : kPhaseMetrics) {
      const Json& s = e[m];
      std::snprintf(line, sizeof line, "  %-5zu %-22.22s %-16s %10s %10s %10s  %s\n", e["index"].get<std::size_t>(),
                    what.c_str(), m, cell(s["best"]).c_str(), cell(s["median"]).c_str(), cell(s["worst"]).c_str(),
                    phaseText(s["worst_phase_ms"].get<SimTime>()).c_str());
      out << line;
    }
  }
  return out.str();
}

std::string renderPhaseSummaryCsv(const Json& phases) {
  std::ostringstream out;
  out << "event,action,target,metric,best,median,worst,worst_phase_ms\n";
  for (const Json& e : phases["events"])
    for (const char* m : kPhaseMetrics) {
      const Json& s = e[m];
      out << e["index"].get<std::size_t>() << "," << csvField(e["action"].get<std::string>()) << ","
          << csvField(e["target"].get<std::string>()) << "," << m << "," << cell(s["best"]) << "," << cell(s["median"])
          << "," << cell(s["worst"]) << "," << s["worst_phase_ms"].get<SimTime>() << "\n";
    }
  return out.str();
}

}  // namespace rmqsim
