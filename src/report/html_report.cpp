#include "report/html_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "report/embedded_assets.h"
#include "report/junit_report.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

std::string scriptSafe(std::string json) {
  // Inside <script>, "</" could close the element: escape it (JSON allows "\/").
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') out += "<\\/", ++i;
    else out += json[i];
  }
  return out;
}

}  // namespace

std::string renderHtmlReport(const Scenario& scenario, const Json& report, const Timeline& t, const RunCatalog& catalog) {
  Json data;
  Json r = report;
  r.erase("assignment");  // per-queue owners are in the Gantt; the full list is in --format json
  data["report"] = r;
  data["description"] = scenario.description;
  data["end_ms"] = t.end;

  // Gantt rows: the subscribable queues (every topic some group reads), in MessageQueue order.
  std::set<std::string> topics;
  for (const GroupSpec& g : scenario.groups) {
    for (const auto& s : g.subscribe) topics.insert(s);
    if (g.model == MessageModel::CLUSTERING) topics.insert("%RETRY%" + g.name);
  }
  std::set<QueueIndex> inScope;
  for (const auto& [topic, qs] : t.queueSets)
    if (topics.count(topic)) inScope.insert(qs.begin(), qs.end());
  for (const OwnershipInterval& iv : t.intervals) inScope.insert(iv.queue);
  std::vector<QueueIndex> rows(inScope.begin(), inScope.end());
  std::sort(rows.begin(), rows.end(), [&](QueueIndex a, QueueIndex b) {
    return catalog.queues[static_cast<std::size_t>(a)] < catalog.queues[static_cast<std::size_t>(b)];
  });
  data["queues_total"] = rows.size();
  if (rows.size() > kHtmlMaxQueueRows) rows.resize(kHtmlMaxQueueRows);
  std::map<QueueIndex, std::size_t> rowOf;
  Json queues = Json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rowOf[rows[i]] = i;
    const MessageQueue& mq = catalog.queues[static_cast<std::size_t>(rows[i])];
    queues.push_back(mq.topic + "@" + mq.brokerName + ":" + std::to_string(mq.queueId));
  }
  data["queues"] = queues;
  Json clients = Json::array();
  for (const ClientInfo& c : catalog.clients)
    clients.push_back(Json{{"name", c.name}, {"id", c.clientId}, {"group", scenario.groups[static_cast<std::size_t>(c.group)].name}});
  data["clients"] = clients;
  Json intervals = Json::array();
  for (const OwnershipInterval& iv : t.intervals) {
    auto it = rowOf.find(iv.queue);
    if (it == rowOf.end() || iv.end <= iv.start) continue;
    intervals.push_back(Json::array({it->second, iv.client, iv.start, iv.end}));
  }
  data["intervals"] = intervals;
  Json events = Json::array();
  for (const TimelineInstant& i : t.instants)
    if (i.client < 0) events.push_back(Json::array({i.at, i.detail}));
  data["events"] = events;

  // Load per client over time (at sample ticks); many clients: min / mean / max instead.
  std::map<ClientIndex, Json> perClient;
  std::map<SimTime, std::vector<std::int32_t>> perTick;
  for (const LoadSample& l : t.loads) {
    perClient[l.client].push_back(Json::array({l.at, l.load}));
    perTick[l.at].push_back(l.load);
  }
  if (perClient.size() <= kHtmlMaxClientSeries) {
    Json series = Json::array();
    for (auto& [c, pts] : perClient) series.push_back(Json{{"client", c}, {"points", pts}});
    data["load"] = Json{{"mode", "clients"}, {"series", series}};
  } else {
    Json pts = Json::array();
    for (const auto& [at, loads] : perTick) {
      double sum = 0;
      for (auto l : loads) sum += l;
      pts.push_back(Json::array({at, *std::min_element(loads.begin(), loads.end()), sum / static_cast<double>(loads.size()),
                                 *std::max_element(loads.begin(), loads.end())}));
    }
    data["load"] = Json{{"mode", "aggregate"}, {"points", pts}, {"clients", perClient.size()}};
  }
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

  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + xmlEscape(scenario.name) +
                     " - rmq-rebalance-sim</title>\n<style>\n" + std::string(embeddedAsset("report.css")) +
                     "</style>\n</head>\n<body>\n<h1>" + xmlEscape(scenario.name) + "</h1>\n<p class=\"desc\">" +
                     xmlEscape(scenario.description) + "</p>\n<div id=\"app\"><p>This page needs JavaScript to draw its charts.</p></div>\n"
                     "<script type=\"application/json\" id=\"data\">" + scriptSafe(data.dump()) + "</script>\n<script>\n" +
                     std::string(embeddedAsset("report.js")) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace rmqsim
