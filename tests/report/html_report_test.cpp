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

TEST_CASE("report/html/self-contained: inline style and script, nothing fetched") {
  const SyntheticRun s = syntheticRun();
  const std::string html = renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find(std::string(embeddedAsset("report.js"))) != std::string::npos);
  CHECK(html.find(std::string(embeddedAsset("report.css"))) != std::string::npos);
  CHECK_FALSE(embeddedAsset("report.js").empty());
  for (const char* remote : {"<script src", "<link", "@import", "https://", "//cdn"}) CHECK(html.find(remote) == std::string::npos);
  // url() only for in-page references (the orphan hatch pattern).
  for (auto p = html.find("url("); p != std::string::npos; p = html.find("url(", p + 1)) CHECK(html.compare(p, 5, "url(#") == 0);
  // The only http:// text is the SVG namespace the script passes to createElementNS.
  std::string rest = html;
  for (auto p = rest.find("http://www.w3.org/2000/svg"); p != std::string::npos; p = rest.find("http://www.w3.org/2000/svg"))
    rest.erase(p, 26);
  CHECK(rest.find("http://") == std::string::npos);
}

TEST_CASE("report/html/embedded data: one Gantt row per queue with bars, orphans, overlaps; load steps; backlog") {
  const SyntheticRun s = syntheticRun();
  const Json d = embeddedData(renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog));
  CHECK(d["end_ms"] == 20000);
  CHECK(d["report"]["summary"]["queue_moves"] == 4);
  const Json& g = d["gantt"];
  REQUIRE(g["mode"] == "queues");
  // Rows in MessageQueue order: "%RETRY%G" sorts before "T".
  CHECK(g["rows"] == Json::parse(R"([["G","%RETRY%G@b:0"],["G","T@b:0"],["G","T@b:1"],["G","T@b:2"],["G","T@b:3"]])"));
  CHECK(g["intervals"].size() == 9);
  CHECK(g["intervals"][0] == Json::parse("[1,0,1000,20000]"));
  CHECK(g["overlaps"].size() == 2);
  CHECK(g["orphans"].size() == 7);
  CHECK(d["events"] == Json::parse(R"([[13000,"kill G-1"]])"));
  CHECK(d["load"]["mode"] == "clients");
  CHECK(d["load"]["series"][0]["points"] == Json::parse("[[0,0],[1000,5],[6500,3],[12000,5]]"));
  CHECK(d["backlog"]["b"] == Json::parse("[[2000,160],[14000,10]]"));
  CHECK(d["activity"]["kinds"]["notify"].size() == 300);
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

TEST_CASE("report/html/many queues: aggregated rows by topic and broker, data size capped") {
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
  REQUIRE(g["mode"] == "aggregate");
  REQUIRE(g["rows"].size() == 3);  // %RETRY%G@b, T@b, T@c
  const Json& tc = g["rows"][2];
  CHECK(tc["name"] == "T@c");
  CHECK(tc["queues"] == 500);
  // T@c queues are orphan from 2 s (announced) to 3 s (owned): bins of 20000/300 ms, fully orphan in between.
  CHECK(tc["orphan"][31].get<double>() == doctest::Approx(1.0));
  CHECK(tc["orphan"][60].get<double>() == doctest::Approx(0.0));
  CHECK(tc["moves"][45] == 500);
  CHECK(d["report"]["assignment"]["G"].size() == 501);  // capped, with a note
  CHECK(html.size() < 200000);
}

TEST_CASE("report/html/same input gives the same bytes") {
  const SyntheticRun s = syntheticRun();
  CHECK(renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog) ==
        renderHtmlReport(s.scenario, sampleReport(), s.record(), s.catalog));
}
