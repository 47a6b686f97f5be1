#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "report/embedded_assets.h"
#include "report/html_report.h"
#include "report/synthetic_timeline.h"

using namespace rmqsim;
using namespace rmqsim::test;
using Json = nlohmann::ordered_json;

namespace {

Json sampleReport() {
  return Json::parse(R"({"scenario": "synthetic", "seed": 7, "profile": "rocketmq-5", "duration_ms": 20000,
      "summary": {"queue_moves": 4, "orphan_queue_s": 14.0},
      "final": {"excess_imbalance": 0, "groups": {"G": {"consumers": 1, "topics": {"T": {"queues": 4}}}}},
      "events": [{"at_ms": 13000, "action": "kill", "target": "G-1"}],
      "assignment": {"G": {"T@b:0": "G-0"}}})");
}

/// The JSON blob the page's script draws from.
Json embeddedData(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"data\">";
  const auto from = html.find(open);
  REQUIRE(from != std::string::npos);
  const auto to = html.find("</script>", from);
  REQUIRE(to != std::string::npos);
  return Json::parse(html.substr(from + open.size(), to - from - open.size()));
}

}  // namespace

TEST_CASE("report/html/self-contained: inline style, scripts and the vendored uPlot, nothing fetched") {
  const SyntheticRun s = syntheticRun();
  const std::string html = renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* asset : {"report_core.js", "report_gantt.js", "report_charts.js", "report.js", "report.css", "uPlot.iife.min.js", "uPlot.min.css"}) {
    CAPTURE(asset);
    CHECK_FALSE(embeddedAsset(asset).empty());
    CHECK(html.find(std::string(embeddedAsset(asset))) != std::string::npos);
  }
  // The page's scripts run in dependency order: core, Gantt, charts, layout; uPlot before them.
  const auto at = [&](const char* asset) { return html.find(std::string(embeddedAsset(asset))); };
  CHECK(at("uPlot.iife.min.js") < at("report_core.js"));
  CHECK(at("report_core.js") < at("report_gantt.js"));
  CHECK(at("report_gantt.js") < at("report_charts.js"));
  CHECK(at("report_charts.js") < at("report.js"));
  // The only URL is the one in uPlot's licence banner comment; nothing is loaded from anywhere.
  std::string rest = html;
  const std::string banner = "/*! https://github.com/leeoniya/uPlot";
  REQUIRE(rest.find(banner) != std::string::npos);
  rest.erase(rest.find(banner), banner.size());
  for (const char* remote : {"<script src", "<link", "@import", "https://", "http://", "//cdn", "url("}) {
    CAPTURE(remote);
    CHECK(rest.find(remote) == std::string::npos);
  }
}

TEST_CASE("report/html/embedded data: compact Gantt rows and bars, interned names; load steps; backlog") {
  const SyntheticRun s = syntheticRun();
  const Json d = embeddedData(renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog));
  CHECK(d["end_ms"] == 20000);
  CHECK(d["report"]["summary"]["queue_moves"] == 4);
  CHECK(d["clients"]["names"] == Json::parse(R"(["G-0","G-1"])"));
  CHECK(d["clients"]["group"] == Json::parse("[0,0]"));
  const Json& g = d["gantt"];
  CHECK(g["groups"] == Json::parse(R"(["G"])"));
  CHECK(g["topics"] == Json::parse(R"(["%RETRY%G","T"])"));
  CHECK(g["brokers"] == Json::parse(R"(["b"])"));
  // Rows (group, topic, broker, queue id) in MessageQueue order: "%RETRY%G" sorts before "T".
  CHECK(g["rows"] == Json::parse("[0,0,0,0, 0,1,0,0, 0,1,0,1, 0,1,0,2, 0,1,0,3]"));
  CHECK(g["rows_dropped"] == 0);
  // Bars (row, client, start, end): G-0 owns T@b:0 (row 1) from 1 s to the end.
  REQUIRE(g["intervals"].size() == 9 * 4);
  CHECK(Json(std::vector<Json>(g["intervals"].begin(), g["intervals"].begin() + 4)) == Json::parse("[1,0,1000,20000]"));
  CHECK(g["dropped_intervals"] == 0);
  // Overlaps and orphans (row, start, end): G-1 and G-0 both own T@b:2 and T@b:3 from 6 s to 6.5 s.
  CHECK(g["overlaps"].size() == 2 * 3);
  CHECK(Json(std::vector<Json>(g["overlaps"].begin(), g["overlaps"].begin() + 3)) == Json::parse("[3,6000,6500]"));
  CHECK(g["orphans"].size() == 7 * 3);
  CHECK(d["events"] == Json::parse(R"([[13000,"kill G-1"]])"));
  CHECK(d["load"]["mode"] == "clients");
  CHECK(d["load"]["series"][0]["points"] == Json::parse("[[0,0],[1000,5],[6500,3],[12000,5]]"));
  CHECK(d["backlog"]["b"] == Json::parse("[[2000,160],[14000,10]]"));
  CHECK(d["activity"]["kinds"]["notify"].size() == 1000);
  CHECK(d["activity"]["kinds"]["notify"][250] == 1);  // 5001 ms in slices of 20 ms
}

TEST_CASE("report/html/scenario text is escaped in the markup and cannot close the data script") {
  SyntheticRun s = syntheticRun();
  s.scenario.name = "<b>x</b>";
  s.scenario.description = "</script><script>alert(1)</script> & more";
  Json report = sampleReport();
  report["events"][0]["target"] = "</script><img src=x onerror=alert(1)>";
  const std::string html = renderHtmlReport(s.scenario, report, s.record(), s.catalog);
  CHECK(html.find("<h1>&lt;b&gt;x&lt;/b&gt;</h1>") != std::string::npos);
  CHECK(html.find("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more") != std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  // The blob still parses back to the original text.
  CHECK(embeddedData(html)["report"]["events"][0]["target"] == "</script><img src=x onerror=alert(1)>");
}

TEST_CASE("report/html/many queues: still one row per queue, as flat integer arrays") {
  SyntheticRun s = syntheticRun();
  s.events.pop_back();  // run end
  // 1,000 more queues of T on two brokers, all owned by G-0 from 3 s on.
  std::vector<QueueIndex> all = {0, 1, 2, 3};
  for (int i = 0; i < 1000; ++i) {
    s.catalog.queues.push_back(MessageQueue{"T", i % 2 ? "b" : "c", 4 + i});
    all.push_back(static_cast<QueueIndex>(s.catalog.queues.size() - 1));
  }
  s.events.push_back(EvQueueSetChanged{2000, "T", all});
  for (std::size_t i = 4; i < all.size(); ++i) s.events.push_back(EvQueueAdded{3000, 0, all[i]});
  s.events.push_back(EvRunEnd{20000, false});
  Json report = sampleReport();
  for (int i = 0; i < 2000; ++i) report["assignment"]["G"][std::string("q").append(std::to_string(i))] = "G-0";
  const std::string html = renderHtmlReport(s.scenario, report, s.record(), s.catalog);
  const Json d = embeddedData(html);
  CHECK(d["queues_total"] == 1005);
  const Json& g = d["gantt"];
  REQUIRE(g["rows"].size() == 1005 * 4);
  CHECK(g["brokers"] == Json::parse(R"(["b","c"])"));  // interned once, in row order
  // The last row is T@c:1002 (queue ids sort numerically within a broker).
  CHECK(Json(std::vector<Json>(g["rows"].end() - 4, g["rows"].end())) == Json::parse("[0,1,1,1002]"));
  CHECK(g["intervals"].size() == (9 + 1000) * 4);
  // T@c queues are orphan from 2 s (announced) to 3 s (owned).
  bool found = false;
  for (std::size_t i = 0; i < g["orphans"].size(); i += 3)
    if (g["orphans"][i] == 1004) found = g["orphans"][i + 1] == 2000 && g["orphans"][i + 2] == 3000;
  CHECK(found);
  CHECK(d["report"]["assignment"]["G"].size() == 501);  // capped, with a note
  CHECK(html.size() < 200000);  // about 20 bytes per queue and per bar
}

TEST_CASE("report/html/beyond kHtmlMaxQueueRows queues: the rest are counted, not drawn") {
  SyntheticRun s = syntheticRun();
  s.events.pop_back();  // run end
  std::vector<QueueIndex> all = {0, 1, 2, 3};
  for (std::size_t i = 0; i + 4 < kHtmlMaxQueueRows + 10; ++i) {
    s.catalog.queues.push_back(MessageQueue{"T", "b", static_cast<int>(4 + i)});
    all.push_back(static_cast<QueueIndex>(s.catalog.queues.size() - 1));
  }
  s.events.push_back(EvQueueSetChanged{2000, "T", all});
  s.events.push_back(EvQueueAdded{3000, 0, all.back()});  // the last queue's bar is beyond the cap
  s.events.push_back(EvRunEnd{20000, false});
  const Json d = embeddedData(renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog));
  CHECK(d["queues_total"] == kHtmlMaxQueueRows + 11);  // + the retry queue
  CHECK(d["gantt"]["rows"].size() == 4 * kHtmlMaxQueueRows);
  CHECK(d["gantt"]["rows_dropped"] == 11);
  CHECK(d["gantt"]["dropped_intervals"] == 1);
  CHECK(d["gantt"]["intervals"].size() == 9 * 4);
}

TEST_CASE("report/html/same input gives the same bytes") {
  const SyntheticRun s = syntheticRun();
  CHECK(renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog) ==
        renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog));
}
