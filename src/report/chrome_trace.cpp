#include "report/chrome_trace.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "report/queue_ranges.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

std::string queueKey(const MessageQueue& mq) { return mq.topic + "@" + mq.brokerName + ":" + std::to_string(mq.queueId); }

}  // namespace

std::string renderChromeTrace(const Scenario& scenario, const Timeline& t, const RunCatalog& catalog) {
  Json events = Json::array();
  auto meta = [&](const char* name, int pid, int tid, Json args) {
    events.push_back(Json{{"name", name}, {"ph", "M"}, {"pid", pid}, {"tid", tid}, {"args", std::move(args)}});
  };
  meta("process_name", 0, 0, Json{{"name", "scenario " + scenario.name}});
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    meta("process_name", static_cast<int>(g) + 1, 0, Json{{"name", "group " + scenario.groups[g].name}});
    meta("process_sort_index", static_cast<int>(g) + 1, 0, Json{{"sort_index", static_cast<int>(g) + 1}});
  }
  for (std::size_t c = 0; c < catalog.clients.size(); ++c) {
    const ClientInfo& ci = catalog.clients[c];
    meta("thread_name", ci.group + 1, static_cast<int>(c) + 1, Json{{"name", ci.name + " (" + ci.clientId + ")"}});
    meta("thread_sort_index", ci.group + 1, static_cast<int>(c) + 1, Json{{"sort_index", static_cast<int>(c)}});
  }
  // Per client: the owned set changes at interval ends; each stretch of one set is a slice.
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
        std::vector<std::string> keys;
        for (QueueIndex q : owned) keys.push_back(queueKey(catalog.queues[static_cast<std::size_t>(q)]));
        events.push_back(Json{{"name", std::to_string(owned.size()) + " queues: " + compactQueueRanges(keys)},
                              {"cat", "ownership"}, {"ph", "X"}, {"ts", since * 1000}, {"dur", (at - since) * 1000},
                              {"pid", pid}, {"tid", c + 1}, {"args", Json{{"queues", keys}}}});
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
  Json doc;
  doc["traceEvents"] = std::move(events);
  doc["displayTimeUnit"] = "ms";
  doc["otherData"] = Json{{"scenario", scenario.name}, {"seed", scenario.seed}, {"time", "virtual (simulated) time"}};
  return doc.dump() + "\n";
}

}  // namespace rmqsim
