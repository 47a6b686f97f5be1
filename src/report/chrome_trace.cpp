#include "report/chrome_trace.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/queue_ranges.h"
#include "util/atomic_file.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

/// Queue keys listed in a slice's args; the slice name carries all of them as ranges.
constexpr std::size_t kMaxQueueArgs = 64;

std::string queueKey(const MessageQueue& mq) { return mq.topic + "@" + mq.brokerName + ":" + std::to_string(mq.queueId); }

std::vector<std::string> keysOf(const std::set<QueueIndex>& owned, const RunCatalog& catalog) {
  std::vector<std::string> keys;
  keys.reserve(owned.size());
  for (QueueIndex q : owned) keys.push_back(queueKey(catalog.queues[static_cast<std::size_t>(q)]));
  return keys;
}

/// The change log regrouped by client (time delta, queue and gain per change), so each
/// client's slices can be written in turn.
std::vector<ByteLog> changesByClient(const Timeline& t) {
  std::vector<ByteLog> out;
  std::vector<SimTime> last;
  t.forEachChange([&](const OwnerChange& ch) {
    const auto c = static_cast<std::size_t>(ch.client);
    if (c >= out.size()) out.resize(c + 1), last.resize(c + 1, 0);
    out[c].putS(ch.at - last[c]);
    out[c].putU((static_cast<std::uint64_t>(ch.queue) << 1) | (ch.gain ? 1 : 0));
    last[c] = ch.at;
  });
  return out;
}

template <class F>
void forEachClientChange(const ByteLog& log, F&& f) {
  ByteLog::Reader r(log);
  SimTime at = 0;
  while (!r.done()) {
    at += r.getS();
    const std::uint64_t qv = r.getU();
    f(at, static_cast<QueueIndex>(qv >> 1), (qv & 1) != 0);
  }
}

}  // namespace

void streamChromeTrace(const Scenario& scenario, const Timeline& t, const RunCatalog& catalog,
                       const std::function<void(std::string_view)>& out) {
  // The document is {"traceEvents":[...],...} dumped compactly: each event dumped alone and
  // joined by commas gives the same bytes.
  bool first = true;
  auto emit = [&](const Json& ev) {
    out(first ? "{\"traceEvents\":[" : ",");
    first = false;
    out(ev.dump(-1, ' ', false, Json::error_handler_t::replace));
  };
  auto meta = [&](const char* name, int pid, int tid, Json args) {
    emit(Json{{"name", name}, {"ph", "M"}, {"pid", pid}, {"tid", tid}, {"args", std::move(args)}});
  };
  // pid 0: what the scenario did to the cluster (faults, scale events) and broker-side counters.
  meta("process_name", 0, 0, Json{{"name", "scenario " + scenario.name + ": events, faults, brokers"}});
  meta("process_sort_index", 0, 0, Json{{"sort_index", 0}});
  meta("thread_name", 0, 0, Json{{"name", "scenario events"}});
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    meta("process_name", static_cast<int>(g) + 1, 0, Json{{"name", "group " + scenario.groups[g].name}});
    meta("process_sort_index", static_cast<int>(g) + 1, 0, Json{{"sort_index", static_cast<int>(g) + 1}});
  }
  for (std::size_t c = 0; c < catalog.clients.size(); ++c) {
    const ClientInfo& ci = catalog.clients[c];
    meta("thread_name", ci.group + 1, static_cast<int>(c) + 1, Json{{"name", ci.name + " (" + ci.clientId + ")"}});
    meta("thread_sort_index", ci.group + 1, static_cast<int>(c) + 1, Json{{"sort_index", static_cast<int>(c)}});
  }

  // Per client, each stretch with one owned set is one slice: per-queue slices on one thread
  // would overlap without nesting, which trace viewers draw badly.
  const std::vector<ByteLog> byClient = changesByClient(t);
  for (std::size_t c = 0; c < byClient.size(); ++c) {
    if (byClient[c].empty()) continue;
    const int pid = catalog.clients[c].group + 1;
    std::set<QueueIndex> owned;
    SimTime since = 0;
    forEachClientChange(byClient[c], [&](SimTime at, QueueIndex q, bool gain) {
      if (at != since) {
        if (!owned.empty()) {
          std::vector<std::string> keys = keysOf(owned, catalog);
          const std::string name = std::to_string(keys.size()) + " queues: " + compactQueueRanges(keys);
          Json args{{"count", keys.size()}};
          if (keys.size() > kMaxQueueArgs) keys.resize(kMaxQueueArgs);
          args["queues"] = keys;
          emit(Json{{"name", name}, {"cat", "ownership"}, {"ph", "X"}, {"ts", since * 1000}, {"dur", (at - since) * 1000},
                    {"pid", pid}, {"tid", static_cast<ClientIndex>(c) + 1}, {"args", std::move(args)}});
        }
        since = at;
      }
      if (gain) owned.insert(q);
      else owned.erase(q);
    });
  }

  t.forEachInstant([&](const InstantRef& i) {
    if (i.client < 0) {
      emit(Json{{"name", i.detail}, {"cat", "scenario"}, {"ph", "i"}, {"s", "g"}, {"ts", i.at * 1000}, {"pid", 0}, {"tid", 0}});
      return;
    }
    const int pid = catalog.clients[static_cast<std::size_t>(i.client)].group + 1;
    emit(Json{{"name", i.kind}, {"cat", i.kind}, {"ph", "i"}, {"s", "t"}, {"ts", i.at * 1000}, {"pid", pid},
              {"tid", i.client + 1}, {"args", Json{{"detail", i.detail}}}});
  });
  if (t.droppedInstants > 0)
    emit(Json{{"name", std::to_string(t.droppedInstants) + " more instants not recorded"}, {"cat", "scenario"},
              {"ph", "i"}, {"s", "g"}, {"ts", t.end * 1000}, {"pid", 0}, {"tid", 0}});

  // Counters on pid 0: backlog per broker (all groups summed) at each sample tick, orphaned queues.
  std::map<SimTime, std::map<std::string, std::int64_t>> backlog;
  t.forEachBacklog([&](const BacklogSample& b) { backlog[b.at][catalog.queues[static_cast<std::size_t>(b.queue)].brokerName] += b.backlog; });
  for (const auto& [at, byBroker] : backlog) {
    Json args = Json::object();
    for (const auto& [broker, v] : byBroker) args[broker] = v;
    emit(Json{{"name", "backlog (messages)"}, {"ph", "C"}, {"ts", at * 1000}, {"pid", 0}, {"tid", 0}, {"args", std::move(args)}});
  }
  // The count changes at every start and end of an orphan period (one point per distinct time).
  std::vector<SimTime> starts, ends;
  starts.reserve(t.orphanCount), ends.reserve(t.orphanCount);
  t.forEachOrphan([&](const QueuePeriod& p) { starts.push_back(p.start), ends.push_back(p.end); });
  std::sort(starts.begin(), starts.end());
  std::sort(ends.begin(), ends.end());
  std::int64_t orphaned = 0;
  for (std::size_t i = 0, j = 0; i < starts.size() || j < ends.size();) {
    const SimTime at = j == ends.size() || (i < starts.size() && starts[i] < ends[j]) ? starts[i] : ends[j];
    for (; i < starts.size() && starts[i] == at; ++i) ++orphaned;
    for (; j < ends.size() && ends[j] == at; ++j) --orphaned;
    emit(Json{{"name", "orphan queues"}, {"ph", "C"}, {"ts", at * 1000}, {"pid", 0}, {"tid", 0}, {"args", Json{{"queues", orphaned}}}});
  }

  Json tail = Json::object();
  tail["displayTimeUnit"] = "ms";
  tail["otherData"] = Json{{"scenario", scenario.name}, {"seed", scenario.seed}, {"time", "virtual (simulated) time"}};
  const std::string rest = tail.dump(-1, ' ', false, Json::error_handler_t::replace);  // {"displayTimeUnit":...}
  out(first ? "{\"traceEvents\":[" : "");
  out("],");
  out(std::string_view(rest).substr(1));
  out("\n");
}

void writeChromeTrace(const std::string& path, const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  AtomicFileWriter file(path);
  streamChromeTrace(scenario, t, catalog, [&](std::string_view piece) { file.write(piece); });
  file.commit();
}

std::string renderChromeTrace(const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  std::string doc;
  streamChromeTrace(scenario, t, catalog, [&](std::string_view piece) { doc.append(piece); });
  return doc;
}

}  // namespace rmqsim
