#include "report/chrome_trace.h"

#include <map>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/queue_ranges.h"

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

}  // namespace

std::string renderChromeTrace(const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  Json events = Json::array();
  auto meta = [&](const char* name, int pid, int tid, Json args) {
    events.push_back(Json{{"name", name}, {"ph", "M"}, {"pid", pid}, {"tid", tid}, {"args", std::move(args)}});
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
  std::map<ClientIndex, std::map<SimTime, std::vector<std::pair<QueueIndex, bool>>>> changes;
  for (const OwnershipInterval& iv : t.intervals) {
    changes[iv.client][iv.start].emplace_back(iv.queue, true);
    changes[iv.client][iv.end].emplace_back(iv.queue, false);
  }
  for (const auto& [c, byTime] : changes) {
    const int pid = catalog.clients[static_cast<std::size_t>(c)].group + 1;
    std::set<QueueIndex> owned;
    SimTime since = 0;
    for (const auto& [at, list] : byTime) {
      if (!owned.empty() && at > since) {
        std::vector<std::string> keys = keysOf(owned, catalog);
        const std::string name = std::to_string(keys.size()) + " queues: " + compactQueueRanges(keys);
        Json args{{"count", keys.size()}};
        if (keys.size() > kMaxQueueArgs) keys.resize(kMaxQueueArgs);
        args["queues"] = keys;
        events.push_back(Json{{"name", name}, {"cat", "ownership"}, {"ph", "X"}, {"ts", since * 1000}, {"dur", (at - since) * 1000},
                              {"pid", pid}, {"tid", c + 1}, {"args", std::move(args)}});
      }
      for (const auto& [q, gain] : list) {
        if (gain) owned.insert(q);
        else owned.erase(q);
      }
      since = at;
    }
  }

  for (const TimelineInstant& i : t.instants) {
    if (i.client < 0) {
      events.push_back(Json{{"name", i.detail}, {"cat", "scenario"}, {"ph", "i"}, {"s", "g"}, {"ts", i.at * 1000}, {"pid", 0}, {"tid", 0}});
      continue;
    }
    const int pid = catalog.clients[static_cast<std::size_t>(i.client)].group + 1;
    events.push_back(Json{{"name", i.kind}, {"cat", i.kind}, {"ph", "i"}, {"s", "t"}, {"ts", i.at * 1000}, {"pid", pid},
                          {"tid", i.client + 1}, {"args", Json{{"detail", i.detail}}}});
  }
  if (t.droppedInstants > 0)
    events.push_back(Json{{"name", std::to_string(t.droppedInstants) + " more instants not recorded"}, {"cat", "scenario"},
                          {"ph", "i"}, {"s", "g"}, {"ts", t.end * 1000}, {"pid", 0}, {"tid", 0}});

  // Counters on pid 0: backlog per broker (all groups summed) at each sample tick, orphaned queues.
  std::map<SimTime, std::map<std::string, std::int64_t>> backlog;
  for (const BacklogSample& b : t.backlog) backlog[b.at][catalog.queues[static_cast<std::size_t>(b.queue)].brokerName] += b.backlog;
  for (const auto& [at, byBroker] : backlog) {
    Json args = Json::object();
    for (const auto& [broker, v] : byBroker) args[broker] = v;
    events.push_back(Json{{"name", "backlog (messages)"}, {"ph", "C"}, {"ts", at * 1000}, {"pid", 0}, {"tid", 0}, {"args", std::move(args)}});
  }
  std::map<SimTime, std::int64_t> orphanDelta;
  for (const QueuePeriod& p : t.orphans) ++orphanDelta[p.start], --orphanDelta[p.end];
  std::int64_t orphaned = 0;
  for (const auto& [at, d] : orphanDelta) {
    orphaned += d;
    events.push_back(Json{{"name", "orphan queues"}, {"ph", "C"}, {"ts", at * 1000}, {"pid", 0}, {"tid", 0}, {"args", Json{{"queues", orphaned}}}});
  }

  Json doc;
  doc["traceEvents"] = std::move(events);
  doc["displayTimeUnit"] = "ms";
  doc["otherData"] = Json{{"scenario", scenario.name}, {"seed", scenario.seed}, {"time", "virtual (simulated) time"}};
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace rmqsim
