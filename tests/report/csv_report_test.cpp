#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/csv_report.h"
#include "report/synthetic_timeline.h"

using namespace rmqsim;
using namespace rmqsim::test;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("rmqsim_csv_test_" + name);
  fs::remove_all(dir);
  return dir / "nested";  // writeCsvTimelines creates missing parents
}

}  // namespace

TEST_CASE("report/csv/timelines: ownership changes, load steps, backlog, periods, events") {
  const SyntheticRun s = syntheticRun();
  const fs::path dir = freshDir("basic");
  writeCsvTimelines(dir.string(), s.scenario, s.record(), s.catalog);

  const auto own = lines(slurp(dir / "ownership.csv"));
  REQUIRE(own.size() == 1 + 9 + 4);  // 9 gains; losses of c0 q2,q3 at 6.5 s and c1 q2,q3 at 10 s (none at the end)
  CHECK(own[0] == "t_ms,group,client,topic,broker,queue_id,change");
  CHECK(own[1] == "1000,G,G-0,T,b,0,gain");
  CHECK(own[5] == "1000,G,G-0,%RETRY%G,b,0,gain");
  CHECK(own[6] == "6000,G,G-1,T,b,2,gain");
  CHECK(own[8] == "6500,G,G-0,T,b,2,loss");
  CHECK(own[10] == "10000,G,G-1,T,b,2,loss");
  CHECK(own.back() == "12000,G,G-0,T,b,3,gain");

  const auto load = lines(slurp(dir / "load.csv"));
  CHECK(load == std::vector<std::string>{"t_ms,group,client,load", "0,G,G-0,0", "1000,G,G-0,5", "5000,G,G-1,0", "6000,G,G-1,2",
                                         "6500,G,G-0,3", "10000,G,G-1,0", "12000,G,G-0,5"});

  const auto backlog = lines(slurp(dir / "backlog.csv"));
  CHECK(backlog == std::vector<std::string>{"t_ms,group,topic,broker,queue_id,backlog", "2000,G,T,b,0,60", "2000,G,T,b,1,100",
                                            "14000,G,T,b,0,0", "14000,G,T,b,1,10"});

  const auto periods = lines(slurp(dir / "periods.csv"));
  REQUIRE(periods.size() == 1 + 7 + 2);
  CHECK(periods[0] == "start_ms,end_ms,group,topic,broker,queue_id,kind");
  CHECK(periods[1] == "0,1000,G,T,b,0,orphan");
  CHECK(std::find(periods.begin(), periods.end(), "6000,6500,G,T,b,2,overlap") != periods.end());
  CHECK(periods.back() == "10000,12000,G,T,b,3,orphan");

  const auto events = lines(slurp(dir / "events.csv"));
  CHECK(events[0] == "t_ms,kind,client,detail");
  CHECK(events[1] == "0,started,G-0,");
  CHECK(events.back() == "13000,event,,kill G-1");
  fs::remove_all(dir.parent_path());
}

TEST_CASE("report/csv/names with commas and quotes are quoted") {
  const SyntheticRun s = syntheticRun("G,\"x\"", "c,");
  const fs::path dir = freshDir("quoting");
  writeCsvTimelines(dir.string(), s.scenario, s.record(), s.catalog);
  const auto own = lines(slurp(dir / "ownership.csv"));
  CHECK(own[1] == "1000,\"G,\"\"x\"\"\",\"c,0\",T,b,0,gain");
  CHECK(own[5] == "1000,\"G,\"\"x\"\"\",\"c,0\",\"%RETRY%G,\"\"x\"\"\",b,0,gain");
  fs::remove_all(dir.parent_path());
}

TEST_CASE("report/csv/the same timeline writes the same bytes") {
  const SyntheticRun s = syntheticRun();
  const fs::path a = freshDir("det_a"), b = freshDir("det_b");
  writeCsvTimelines(a.string(), s.scenario, s.record(), s.catalog);
  writeCsvTimelines(b.string(), s.scenario, s.record(), s.catalog);
  for (const char* f : {"ownership.csv", "load.csv", "backlog.csv", "periods.csv", "events.csv"}) CHECK(slurp(a / f) == slurp(b / f));
  fs::remove_all(a.parent_path());
  fs::remove_all(b.parent_path());
}

TEST_CASE("report/csv/events table: usual columns first, extra keys after, null and missing empty") {
  const auto report = nlohmann::ordered_json::parse(R"({"events": [
      {"at_ms": 60000, "action": "start", "target": "a,b", "convergence_s": null, "queue_moves": 4, "longest_orphan_s": {"b": 1.5, "c": 2}},
      {"at_ms": 90000, "action": "kill", "queue_moves": 2, "note": "x", "groups": ["g", "h"]}]})");
  const auto rows = lines(renderEventsCsv(report));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] ==
        "at_ms,action,target,convergence_s,queue_moves,min_moves,excess_moves,overlap_queue_s,orphan_queue_s,duplicates,skipped_messages,longest_orphan_s,note,groups");
  CHECK(rows[1] == "60000,start,\"a,b\",,4,,,,,,,b=1.5 c=2,,");
  CHECK(rows[2] == "90000,kill,,,2,,,,,,,,x,g h");
  CHECK(lines(renderEventsCsv(nlohmann::ordered_json::object())).size() == 1);
}
