#include "report/sweep_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "report/expectations.h"
#include "report/junit_report.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

std::optional<double> number(const Json& report, std::initializer_list<const char*> paths) {
  for (const char* p : paths)
    if (const Json* v = lookupReportPath(report, p); v && v->is_number()) return v->get<double>();
  return std::nullopt;
}

std::optional<double> eventSum(const Json& report, const char* key) {
  if (!report.contains("events") || !report["events"].is_array()) return 0.0;
  double sum = 0;
  for (const Json& e : report["events"])
    if (e.contains(key) && e[key].is_number()) sum += e[key].get<double>();
  return sum;
}

std::string text(const Json& v) { return reportValueText(v); }

std::string fmt(const Json& v) {
  if (!v.is_number()) return v.is_null() ? "never" : text(v);
  char buf[48];
  const double d = v.get<double>();
  if (d == std::floor(d) && std::fabs(d) < 1e12) std::snprintf(buf, sizeof buf, "%.0f", d);
  else std::snprintf(buf, sizeof buf, "%.3f", d);
  return buf;
}

// Suffix tests, not std::regex: GCC 12's <regex> warns at -O1 with the sanitizers
// (-Wmaybe-uninitialized inside regex_automaton.h), and a key needs no regular expression.
/// `key` is `last` or ends with ".last".
bool endsWithKey(const std::string& key, std::string_view last) {
  return key == last || (key.ends_with(last) && key[key.size() - last.size() - 1] == '.');
}
bool isClientAxis(const std::string& k) { return endsWithKey(k, "clients") || endsWithKey(k, "clients.count"); }
bool isQueueAxis(const std::string& k) { return k.ends_with(".queues") || k.ends_with(".read_queues"); }
bool isStrategyAxis(const std::string& k) { return endsWithKey(k, "strategy") || endsWithKey(k, "strategy.name"); }

std::optional<double> asNumber(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

double meanOf(const Json& row, const std::string& metric) {
  const Json& m = row["metrics"][metric]["mean"];
  return m.is_number() ? m.get<double>() : INFINITY;
}

std::vector<std::string> axisKeys(const Json& doc) {
  std::vector<std::string> keys;
  for (const Json& a : doc["vary"]) keys.push_back(a["key"].get<std::string>());
  return keys;
}

}  // namespace

const std::vector<std::string>& sweepMetricNames() {
  static const std::vector<std::string> names = {
      "queue_moves",     "min_moves",      "excess_moves", "max_convergence_s", "overlap_queue_s", "orphan_queue_s",
      "duplicates",      "max_lag",        "excess_imbalance", "idle_consumers", "jain_index",     "complete"};
  return names;
}

std::optional<double> sweepMetric(const Json& report, const std::string& name) {
  if (name == "queue_moves") return number(report, {"summary.queue_moves"});
  if (name == "min_moves") return eventSum(report, "min_moves");
  if (name == "excess_moves") return eventSum(report, "excess_moves");
  if (name == "max_convergence_s") {
    double worst = 0;
    if (report.contains("events") && report["events"].is_array())
      for (const Json& e : report["events"]) {
        if (!e.contains("convergence_s") || !e["convergence_s"].is_number()) return std::nullopt;
        worst = std::max(worst, e["convergence_s"].get<double>());
      }
    return worst;
  }
  if (name == "complete") {
    for (const char* p : {"final.complete", "final.all.complete"})
      if (const Json* v = lookupReportPath(report, p); v && v->is_boolean()) return v->get<bool>() ? 1.0 : 0.0;
    return std::nullopt;
  }
  if (name == "overlap_queue_s" || name == "orphan_queue_s" || name == "duplicates" || name == "max_lag") {
    const std::string p = "summary." + name;
    return number(report, {p.c_str()});
  }
  const std::string a = "final." + name, b = "final.all." + name;
  return number(report, {a.c_str(), b.c_str()});
}

Json sweepRow(const GridPoint& point, const std::vector<VaryAxis>& axes, const std::vector<Json>& reports) {
  Json row;
  row["index"] = point.index;
  Json params = Json::object();
  for (std::size_t k = 0; k < axes.size(); ++k) params[axes[k].key] = point.values[k];
  row["params"] = params;
  row["runs"] = reports.size();
  bool partial = false;
  for (const Json& r : reports) partial |= r.value("partial", false);
  if (partial) row["partial"] = true;
  Json metrics = Json::object();
  for (const std::string& name : sweepMetricNames()) {
    std::vector<double> vals;
    bool undefined = false;
    for (const Json& r : reports) {
      auto v = sweepMetric(r, name);
      if (v) vals.push_back(*v);
      else undefined = true;
    }
    Json m;
    if (undefined || vals.empty()) {
      m["mean"] = nullptr;  // e.g. some seed never converged
      m["p95"] = nullptr;
    } else {
      double sum = 0;
      for (double v : vals) sum += v;
      std::sort(vals.begin(), vals.end());
      const std::size_t rank = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(vals.size())));
      m["mean"] = round3(sum / static_cast<double>(vals.size()));
      m["p95"] = round3(vals[std::max<std::size_t>(rank, 1) - 1]);
    }
    metrics[name] = m;
  }
  row["metrics"] = metrics;
  return row;
}

Json sweepHeader(const std::string& file, const std::string& scenarioName, std::uint64_t baseSeed, int repeat,
                 const std::vector<VaryAxis>& axes, std::size_t points) {
  Json h;
  h["sweep"] = file;
  h["scenario"] = scenarioName;
  h["base_seed"] = baseSeed;
  h["repeat"] = repeat;
  Json vary = Json::array();
  for (const VaryAxis& a : axes) vary.push_back(Json{{"key", a.key}, {"values", a.values}});
  h["vary"] = vary;
  h["points"] = points;
  return h;
}

Json sweepDocument(Json header, Json rows, const std::optional<Shard>& shard) {
  Json doc = std::move(header);
  if (shard) doc["shard"] = std::to_string(shard->index) + "/" + std::to_string(shard->count);
  doc["results"] = std::move(rows);
  if (!shard) doc["summary"] = sweepSummary(doc);
  return doc;
}

Json sweepSummary(const Json& doc) {
  Json summary = Json::object();
  const std::vector<std::string> keys = axisKeys(doc);
  const Json& rows = doc["results"];
  std::optional<std::size_t> qAxis, sAxis;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (isQueueAxis(keys[k]) && !qAxis) qAxis = k;
    if (isStrategyAxis(keys[k]) && !sAxis) sAxis = k;
  }
  bool hasClients = false;
  for (const auto& k : keys) hasClients |= isClientAxis(k);
  // For each setting of the other axes (the client count among them): the smallest queue count
  // with no excess imbalance and no idle consumer.
  if (qAxis) {
    std::map<std::string, std::pair<Json, std::optional<double>>> best;  // other params text -> (params, queues)
    std::vector<std::string> order;
    for (const Json& row : rows) {
      Json others = Json::object();
      std::string id;
      for (std::size_t k = 0; k < keys.size(); ++k)
        if (k != *qAxis) others[keys[k]] = row["params"][keys[k]], id += row["params"][keys[k]].get<std::string>() + "\x1f";
      if (!best.count(id)) best[id] = {others, std::nullopt}, order.push_back(id);
      const bool fits = meanOf(row, "excess_imbalance") == 0 && meanOf(row, "idle_consumers") == 0;
      const auto q = asNumber(row["params"][keys[*qAxis]].get<std::string>());
      if (fits && q && (!best[id].second || *q < *best[id].second)) best[id].second = q;
    }
    Json list = Json::array();
    for (const auto& id : order) {
      Json item = best[id].first;
      item["smallest_" + keys[*qAxis]] = best[id].second ? Json(*best[id].second) : Json(nullptr);
      list.push_back(item);
    }
    summary[hasClients ? "smallest_queues_per_client_count" : "smallest_queues"] = list;
  }
  // Per strategy over all other points: mean moves and orphan time; the best of each.
  if (sAxis) {
    std::map<std::string, std::array<double, 4>> acc;  // moves, excess, orphan, count
    std::vector<std::string> order;
    for (const Json& row : rows) {
      const std::string s = row["params"][keys[*sAxis]].get<std::string>();
      if (!acc.count(s)) acc[s] = {0, 0, 0, 0}, order.push_back(s);
      auto& a = acc[s];
      a[0] += meanOf(row, "queue_moves"), a[1] += meanOf(row, "excess_moves"), a[2] += meanOf(row, "orphan_queue_s"), a[3] += 1;
    }
    Json by = Json::array();
    std::string fewest, leastOrphan;
    double fewestV = INFINITY, orphanV = INFINITY;
    for (const auto& s : order) {
      const auto& a = acc[s];
      const double moves = round3(a[0] / a[3]), excess = round3(a[1] / a[3]), orphan = round3(a[2] / a[3]);
      by.push_back(Json{{"strategy", s}, {"mean_queue_moves", moves}, {"mean_excess_moves", excess}, {"mean_orphan_queue_s", orphan}});
      if (moves < fewestV) fewestV = moves, fewest = s;
      if (orphan < orphanV) orphanV = orphan, leastOrphan = s;
    }
    summary["strategies"] = by;
    summary["fewest_moves"] = fewest;
    summary["least_orphan_time"] = leastOrphan;
  }
  return summary;
}

std::string renderSweepTable(const Json& doc) {
  const std::vector<std::string> keys = axisKeys(doc);
  const std::vector<std::string> shown = {"queue_moves", "excess_moves", "max_convergence_s", "orphan_queue_s",
                                          "overlap_queue_s", "duplicates", "excess_imbalance", "idle_consumers", "jain_index"};
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header = keys;
  header.insert(header.end(), shown.begin(), shown.end());
  cells.push_back(header);
  for (const Json& row : doc["results"]) {
    std::vector<std::string> line;
    for (const auto& k : keys) line.push_back(row["params"][k].get<std::string>());
    for (const auto& m : shown) line.push_back(fmt(row["metrics"][m]["mean"]));
    cells.push_back(line);
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& line : cells)
    for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  std::string out = "sweep " + doc["sweep"].get<std::string>() + " (" + doc["scenario"].get<std::string>() + "): " +
                    std::to_string(doc["results"].size()) + " of " + std::to_string(doc["points"].get<std::size_t>()) +
                    " points x " + std::to_string(doc["repeat"].get<int>()) + " seed(s); means shown\n\n";
  for (const auto& line : cells) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      const bool left = i < keys.size();
      const std::string pad(width[i] - line[i].size(), ' ');
      out += (i ? "  " : "") + (left ? line[i] + pad : pad + line[i]);
    }
    out += "\n";
  }
  if (doc.contains("summary")) {
    const Json& s = doc["summary"];
    out += "\n";
    for (const char* key : {"smallest_queues_per_client_count", "smallest_queues"}) {
      if (!s.contains(key)) continue;
      out += "Smallest queue count with no excess imbalance and no idle consumer:\n";
      for (const Json& item : s[key]) {
        std::string cond, value = "none in the grid";
        for (auto it = item.begin(); it != item.end(); ++it) {
          if (it.key().rfind("smallest_", 0) == 0) {
            if (!it.value().is_null()) value = fmt(it.value());
          } else {
            cond += (cond.empty() ? "" : ", ") + it.key() + "=" + text(it.value());
          }
        }
        out += "  " + (cond.empty() ? std::string("(all)") : cond) + ": " + value + "\n";
      }
    }
    if (s.contains("strategies")) {
      out += "Strategies (means over the other axes):\n";
      for (const Json& st : s["strategies"])
        out += "  " + st["strategy"].get<std::string>() + ": queue_moves " + fmt(st["mean_queue_moves"]) + ", excess_moves " +
               fmt(st["mean_excess_moves"]) + ", orphan_queue_s " + fmt(st["mean_orphan_queue_s"]) + "\n";
      out += "  fewest moves: " + s["fewest_moves"].get<std::string>() +
             "; least orphan time: " + s["least_orphan_time"].get<std::string>() + "\n";
    }
  }
  return out;
}

std::string renderSweepCsv(const Json& doc) {
  const std::vector<std::string> keys = axisKeys(doc);
  auto quote = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  std::string out = "index";
  for (const auto& k : keys) out += "," + quote(k);
  out += ",runs";
  for (const auto& m : sweepMetricNames()) out += "," + m + "_mean," + m + "_p95";
  out += "\n";
  for (const Json& row : doc["results"]) {
    out += std::to_string(row["index"].get<std::size_t>());
    for (const auto& k : keys) out += "," + quote(row["params"][k].get<std::string>());
    out += "," + std::to_string(row["runs"].get<int>());
    for (const auto& m : sweepMetricNames()) {
      const Json& v = row["metrics"][m];
      out += "," + (v["mean"].is_null() ? std::string() : fmt(v["mean"])) + "," + (v["p95"].is_null() ? std::string() : fmt(v["p95"]));
    }
    out += "\n";
  }
  return out;
}

std::string renderSweepHtml(const Json& doc) {
  const std::vector<std::string> keys = axisKeys(doc);
  const Json& rows = doc["results"];
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sweep " + xmlEscape(doc["scenario"].get<std::string>()) +
      "</title>\n<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}"
      "td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}th{background:#f4f4f4}h2{margin-top:32px}"
      ".note{color:#666}</style></head><body>\n<h1>Sweep of " + xmlEscape(doc["sweep"].get<std::string>()) + "</h1>\n<p class=\"note\">" +
      std::to_string(rows.size()) + " points &times; " + std::to_string(doc["repeat"].get<int>()) +
      " seed(s); cells show the mean; green is better, red worse.</p>\n";
  // Axes of the heatmaps: x = first axis, y = second (if any); further axes make separate panels.
  const std::string xKey = keys.empty() ? "" : keys[0];
  const std::string yKey = keys.size() > 1 ? keys[1] : "";
  std::vector<std::string> xs, ys;
  if (!keys.empty()) xs = doc["vary"][0]["values"].get<std::vector<std::string>>();
  if (keys.size() > 1) ys = doc["vary"][1]["values"].get<std::vector<std::string>>();
  else ys = {""};
  std::map<std::string, std::vector<const Json*>> panels;  // rest-of-params text -> rows
  std::vector<std::string> panelOrder;
  for (const Json& row : rows) {
    std::string rest;
    for (std::size_t k = 2; k < keys.size(); ++k) rest += (rest.empty() ? "" : ", ") + keys[k] + "=" + row["params"][keys[k]].get<std::string>();
    if (!panels.count(rest)) panelOrder.push_back(rest);
    panels[rest].push_back(&row);
  }
  for (const std::string& metric : sweepMetricNames()) {
    const bool higherBetter = metric == "jain_index" || metric == "complete";
    double lo = INFINITY, hi = -INFINITY;
    for (const Json& row : rows)
      if (row["metrics"][metric]["mean"].is_number()) {
        const double v = row["metrics"][metric]["mean"].get<double>();
        lo = std::min(lo, v), hi = std::max(hi, v);
      }
    html += "<h2>" + metric + "</h2>\n";
    int shownPanels = 0;
    for (const std::string& rest : panelOrder) {
      if (++shownPanels > 12) {
        html += "<p class=\"note\">(further panels omitted: see the CSV)</p>\n";
        break;
      }
      if (!rest.empty()) html += "<p>" + xmlEscape(rest) + "</p>\n";
      std::map<std::pair<std::string, std::string>, const Json*> at;
      for (const Json* row : panels[rest])
        at[{row->at("params")[xKey].get<std::string>(), yKey.empty() ? "" : row->at("params")[yKey].get<std::string>()}] = row;
      html += "<table><tr><th>" + xmlEscape(yKey.empty() ? "" : yKey + " \\ " + xKey) + "</th>";
      for (const auto& x : xs) html += "<th>" + xmlEscape(x) + "</th>";
      html += "</tr>\n";
      for (const auto& y : ys) {
        html += "<tr><th>" + xmlEscape(y) + "</th>";
        for (const auto& x : xs) {
          auto it = at.find({x, y});
          if (it == at.end()) {
            html += "<td></td>";
            continue;
          }
          const Json& v = it->second->at("metrics")[metric]["mean"];
          std::string style;
          if (v.is_number()) {
            double t = hi > lo ? (v.get<double>() - lo) / (hi - lo) : 0.0;
            if (higherBetter) t = 1.0 - t;
            char buf[64];
            std::snprintf(buf, sizeof buf, " style=\"background:hsl(%d,70%%,80%%)\"", static_cast<int>(std::lround(120 * (1 - t))));
            style = buf;
          } else {
            style = " style=\"background:#e0b0b0\"";
          }
          html += "<td" + style + ">" + fmt(v) + "</td>";
        }
        html += "</tr>\n";
      }
      html += "</table>\n";
    }
  }
  html += "</body></html>\n";
  return html;
}

std::string renderSweep(const Json& doc, const std::string& format) {
  if (format == "json") return doc.dump(2) + "\n";
  if (format == "csv") return renderSweepCsv(doc);
  return renderSweepTable(doc);
}

}  // namespace rmqsim
