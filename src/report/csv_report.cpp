#include "report/csv_report.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <tuple>

#include "util/atomic_file.h"

namespace rmqsim {

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void writeCsvTimelines(const std::string& dir, const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create the CSV directory " + dir + ": " + ec.message());
  auto groupName = [&](GroupIndex g) { return csvField(scenario.groups[static_cast<std::size_t>(g)].name); };
  auto clientName = [&](ClientIndex c) { return csvField(catalog.clients[static_cast<std::size_t>(c)].name); };
  auto queueCols = [&](QueueIndex q) {
    const MessageQueue& mq = catalog.queues[static_cast<std::size_t>(q)];
    return csvField(mq.topic) + "," + csvField(mq.brokerName) + "," + std::to_string(mq.queueId);
  };

  // ownership.csv: one row per change, in time order (gains before losses at the same instant
  // keep the file's order stable: by time, then client, then queue).
  std::vector<std::tuple<SimTime, ClientIndex, QueueIndex, int>> rows;
  for (const OwnershipInterval& iv : t.intervals) {
    rows.emplace_back(iv.start, iv.client, iv.queue, 0);
    if (iv.end < t.end) rows.emplace_back(iv.end, iv.client, iv.queue, 1);
  }
  std::sort(rows.begin(), rows.end());
  std::string own = "t_ms,group,client,topic,broker,queue_id,change\n";
  for (const auto& [at, c, q, kind] : rows)
    own += std::to_string(at) + "," + groupName(catalog.clients[static_cast<std::size_t>(c)].group) + "," + clientName(c) + "," +
           queueCols(q) + "," + (kind == 0 ? "gain" : "loss") + "\n";
  writeFileAtomically(dir + "/ownership.csv", own);

  std::string load = "t_ms,group,client,load\n";
  for (const LoadSample& l : t.loads)
    load += std::to_string(l.at) + "," + groupName(catalog.clients[static_cast<std::size_t>(l.client)].group) + "," +
            clientName(l.client) + "," + std::to_string(l.load) + "\n";
  writeFileAtomically(dir + "/load.csv", load);

  std::string backlog = "t_ms,group,topic,broker,queue_id,backlog\n";
  for (const BacklogSample& b : t.backlog)
    backlog += std::to_string(b.at) + "," + groupName(b.group) + "," + queueCols(b.queue) + "," + std::to_string(b.backlog) + "\n";
  writeFileAtomically(dir + "/backlog.csv", backlog);

  std::string events = "t_ms,kind,client,detail\n";
  for (const TimelineInstant& i : t.instants)
    events += std::to_string(i.at) + "," + csvField(i.kind) + "," + (i.client < 0 ? "" : clientName(i.client)) + "," +
              csvField(i.detail) + "\n";
  writeFileAtomically(dir + "/events.csv", events);
}

std::string renderEventsCsv(const nlohmann::ordered_json& report) {
  static const char* kCols[] = {"at_ms", "action", "target", "convergence_s", "queue_moves", "min_moves",
                                "excess_moves", "overlap_queue_s", "orphan_queue_s", "duplicates"};
  std::string out;
  for (const char* c : kCols) out += std::string(out.empty() ? "" : ",") + c;
  out += "\n";
  if (!report.contains("events")) return out;
  for (const auto& e : report["events"]) {
    std::string line;
    for (const char* c : kCols) {
      std::string v;
      if (e.contains(c) && !e[c].is_null()) v = e[c].is_string() ? csvField(e[c].get<std::string>()) : e[c].dump();
      line += std::string(line.empty() && c == kCols[0] ? "" : ",") + v;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace rmqsim
