#include "report/html_report.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "report/embedded_assets.h"
#include "report/junit_report.h"
#include "util/atomic_file.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kTimeBins = 1000;         ///< slices of the client-activity chart
constexpr std::size_t kMaxIntervals = 300000;   ///< Gantt bars embedded; beyond, the page says so
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

/// The page's own scripts, in dependency order (src/report/assets).
std::string pageScripts() {
  std::string out;
  for (const char* name : {"report_core.js", "report_gantt.js", "report_charts.js", "report.js"})
    out += "<script>\n" + std::string(embeddedAsset(name)) + "</script>\n";
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
  t.forEachChange([&](const OwnerChange& ch) {
    if (ch.gain) seen.emplace(catalog.clients[static_cast<std::size_t>(ch.client)].group, ch.queue);
  });
  t.forEachOrphan([&](const QueuePeriod& p) { seen.emplace(p.group, p.queue); });
  Rows r;
  r.all.assign(seen.begin(), seen.end());
  std::sort(r.all.begin(), r.all.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return catalog.queues[static_cast<std::size_t>(a.second)] < catalog.queues[static_cast<std::size_t>(b.second)];
  });
  for (std::size_t i = 0; i < r.all.size(); ++i) r.index[r.all[i]] = i;
  return r;
}

Json roundedBins(const std::vector<double>& bins, double scale) {
  Json out = Json::array();
  for (double v : bins) out.push_back(std::round(v * scale * 1000.0) / 1000.0);
  return out;
}

/// Index of `name` in `names`, appending it when new (names interned once, rows refer to them).
std::size_t intern(std::map<std::string, std::size_t>& index, Json& names, const std::string& name) {
  const auto [it, added] = index.emplace(name, index.size());
  if (added) names.push_back(name);
  return it->second;
}

/// The Gantt's three long arrays stand in the page's JSON as these strings until written: they
/// are streamed from the timeline instead of held as JSON values (about 50 bytes a number).
/// Only a string value equal to a marker dumps as the marker in quotes; no name is one.
constexpr const char* kIntervalsMarker = "@@rmqsim:gantt.intervals@@";
constexpr const char* kOrphansMarker = "@@rmqsim:gantt.orphans@@";
constexpr const char* kOverlapsMarker = "@@rmqsim:gantt.overlaps@@";

struct Bar {
  std::size_t opened, row;
  ClientIndex client;
  SimTime start, end;
  bool operator<(const Bar& o) const { return opened < o.opened; }
};

/// What the markers stand for: the bars kept (at most kMaxIntervals) and the rows the periods map to.
struct GanttStreams {
  Rows rows;
  std::size_t shown = 0;
  std::vector<Bar> kept;  ///< in opening order
};

/// Gantt data, one row per (group, queue), compact for large fleets: names interned, rows and
/// bars as flat integer arrays (rows: group, topic, broker, queue id; intervals: row, client,
/// start, end; orphans / overlaps: row, start, end). The page draws them on a canvas.
GanttStreams ganttData(Json& data, const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  GanttStreams g{gatherRows(scenario, t, catalog), 0, {}};
  const Rows& rows = g.rows;
  data["queues_total"] = rows.all.size();
  const std::size_t shown = g.shown = std::min(rows.all.size(), kHtmlMaxQueueRows);
  std::map<std::string, std::size_t> topicIndex, brokerIndex;
  Json topics = Json::array(), brokers = Json::array(), rowArr = Json::array();
  for (std::size_t i = 0; i < shown; ++i) {
    const MessageQueue& mq = catalog.queues[static_cast<std::size_t>(rows.all[i].second)];
    rowArr.push_back(rows.all[i].first);
    rowArr.push_back(intern(topicIndex, topics, mq.topic));
    rowArr.push_back(intern(brokerIndex, brokers, mq.brokerName));
    rowArr.push_back(mq.queueId);
  }
  // Bars in opening order, the first kMaxIntervals of the shown rows: intervals are decoded as
  // they close, so the kept ones are the lowest opening numbers so far (a heap of at most
  // kMaxIntervals), sorted at the end.
  std::vector<Bar>& kept = g.kept;
  std::size_t dropped = 0, opened = 0;
  std::map<std::pair<ClientIndex, QueueIndex>, std::pair<std::size_t, SimTime>> open;
  auto close = [&](ClientIndex c, QueueIndex q, std::size_t number, SimTime start, SimTime end) {
    if (end <= start) return;
    const auto row = rows.index.at({catalog.clients[static_cast<std::size_t>(c)].group, q});
    if (row >= shown) {
      ++dropped;
      return;
    }
    if (kept.size() == kMaxIntervals) {
      ++dropped;
      if (number > kept.front().opened) return;
      std::pop_heap(kept.begin(), kept.end());
      kept.pop_back();
    }
    kept.push_back(Bar{number, row, c, start, end});
    std::push_heap(kept.begin(), kept.end());
  };
  t.forEachChange([&](const OwnerChange& ch) {
    if (ch.gain) {
      open[{ch.client, ch.queue}] = {opened++, ch.at};
    } else if (auto it = open.find({ch.client, ch.queue}); it != open.end()) {
      close(ch.client, ch.queue, it->second.first, it->second.second, ch.at);
      open.erase(it);
    }
  });
  std::sort(kept.begin(), kept.end());
  Json groups = Json::array();
  for (const GroupSpec& gs : scenario.groups) groups.push_back(gs.name);
  data["gantt"] = Json{{"groups", groups}, {"topics", topics}, {"brokers", brokers}, {"rows", rowArr},
                       {"rows_dropped", rows.all.size() - shown}, {"intervals", kIntervalsMarker}, {"dropped_intervals", dropped},
                       {"orphans", kOrphansMarker}, {"overlaps", kOverlapsMarker}};
  return g;
}

/// Writes a marker's array as the JSON dump would: integers joined by commas, in pieces.
void streamGanttArray(const std::string& marker, const GanttStreams& g, const Timeline& t, const std::function<void(std::string_view)>& out) {
  std::string buf = "[";
  bool first = true;
  auto number = [&](SimTime v) {
    if (!first) buf += ',';
    first = false;
    char digits[24];
    buf.append(digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, v).ptr - digits));
    if (buf.size() >= (1u << 20)) out(buf), buf.clear();
  };
  if (marker == kIntervalsMarker) {
    for (const Bar& b : g.kept)
      for (const SimTime v : {static_cast<SimTime>(b.row), static_cast<SimTime>(b.client), b.start, b.end}) number(v);
  } else {
    auto add = [&](const QueuePeriod& p) {
      if (auto it = g.rows.index.find({p.group, p.queue}); it != g.rows.index.end() && it->second < g.shown)
        for (const SimTime v : {static_cast<SimTime>(it->second), p.start, p.end}) number(v);
    };
    if (marker == kOrphansMarker) t.forEachOrphan(add);
    else t.forEachOverlap(add);
  }
  buf += ']';
  out(buf);
}

/// Load per client: step lines when few clients, else min / mean / max over running clients per tick.
Json loadData(const Timeline& t) {
  std::map<ClientIndex, Json> perClient;
  t.forEachLoad([&](const LoadSample& l) { perClient[l.client]; });
  if (perClient.size() <= kHtmlMaxClientSeries && t.loadCount <= kMaxLoadPoints) {
    t.forEachLoad([&](const LoadSample& l) { perClient[l.client].push_back(Json::array({l.at, l.load})); });
    Json series = Json::array();
    for (auto& [c, pts] : perClient) series.push_back(Json{{"client", c}, {"points", std::move(pts)}});
    return Json{{"mode", "clients"}, {"series", series}};
  }
  std::vector<SimTime> ticks = t.sampleTicks;
  if (ticks.empty() || ticks.back() != t.end) ticks.push_back(t.end);
  std::vector<std::int32_t> current(t.lifetimes.size(), 0);
  std::size_t next = 0;
  Json pts = Json::array();
  auto point = [&](SimTime at) {
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
  };
  // Each tick sees the steps up to it: steps are in time order, ticks too.
  t.forEachLoad([&](const LoadSample& l) {
    for (; next < ticks.size() && ticks[next] < l.at; ++next) point(ticks[next]);
    current[static_cast<std::size_t>(l.client)] = l.load;
  });
  for (; next < ticks.size(); ++next) point(ticks[next]);
  return Json{{"mode", "aggregate"}, {"points", pts}, {"clients", perClient.size()}};
}

}  // namespace

void streamHtmlReport(const Scenario& scenario, const Json& report, const Timeline& t, const RunCatalog& catalog,
                      const std::function<void(std::string_view)>& out) {
  Json data;
  data["report"] = capped(report);
  data["end_ms"] = t.end;
  Json names = Json::array(), ids = Json::array(), groupOf = Json::array();
  for (const ClientInfo& c : catalog.clients) {
    names.push_back(c.name);
    ids.push_back(c.clientId);
    groupOf.push_back(c.group);
  }
  data["clients"] = Json{{"names", names}, {"ids", ids}, {"group", groupOf}};
  const GanttStreams gantt = ganttData(data, scenario, t, catalog);

  Json events = Json::array();
  // Client-side instants per time bin and kind (thousands of them would not fit as markers).
  std::map<std::string, std::vector<double>> activity;
  const SimTime endMs = std::max<SimTime>(1, t.end);
  t.forEachInstant([&](const InstantRef& i) {
    if (i.client < 0) {
      events.push_back(Json::array({i.at, i.detail}));
      return;
    }
    auto& bins = activity.try_emplace(i.kind, kTimeBins, 0.0).first->second;
    bins[std::min(kTimeBins - 1, static_cast<std::size_t>(static_cast<double>(i.at) * kTimeBins / static_cast<double>(endMs)))] += 1;
  });
  data["events"] = events;
  Json act = Json::object();
  for (const auto& [kind, bins] : activity) act[kind] = roundedBins(bins, 1.0);
  data["activity"] = Json{{"bins", kTimeBins}, {"kinds", act}, {"dropped", t.droppedInstants}};
  data["load"] = loadData(t);

  // Backlog per broker (all groups summed) at sample ticks.
  std::map<std::string, std::map<SimTime, std::int64_t>> backlog;
  t.forEachBacklog([&](const BacklogSample& b) { backlog[catalog.queues[static_cast<std::size_t>(b.queue)].brokerName][b.at] += b.backlog; });
  Json bl = Json::object();
  for (const auto& [broker, pts] : backlog) {
    Json arr = Json::array();
    for (const auto& [at, v] : pts) arr.push_back(Json::array({at, v}));
    bl[broker] = arr;
  }
  data["backlog"] = bl;

  out("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + xmlEscape(scenario.name) +
      " - rmq-rebalance-sim</title>\n<style>\n" + std::string(embeddedAsset("uPlot.min.css")) + "\n" +
      std::string(embeddedAsset("report.css")) + "</style>\n</head>\n<body>\n<h1>" + xmlEscape(scenario.name) +
      "</h1>\n<p class=\"desc\">" + xmlEscape(scenario.description) +
      "</p>\n<div id=\"app\"><p>This page needs JavaScript to draw its charts.</p></div>\n"
      "<script type=\"application/json\" id=\"data\">");
  // The data with the markers, cut at each (in the order they appear) for its streamed array.
  const std::string json = scriptSafe(data.dump(-1, ' ', false, Json::error_handler_t::replace));
  std::vector<std::pair<std::size_t, std::string>> cuts;
  for (const char* m : {kIntervalsMarker, kOrphansMarker, kOverlapsMarker}) {
    std::string quoted(1, '"');
    quoted.append(m).push_back('"');
    if (const std::size_t at = json.find(quoted); at != std::string::npos) cuts.emplace_back(at, m);
  }
  std::sort(cuts.begin(), cuts.end());
  std::size_t from = 0;
  for (const auto& [at, marker] : cuts) {
    out(std::string_view(json).substr(from, at - from));
    streamGanttArray(marker, gantt, t, out);
    from = at + marker.size() + 2;
  }
  out(std::string_view(json).substr(from));
  out("</script>\n<script>\n" + std::string(embeddedAsset("uPlot.iife.min.js")) + "\n</script>\n" + pageScripts() + "</body>\n</html>\n");
}

void writeHtmlReport(const std::string& path, const Scenario& scenario, const Json& report, const Timeline& t,
                     const RunCatalog& catalog) {
  AtomicFileWriter file(path);
  streamHtmlReport(scenario, report, t, catalog, [&](std::string_view piece) { file.write(piece); });
  file.commit();
}

std::string renderHtmlReport(const Scenario& scenario, const Json& report, const Timeline& t, const RunCatalog& catalog) {
  std::string page;
  streamHtmlReport(scenario, report, t, catalog, [&](std::string_view piece) { page.append(piece); });
  return page;
}

}  // namespace rmqsim
