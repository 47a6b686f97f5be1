#include "report/html_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "report/embedded_assets.h"
#include "report/junit_report.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kTimeBins = 300;          ///< columns of the aggregated charts
constexpr std::size_t kMaxIntervals = 100000;   ///< Gantt bars embedded; beyond, the page says so
constexpr std::size_t kMaxJsonEntries = 500;    ///< rows of one report table embedded
constexpr std::size_t kMaxLoadPoints = 20000;   ///< steps of the per-client load lines

std::string scriptSafe(const std::string& json) {
  // Inside <script>, "</" could close the element and "<!--" change parsing: escape "<" (JSON allows \u003c).
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

/// The report with long arrays / objects cut (the page stays small; the JSON output has it all).
Json capped(const Json& j) {
  if (j.is_array()) {
    Json out = Json::array();
    for (std::size_t i = 0; i < j.size() && i < kMaxJsonEntries; ++i) out.push_back(capped(j[i]));
    if (j.size() > kMaxJsonEntries) out.push_back(std::to_string(j.size() - kMaxJsonEntries) + " more not shown (see --format json)");
    return out;
  }
  if (j.is_object()) {
    Json out = Json::object();
    std::size_t n = 0;
    for (const auto& [k, v] : j.items()) {
      if (n++ == kMaxJsonEntries) {
        out["..."] = std::to_string(j.size() - kMaxJsonEntries) + " more not shown (see --format json)";
        break;
      }
      out[k] = capped(v);
    }
    return out;
  }
  return j;
}

std::string queueName(const MessageQueue& mq) { return mq.topic + "@" + mq.brokerName + ":" + std::to_string(mq.queueId); }

struct Rows {
  std::vector<std::pair<GroupIndex, QueueIndex>> all;  ///< Gantt rows: (group, queue), group then MessageQueue order
  std::map<std::pair<GroupIndex, QueueIndex>, std::size_t> index;
};

/// Every queue some group subscribes to (latest sets) or one of its clients owned.
Rows gatherRows(const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  std::set<std::pair<GroupIndex, QueueIndex>> seen;
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    std::set<std::string> topics(scenario.groups[g].subscribe.begin(), scenario.groups[g].subscribe.end());
    if (scenario.groups[g].model == MessageModel::CLUSTERING) topics.insert("%RETRY%" + scenario.groups[g].name);
    for (const auto& [topic, qs] : t.queueSets)
      if (topics.count(topic))
        for (QueueIndex q : qs) seen.emplace(static_cast<GroupIndex>(g), q);
  }
  for (const OwnershipInterval& iv : t.intervals) seen.emplace(catalog.clients[static_cast<std::size_t>(iv.client)].group, iv.queue);
  for (const QueuePeriod& p : t.orphans) seen.emplace(p.group, p.queue);
  Rows r;
  r.all.assign(seen.begin(), seen.end());
  std::sort(r.all.begin(), r.all.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return catalog.queues[static_cast<std::size_t>(a.second)] < catalog.queues[static_cast<std::size_t>(b.second)];
  });
  for (std::size_t i = 0; i < r.all.size(); ++i) r.index[r.all[i]] = i;
  return r;
}

/// Adds `weight` per ms of [from, to) into time bins of width endMs / kTimeBins.
void addToBins(std::vector<double>& bins, SimTime endMs, SimTime from, SimTime to, double weight) {
  const double w = static_cast<double>(endMs) / static_cast<double>(kTimeBins);
  for (auto b = static_cast<std::size_t>(static_cast<double>(from) / w); b < kTimeBins; ++b) {
    const double lo = std::max(static_cast<double>(from), static_cast<double>(b) * w);
    const double hi = std::min(static_cast<double>(to), static_cast<double>(b + 1) * w);
    if (hi <= lo) break;
    bins[b] += weight * (hi - lo);
  }
}

Json roundedBins(const std::vector<double>& bins, double scale) {
  Json out = Json::array();
  for (double v : bins) out.push_back(std::round(v * scale * 1000.0) / 1000.0);
  return out;
}

/// Gantt data: one row per (group, queue) when few, else one row per (group, topic, broker) with
/// the orphaned / overlapped share of its queues and the ownership changes per time bin.
void ganttData(Json& data, const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  const Rows rows = gatherRows(scenario, t, catalog);
  const SimTime endMs = std::max<SimTime>(1, t.end);
  data["queues_total"] = rows.all.size();
  if (rows.all.size() <= kHtmlMaxQueueRows) {
    Json names = Json::array();
    for (const auto& [g, q] : rows.all)
      names.push_back(Json::array({scenario.groups[static_cast<std::size_t>(g)].name, queueName(catalog.queues[static_cast<std::size_t>(q)])}));
    Json intervals = Json::array();
    std::size_t dropped = 0;
    for (const OwnershipInterval& iv : t.intervals) {
      if (iv.end <= iv.start) continue;
      if (intervals.size() >= kMaxIntervals) {
        ++dropped;
        continue;
      }
      const auto row = rows.index.at({catalog.clients[static_cast<std::size_t>(iv.client)].group, iv.queue});
      intervals.push_back(Json::array({row, iv.client, iv.start, iv.end}));
    }
    auto periods = [&](const std::vector<QueuePeriod>& ps) {
      Json out = Json::array();
      for (const QueuePeriod& p : ps)
        if (auto it = rows.index.find({p.group, p.queue}); it != rows.index.end()) out.push_back(Json::array({it->second, p.start, p.end}));
      return out;
    };
    data["gantt"] = Json{{"mode", "queues"}, {"rows", names}, {"intervals", intervals}, {"dropped_intervals", dropped},
                         {"orphans", periods(t.orphans)}, {"overlaps", periods(t.overlaps)}};
    return;
  }
  // Aggregated rows: (group, topic, broker).
  std::map<std::tuple<GroupIndex, std::string, std::string>, std::size_t> aggIndex;
  std::vector<std::size_t> aggOfRow(rows.all.size());
  for (std::size_t i = 0; i < rows.all.size(); ++i) {
    const MessageQueue& mq = catalog.queues[static_cast<std::size_t>(rows.all[i].second)];
    aggOfRow[i] = aggIndex.emplace(std::make_tuple(rows.all[i].first, mq.topic, mq.brokerName), aggIndex.size()).first->second;
  }
  std::vector<std::size_t> size(aggIndex.size(), 0);
  for (std::size_t a : aggOfRow) ++size[a];
  std::vector<std::vector<double>> orphan(aggIndex.size(), std::vector<double>(kTimeBins, 0.0));
  std::vector<std::vector<double>> overlap = orphan, moves = orphan;
  for (const QueuePeriod& p : t.orphans) addToBins(orphan[aggOfRow[rows.index.at({p.group, p.queue})]], endMs, p.start, p.end, 1.0);
  for (const QueuePeriod& p : t.overlaps) addToBins(overlap[aggOfRow[rows.index.at({p.group, p.queue})]], endMs, p.start, p.end, 1.0);
  const double binMs = static_cast<double>(endMs) / static_cast<double>(kTimeBins);
  for (const OwnershipInterval& iv : t.intervals) {
    const auto a = aggOfRow[rows.index.at({catalog.clients[static_cast<std::size_t>(iv.client)].group, iv.queue})];
    moves[a][std::min(kTimeBins - 1, static_cast<std::size_t>(static_cast<double>(iv.start) / binMs))] += 1;
  }
  // Sorted like the queue rows (group, then topic, then broker) since aggIndex is a std::map.
  Json aggRows = Json::array();
  for (const auto& [key, a] : aggIndex) {
    if (aggRows.size() >= kHtmlMaxQueueRows) break;
    const double share = 1.0 / (binMs * static_cast<double>(size[a]));
    aggRows.push_back(Json{{"group", scenario.groups[static_cast<std::size_t>(std::get<0>(key))].name},
                           {"name", std::get<1>(key) + "@" + std::get<2>(key)}, {"queues", size[a]},
                           {"orphan", roundedBins(orphan[a], share)}, {"overlap", roundedBins(overlap[a], share)},
                           {"moves", roundedBins(moves[a], 1.0)}});
  }
  data["gantt"] = Json{{"mode", "aggregate"}, {"bins", kTimeBins}, {"rows", aggRows}, {"rows_total", aggIndex.size()}};
}

/// Load per client: step lines when few clients, else min / mean / max over running clients per tick.
Json loadData(const Timeline& t) {
  std::map<ClientIndex, Json> perClient;
  for (const LoadSample& l : t.loads) perClient[l.client];
  if (perClient.size() <= kHtmlMaxClientSeries && t.loads.size() <= kMaxLoadPoints) {
    for (const LoadSample& l : t.loads) perClient[l.client].push_back(Json::array({l.at, l.load}));
    Json series = Json::array();
    for (auto& [c, pts] : perClient) series.push_back(Json{{"client", c}, {"points", std::move(pts)}});
    return Json{{"mode", "clients"}, {"series", series}};
  }
  std::vector<SimTime> ticks = t.sampleTicks;
  if (ticks.empty() || ticks.back() != t.end) ticks.push_back(t.end);
  std::vector<std::int32_t> current(t.lifetimes.size(), 0);
  std::size_t next = 0;
  Json pts = Json::array();
  for (SimTime at : ticks) {
    for (; next < t.loads.size() && t.loads[next].at <= at; ++next) current[static_cast<std::size_t>(t.loads[next].client)] = t.loads[next].load;
    std::int32_t lo = 0, hi = 0;
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t c = 0; c < t.lifetimes.size(); ++c) {
      const auto [from, to] = t.lifetimes[c];
      if (from < 0 || from > at || (to >= 0 && to <= at)) continue;
      lo = n == 0 ? current[c] : std::min(lo, current[c]);
      hi = n == 0 ? current[c] : std::max(hi, current[c]);
      sum += current[c];
      ++n;
    }
    if (n > 0) pts.push_back(Json::array({at, lo, std::round(sum / static_cast<double>(n) * 100.0) / 100.0, hi}));
  }
  return Json{{"mode", "aggregate"}, {"points", pts}, {"clients", perClient.size()}};
}

}  // namespace

std::string renderHtmlReport(const Scenario& scenario, const Json& report, const Timeline& t, const RunCatalog& catalog) {
  Json data;
  data["report"] = capped(report);
  data["end_ms"] = t.end;
  Json clients = Json::array();
  for (const ClientInfo& c : catalog.clients)
    clients.push_back(Json{{"name", c.name}, {"id", c.clientId}, {"group", scenario.groups[static_cast<std::size_t>(c.group)].name}});
  data["clients"] = clients;
  ganttData(data, scenario, t, catalog);

  Json events = Json::array();
  for (const TimelineInstant& i : t.instants)
    if (i.client < 0) events.push_back(Json::array({i.at, i.detail}));
  data["events"] = events;
  // Client-side instants per time bin and kind (thousands of them would not fit as markers).
  std::map<std::string, std::vector<double>> activity;
  const SimTime endMs = std::max<SimTime>(1, t.end);
  for (const TimelineInstant& i : t.instants) {
    if (i.client < 0) continue;
    auto& bins = activity.try_emplace(i.kind, kTimeBins, 0.0).first->second;
    bins[std::min(kTimeBins - 1, static_cast<std::size_t>(static_cast<double>(i.at) * kTimeBins / static_cast<double>(endMs)))] += 1;
  }
  Json act = Json::object();
  for (const auto& [kind, bins] : activity) act[kind] = roundedBins(bins, 1.0);
  data["activity"] = Json{{"bins", kTimeBins}, {"kinds", act}, {"dropped", t.droppedInstants}};
  data["load"] = loadData(t);

  // Backlog per broker (all groups summed) at sample ticks.
  std::map<std::string, std::map<SimTime, std::int64_t>> backlog;
  for (const BacklogSample& b : t.backlog) backlog[catalog.queues[static_cast<std::size_t>(b.queue)].brokerName][b.at] += b.backlog;
  Json bl = Json::object();
  for (const auto& [broker, pts] : backlog) {
    Json arr = Json::array();
    for (const auto& [at, v] : pts) arr.push_back(Json::array({at, v}));
    bl[broker] = arr;
  }
  data["backlog"] = bl;

  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + xmlEscape(scenario.name) +
         " - rmq-rebalance-sim</title>\n<style>\n" + std::string(embeddedAsset("report.css")) + "</style>\n</head>\n<body>\n<h1>" +
         xmlEscape(scenario.name) + "</h1>\n<p class=\"desc\">" + xmlEscape(scenario.description) +
         "</p>\n<div id=\"app\"><p>This page needs JavaScript to draw its charts.</p></div>\n"
         "<script type=\"application/json\" id=\"data\">" +
         scriptSafe(data.dump(-1, ' ', false, Json::error_handler_t::replace)) + "</script>\n<script>\n" + std::string(embeddedAsset("report.js")) + "</script>\n</body>\n</html>\n";
}

}  // namespace rmqsim
