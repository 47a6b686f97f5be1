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

/// Appends comma-separated fields without temporaries, and hands full lines to the file in
/// pieces of about 1 MiB: ownership.csv and backlog.csv can hold millions of rows.
struct CsvBuilder {
  explicit CsvBuilder(const std::string& path, std::string_view header) : file(path) { out.append(header); }
  AtomicFileWriter file;
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
  void end() {
    out += '\n', first = true;
    if (out.size() >= (1u << 20)) file.write(out), out.clear();
  }
  void commit() {
    file.write(out);
    file.commit();
  }
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

  // ownership.csv: one row per change, by time, then client, then queue (gains before losses);
  // what is still owned at the end has no loss. The log is in time order: only one instant's
  // changes are sorted at a time.
  {
    CsvBuilder own(dir + "/ownership.csv", "t_ms,group,client,topic,broker,queue_id,change\n");
    std::vector<std::tuple<ClientIndex, QueueIndex, int>> instant;
    SimTime now = 0;
    auto flush = [&] {
      std::sort(instant.begin(), instant.end());
      for (const auto& [c, q, kind] : instant) {
        own.field(now).field(groupOf(c)).field(at(clients, c)).field(at(queues, q)).field(kind == 0 ? "gain" : "loss");
        own.end();
      }
      instant.clear();
    };
    t.forEachChange([&](const OwnerChange& ch) {
      if (ch.at != now) flush(), now = ch.at;
      if (ch.gain || ch.at < t.end) instant.emplace_back(ch.client, ch.queue, ch.gain ? 0 : 1);
    });
    flush();
    own.commit();
  }

  {
    CsvBuilder load(dir + "/load.csv", "t_ms,group,client,load\n");
    t.forEachLoad([&](const LoadSample& l) {
      load.field(l.at).field(groupOf(l.client)).field(at(clients, l.client)).field(l.load);
      load.end();
    });
    load.commit();
  }

  {
    CsvBuilder backlog(dir + "/backlog.csv", "t_ms,group,topic,broker,queue_id,backlog\n");
    t.forEachBacklog([&](const BacklogSample& b) {
      backlog.field(b.at).field(at(groups, b.group)).field(at(queues, b.queue)).field(b.backlog);
      backlog.end();
    });
    backlog.commit();
  }

  // periods.csv: orphan and overlap stretches per (group, queue), in start order. They are
  // recorded in closing order, so this sorts them, a window of start times at a time: a
  // histogram of the starts cuts the run into windows of at most max(65,536, 1/16 of all)
  // periods, and each window is collected from the logs (24 bytes a period while sorted).
  {
    struct Row {
      SimTime start, end;
      std::uint64_t key;  ///< group, queue, kind: their order
      bool operator<(const Row& o) const { return std::tie(start, end, key) < std::tie(o.start, o.end, o.key); }
    };
    constexpr std::size_t kBins = 4096;
    const SimTime span = std::max<SimTime>(1, t.end + 1);
    auto binOf = [&](SimTime start) {
      return std::min(kBins - 1, static_cast<std::size_t>(static_cast<double>(std::max<SimTime>(0, start)) * kBins / static_cast<double>(span)));
    };
    auto forEachPeriod = [&](auto&& f) {
      t.forEachOrphan([&](const QueuePeriod& p) { f(p, 0); });
      t.forEachOverlap([&](const QueuePeriod& p) { f(p, 1); });
    };
    std::vector<std::size_t> perBin(kBins, 0);
    forEachPeriod([&](const QueuePeriod& p, int) { ++perBin[binOf(p.start)]; });
    const std::size_t window = std::max<std::size_t>(65536, (t.orphanCount + t.overlapCount) / 16);
    CsvBuilder per(dir + "/periods.csv", "start_ms,end_ms,group,topic,broker,queue_id,kind\n");
    std::vector<Row> rows;
    for (std::size_t lo = 0; lo < kBins;) {
      std::size_t hi = lo, n = 0;  // bins [lo, hi)
      while (hi < kBins && (n == 0 || n + perBin[hi] <= window)) n += perBin[hi++];
      rows.clear();
      rows.reserve(n);
      forEachPeriod([&](const QueuePeriod& p, int kind) {
        if (const std::size_t b = binOf(p.start); b >= lo && b < hi)
          rows.push_back(Row{p.start, p.end,
                             (static_cast<std::uint64_t>(p.group) << 41) | (static_cast<std::uint64_t>(p.queue) << 1) |
                                 static_cast<std::uint64_t>(kind)});
      });
      std::sort(rows.begin(), rows.end());
      for (const Row& r : rows) {
        const auto g = static_cast<std::size_t>(r.key >> 41);
        const auto q = static_cast<std::size_t>((r.key >> 1) & ((std::uint64_t{1} << 40) - 1));
        per.field(r.start).field(r.end).field(groups[g]).field(queues[q]).field((r.key & 1) == 0 ? "orphan" : "overlap");
        per.end();
      }
      lo = hi;
    }
    per.commit();
  }

  CsvBuilder events(dir + "/events.csv", "t_ms,kind,client,detail\n");
  t.forEachInstant([&](const InstantRef& i) {
    events.field(i.at).field(csvField(i.kind)).field(i.client < 0 ? std::string_view() : std::string_view(at(clients, i.client)));
    events.field(csvField(i.detail));
    events.end();
  });
  events.commit();
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
