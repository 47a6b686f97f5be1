#include "report/csv_report.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <vector>

#include "util/atomic_file.h"

namespace rmqsim {

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

namespace {

/// Appends comma-separated fields without temporaries: backlog.csv can hold millions of rows.
struct CsvBuilder {
  std::string out;
  bool first = true;
  CsvBuilder& field(std::string_view s) {
    if (!first) out += ',';
    out.append(s);
    first = false;
    return *this;
  }
  CsvBuilder& field(std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return field(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }
  void end() { out += '\n', first = true; }
};

}  // namespace

void writeCsvTimelines(const std::string& dir, const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create the CSV directory " + dir + ": " + ec.message());
  // Quoted names once, not once per row.
  std::vector<std::string> groups, clients, queues;
  for (const GroupSpec& g : scenario.groups) groups.push_back(csvField(g.name));
  for (const ClientInfo& c : catalog.clients) clients.push_back(csvField(c.name));
  for (const MessageQueue& mq : catalog.queues)
    queues.push_back(csvField(mq.topic) + "," + csvField(mq.brokerName) + "," + std::to_string(mq.queueId));
  auto groupOf = [&](ClientIndex c) -> const std::string& {
    return groups[static_cast<std::size_t>(catalog.clients[static_cast<std::size_t>(c)].group)];
  };
  auto at = [](auto& v, auto i) -> const std::string& { return v[static_cast<std::size_t>(i)]; };

  // ownership.csv: one row per change, by time, then client, then queue (gains before losses).
  std::vector<std::tuple<SimTime, ClientIndex, QueueIndex, int>> rows;
  for (const OwnershipInterval& iv : t.intervals) {
    rows.emplace_back(iv.start, iv.client, iv.queue, 0);
    if (iv.end < t.end) rows.emplace_back(iv.end, iv.client, iv.queue, 1);  // still owned at the end: no loss
  }
  std::sort(rows.begin(), rows.end());
  CsvBuilder own;
  own.out = "t_ms,group,client,topic,broker,queue_id,change\n";
  for (const auto& [when, c, q, kind] : rows) {
    own.field(when).field(groupOf(c)).field(at(clients, c)).field(at(queues, q)).field(kind == 0 ? "gain" : "loss");
    own.end();
  }
  writeFileAtomically(dir + "/ownership.csv", own.out);

  CsvBuilder load;
  load.out = "t_ms,group,client,load\n";
  for (const LoadSample& l : t.loads) {
    load.field(l.at).field(groupOf(l.client)).field(at(clients, l.client)).field(l.load);
    load.end();
  }
  writeFileAtomically(dir + "/load.csv", load.out);

  CsvBuilder backlog;
  backlog.out.reserve(64 + t.backlog.size() * 48);
  backlog.out = "t_ms,group,topic,broker,queue_id,backlog\n";
  for (const BacklogSample& b : t.backlog) {
    backlog.field(b.at).field(at(groups, b.group)).field(at(queues, b.queue)).field(b.backlog);
    backlog.end();
  }
  writeFileAtomically(dir + "/backlog.csv", backlog.out);
  backlog.out = std::string();

  // periods.csv: orphan and overlap stretches per (group, queue), in start order.
  std::vector<std::tuple<SimTime, SimTime, GroupIndex, QueueIndex, int>> periods;
  for (const QueuePeriod& p : t.orphans) periods.emplace_back(p.start, p.end, p.group, p.queue, 0);
  for (const QueuePeriod& p : t.overlaps) periods.emplace_back(p.start, p.end, p.group, p.queue, 1);
  std::sort(periods.begin(), periods.end());
  CsvBuilder per;
  per.out = "start_ms,end_ms,group,topic,broker,queue_id,kind\n";
  for (const auto& [from, to, g, q, kind] : periods) {
    per.field(from).field(to).field(at(groups, g)).field(at(queues, q)).field(kind == 0 ? "orphan" : "overlap");
    per.end();
  }
  writeFileAtomically(dir + "/periods.csv", per.out);

  CsvBuilder events;
  events.out = "t_ms,kind,client,detail\n";
  for (const TimelineInstant& i : t.instants) {
    events.field(i.at).field(csvField(i.kind)).field(i.client < 0 ? std::string_view() : std::string_view(at(clients, i.client)));
    events.field(csvField(i.detail));
    events.end();
  }
  writeFileAtomically(dir + "/events.csv", events.out);
}

namespace {

/// One cell: scalars as written; a list or a map flattened to space-separated "v" / "k=v" words
/// (e.g. groups "g h", longest_orphan_s_by_broker "broker-a=131.0"), so cells stay plain text.
std::string cellText(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_structured()) return v.dump();
  std::string out;
  for (const auto& [k, item] : v.items()) {
    if (!out.empty()) out += ' ';
    if (v.is_object()) out += k + "=";
    out += cellText(item);
  }
  return out;
}

}  // namespace

std::string renderEventsCsv(const nlohmann::ordered_json& report) {
  // The usual columns first, then any other key the events carry, in first-seen order, so a
  // new metric in the JSON report shows up here without a change.
  std::vector<std::string> cols = {"at_ms", "action", "target", "convergence_s", "queue_moves", "min_moves",
                                   "excess_moves", "overlap_queue_s", "orphan_queue_s", "duplicates", "skipped_messages"};
  const bool hasEvents = report.contains("events") && report["events"].is_array();
  if (hasEvents)
    for (const auto& e : report["events"])
      if (e.is_object())
        for (const auto& [k, v] : e.items())
          if (std::find(cols.begin(), cols.end(), k) == cols.end()) cols.push_back(k);
  std::string out;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) out += ',';
    out += csvField(cols[i]);
  }
  out += "\n";
  if (!hasEvents) return out;
  for (const auto& e : report["events"]) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (i) out += ",";
      if (!e.is_object() || !e.contains(cols[i]) || e[cols[i]].is_null()) continue;
      const auto& v = e[cols[i]];
      out += csvField(cellText(v));
    }
    out += "\n";
  }
  return out;
}

}  // namespace rmqsim
