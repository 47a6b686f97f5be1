#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "report/chrome_trace.h"
#include "report/synthetic_timeline.h"

using namespace rmqsim;
using namespace rmqsim::test;
using Json = nlohmann::json;

namespace {

std::vector<Json> eventsWhere(const Json& doc, const std::string& ph) {
  std::vector<Json> out;
  for (const Json& e : doc["traceEvents"])
    if (e["ph"] == ph) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("report/chrome_trace/a process per group, a named track per client, virtual time in microseconds") {
  const SyntheticRun s = syntheticRun();
  const Json doc = Json::parse(renderChromeTrace(s.scenario, s.record(), s.catalog));
  CHECK(doc["displayTimeUnit"] == "ms");
  bool groupProcess = false, track0 = false, track1 = false;
  for (const Json& m : eventsWhere(doc, "M")) {
    if (m["name"] == "process_name" && m["pid"] == 1) groupProcess = m["args"]["name"] == "group G";
    if (m["name"] == "thread_name" && m["pid"] == 1 && m["tid"] == 1) track0 = m["args"]["name"] == "G-0 (10.0.0.1@1#0)";
    if (m["name"] == "thread_name" && m["pid"] == 1 && m["tid"] == 2) track1 = m["args"]["name"] == "G-1 (10.0.0.2@1#0)";
  }
  CHECK(groupProcess);
  CHECK(track0);
  CHECK(track1);
}

TEST_CASE("report/chrome_trace/slices are the stretches of one owned set") {
  const SyntheticRun s = syntheticRun();
  const Json doc = Json::parse(renderChromeTrace(s.scenario, s.record(), s.catalog));
  std::vector<std::tuple<int, std::int64_t, std::int64_t, std::int64_t>> slices;  // tid, ts, dur, count
  for (const Json& x : eventsWhere(doc, "X")) {
    CHECK(x["cat"] == "ownership");
    slices.emplace_back(x["tid"].get<int>(), x["ts"].get<std::int64_t>(), x["dur"].get<std::int64_t>(), x["args"]["count"].get<std::int64_t>());
  }
  // G-0: 5 queues 1-6.5 s, 3 queues 6.5-12 s, 5 queues 12-20 s; G-1: 2 queues 6-10 s.
  const std::vector<std::tuple<int, std::int64_t, std::int64_t, std::int64_t>> want = {
      {1, 1000000, 5500000, 5}, {1, 6500000, 5500000, 3}, {1, 12000000, 8000000, 5}, {2, 6000000, 4000000, 2}};
  CHECK(slices == want);
  const auto x = eventsWhere(doc, "X");
  CHECK(x[3]["name"] == "2 queues: T@b[2-3]");
}

TEST_CASE("report/chrome_trace/instants for rebalances, notifications, lifecycle and scenario events; counters") {
  const SyntheticRun s = syntheticRun();
  const Json doc = Json::parse(renderChromeTrace(s.scenario, s.record(), s.catalog));
  int notify = 0, rebalance = 0, global = 0;
  for (const Json& i : eventsWhere(doc, "i")) {
    if (i["name"] == "notify") notify += i["ts"] == 5001000 && i["tid"] == 1 && i["s"] == "t";
    if (i["name"] == "rebalance") rebalance += i["ts"] == 1000000;
    if (i["s"] == "g") global += i["name"] == "kill G-1" && i["pid"] == 0 && i["ts"] == 13000000;
  }
  CHECK(notify == 1);
  CHECK(rebalance == 1);
  CHECK(global == 1);
  const auto counters = eventsWhere(doc, "C");
  bool backlog = false, orphan = false;
  for (const Json& c : counters) {
    if (c["name"] == "backlog (messages)" && c["ts"] == 2000000) backlog = c["args"]["b"] == 160;
    if (c["name"] == "orphan queues" && c["ts"] == 10000000) orphan = c["args"]["queues"] == 2;
  }
  CHECK(backlog);
  CHECK(orphan);
}

TEST_CASE("report/chrome_trace/same input gives the same bytes") {
  const SyntheticRun s = syntheticRun();
  CHECK(renderChromeTrace(s.scenario, s.record(), s.catalog) == renderChromeTrace(s.scenario, s.record(), s.catalog));
}
