#include "report/baseline.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "report/expectations.h"

namespace rmqsim {

namespace {

struct Watched {
  const char* path;
  bool higherIsBetter;
};

// Paths compared when present in both reports (events.N.* for every event index).
constexpr Watched kSummary[] = {
    {"summary.queue_moves", false}, {"summary.overlap_queue_s", false}, {"summary.orphan_queue_s", false},
    {"summary.duplicates", false},  {"summary.skipped_messages", false}, {"summary.max_lag", false},         {"final.excess_imbalance", false},
    {"final.idle_consumers", false}, {"final.jain_index", true},
};
constexpr Watched kPerEvent[] = {
    {"convergence_s", false}, {"queue_moves", false},    {"excess_moves", false},
    {"orphan_queue_s", false}, {"overlap_queue_s", false}, {"skipped_messages", false},
};

std::string num(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void compareOne(const std::string& path, bool higherIsBetter, const nlohmann::ordered_json& current,
                const nlohmann::ordered_json& baseline, double tol, double slack, std::vector<std::string>& out) {
  const auto* now = lookupReportPath(current, path);
  const auto* was = lookupReportPath(baseline, path);
  if (!now || !was) return;
  if (was->is_number() && now->is_null() && !higherIsBetter) {
    out.push_back(path + " " + num(was->get<double>()) + " -> null (never reached now)");
    return;
  }
  if (!now->is_number() || !was->is_number()) return;
  const double a = was->get<double>(), b = now->get<double>();
  const double worse = higherIsBetter ? a - b : b - a;
  if (worse <= slack) return;
  const double limit = std::fabs(a) * tol;
  if (worse <= limit + slack) return;
  std::string pct = a != 0 ? " (" + std::string(b > a ? "+" : "") + num((b - a) / std::fabs(a) * 100.0) + " %" : " (from 0";
  out.push_back(path + " " + num(a) + " -> " + num(b) + pct + ", tolerance " + num(tol * 100.0) + " %)");
}

}  // namespace

const nlohmann::ordered_json* findBaselineReport(const nlohmann::ordered_json& baseline, const std::string& scenarioName) {
  auto matches = [&](const nlohmann::ordered_json& r) {
    return r.is_object() && r.contains("scenario") && r["scenario"].is_string() && r["scenario"] == scenarioName;
  };
  if (matches(baseline)) return &baseline;
  const nlohmann::ordered_json* list = nullptr;
  if (baseline.is_array()) list = &baseline;
  else if (baseline.is_object() && baseline.contains("scenarios") && baseline["scenarios"].is_array()) list = &baseline["scenarios"];
  if (!list) return nullptr;
  for (const auto& item : *list) {
    if (matches(item)) return &item;
    if (item.is_object() && item.contains("report") && matches(item["report"])) return &item["report"];
  }
  return nullptr;
}

std::vector<std::string> compareToBaseline(const nlohmann::ordered_json& current, const nlohmann::ordered_json& baseline,
                                           double tolerance, double absoluteSlack) {
  std::vector<std::string> out;
  for (const Watched& w : kSummary) compareOne(w.path, w.higherIsBetter, current, baseline, tolerance, absoluteSlack, out);
  if (current.contains("events") && current["events"].is_array()) {
    for (std::size_t i = 0; i < current["events"].size(); ++i)
      for (const Watched& w : kPerEvent)
        compareOne("events." + std::to_string(i) + "." + w.path, w.higherIsBetter, current, baseline, tolerance,
                   absoluteSlack, out);
  }
  return out;
}

double parseTolerance(const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != ' ') t += c;
  if (t.empty()) return -1;
  const bool percent = t.back() == '%';
  if (percent) t.pop_back();
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v) || v < 0) return -1;
  return percent ? v / 100.0 : v;
}

}  // namespace rmqsim
