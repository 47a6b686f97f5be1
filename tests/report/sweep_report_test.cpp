#include <doctest/doctest.h>

#include "report/sweep_report.h"

using namespace rmqsim;
using Json = nlohmann::ordered_json;

namespace {

Json fakeReport(double moves, double excess, double idle, std::optional<double> convergence) {
  Json r;
  r["summary"] = {{"queue_moves", moves}, {"overlap_queue_s", 0}, {"orphan_queue_s", moves / 2}, {"duplicates", 0}, {"max_lag", 1}};
  r["final"] = {{"excess_imbalance", excess}, {"idle_consumers", idle}, {"jain_index", 1.0}, {"complete", true}};
  Json ev = {{"min_moves", 2}, {"excess_moves", moves - 2}};
  ev["convergence_s"] = convergence ? Json(*convergence) : Json(nullptr);
  r["events"] = Json::array({ev});
  return r;
}

}  // namespace

TEST_CASE("report/sweep/rows hold mean and p95 over seeds; a never-converged seed makes null") {
  const auto grid = buildGrid({parseVary("groups.0.clients=2")});
  const Json row = sweepRow(grid[0], {parseVary("groups.0.clients=2")},
                            {fakeReport(4, 0, 0, 1.0), fakeReport(8, 0, 0, 3.0), fakeReport(6, 0, 0, 2.0)});
  CHECK(row["metrics"]["queue_moves"]["mean"].get<double>() == 6);
  CHECK(row["metrics"]["queue_moves"]["p95"].get<double>() == 8);
  CHECK(row["metrics"]["max_convergence_s"]["mean"].get<double>() == 2);
  const Json never = sweepRow(grid[0], {parseVary("groups.0.clients=2")}, {fakeReport(4, 0, 0, std::nullopt)});
  CHECK(never["metrics"]["max_convergence_s"]["mean"].is_null());
}

TEST_CASE("report/sweep/summary: smallest queue count per client count and the best strategy") {
  const std::vector<VaryAxis> axes = {parseVary("groups.0.clients=4,8"), parseVary("brokers.*.topics.orders.queues=2,4,8"),
                                      parseVary("groups.0.strategy=AVG,CONSISTENT_HASH")};
  const auto grid = buildGrid(axes);
  REQUIRE(grid.size() == 12);
  Json rows = Json::array();
  for (const GridPoint& p : grid) {
    const double clients = std::stod(p.values[0]), queues = 2 * std::stod(p.values[1]);
    const bool hash = p.values[2] == "CONSISTENT_HASH";
    const double idle = queues < clients ? clients - queues : 0;
    const double excess = hash ? 1 : (static_cast<int>(queues) % static_cast<int>(clients) == 0 ? 0 : 0);
    rows.push_back(sweepRow(p, axes, {fakeReport(hash ? 3 : 10, excess, idle, 1.0)}));
  }
  const Json doc = sweepDocument(sweepHeader("s.yaml", "s", 1, 1, axes, grid.size()), rows, std::nullopt);
  const Json& s = doc["summary"];
  REQUIRE(s.contains("smallest_queues_per_client_count"));
  const Json& first = s["smallest_queues_per_client_count"][0];  // clients 4, AVG
  CHECK(first["groups.0.clients"] == "4");
  CHECK(first["smallest_brokers.*.topics.orders.queues"].get<double>() == 2);
  CHECK(s["smallest_queues_per_client_count"][1]["smallest_brokers.*.topics.orders.queues"].is_null());  // hash: never even
  CHECK(s["smallest_queues_per_client_count"][2]["smallest_brokers.*.topics.orders.queues"].get<double>() == 4);  // 8 clients
  CHECK(s["fewest_moves"] == "CONSISTENT_HASH");
  const std::string table = renderSweepTable(doc);
  CHECK(table.find("fewest moves: CONSISTENT_HASH") != std::string::npos);
  const std::string csv = renderSweepCsv(doc);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 13);
  CHECK(renderSweepHtml(doc).find("<table>") != std::string::npos);
}

TEST_CASE("report/sweep/a sharded document has no summary; merged rows give the unsharded document") {
  const std::vector<VaryAxis> axes = {parseVary("groups.0.clients=1..4")};
  const auto grid = buildGrid(axes);
  Json all = Json::array(), s0 = Json::array(), s1 = Json::array();
  for (const auto& p : grid) {
    Json row = sweepRow(p, axes, {fakeReport(static_cast<double>(p.index), 0, 0, 1.0)});
    all.push_back(row);
    (inShard(p, Shard{0, 2}) ? s0 : s1).push_back(row);
  }
  const Json header = sweepHeader("s.yaml", "s", 7, 1, axes, grid.size());
  const Json shard = sweepDocument(header, s0, Shard{0, 2});
  CHECK_FALSE(shard.contains("summary"));
  CHECK(shard["shard"] == "0/2");
  Json merged = Json::array();
  for (std::size_t i = 0; i < grid.size(); ++i) merged.push_back(i % 2 == 0 ? s0[i / 2] : s1[i / 2]);
  CHECK(sweepDocument(header, merged, std::nullopt).dump() == sweepDocument(header, all, std::nullopt).dump());
}
