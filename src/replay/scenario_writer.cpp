#include "replay/scenario_writer.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "scenario/duration.h"
#include "strategy/strategy_registry.h"
#include "util/yaml_quote.h"

namespace rmqsim {

namespace {

std::string utcText(std::int64_t epochMs) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds{epochMs}};
  const sys_days dayStart = floor<days>(t);
  const year_month_day ymd{dayStart};
  const hh_mm_ss<milliseconds> tod{t - dayStart};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld.%03lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(tod.hours().count()), static_cast<long long>(tod.minutes().count()),
                static_cast<long long>(tod.seconds().count()), static_cast<long long>(tod.subseconds().count()));
  return buf;
}

/// Java's getName() of the strategies, as the result line prints it, → a name of ours.
std::string strategyName(const std::string& java) {
  const std::string base = java.substr(0, java.find('-'));  // MACHINE_ROOM_NEARBY-AVG
  return findStrategy(base) ? base : "AVG";
}

/// Strategies a scenario cannot take as they are (parameters not in the logs, or unknown).
std::string strategyNote(const std::string& group, const std::string& java) {
  const std::string ours = strategyName(java);
  if (ours != java.substr(0, java.find('-')))
    return "group " + group + "'s strategy '" + java + "' is not one of ours: the scenario uses AVG";
  if (ours == "CONFIG" || ours == "MACHINE_ROOM" || ours == "MACHINE_ROOM_NEARBY" || ours == "CONSISTENT_HASH")
    return "group " + group + " uses " + java + ": its parameters are not in the logs, the scenario has the defaults";
  return {};
}

}  // namespace

std::string writeReplayScenario(const ReplayStory& story, const ReplayPlan& plan, const std::string& sources) {
  std::ostringstream y;
  y << "# Written by `rmq-rebalance-sim replay --to-scenario` from " << sources << ".\n";
  y << "# Times are from the first client's start (" << utcText(story.t0EpochMs) << " UTC in the logs).\n";
  y << "name: replay\n";
  y << "description: " << yamlDoubleQuoted("What the client logs show, replayed: " + std::to_string(story.clients.size()) +
                                " client(s), " + std::to_string(plan.episodes.size()) + " episode(s), from " +
                                utcText(story.t0EpochMs) + " UTC")
    << "\n";
  y << "duration: " << formatDuration(std::max<SimTime>(story.endMs, 1)) << "\n";
  y << "profile: " << (story.layout == "5.x" ? "rocketmq-5" : "rocketmq-4.9") << "\n";
  // Brokers and topics from the queues at t=0 (retry topics belong to their group).
  std::map<std::string, std::map<std::string, int>> brokers;  // broker -> topic -> queues
  std::map<std::string, int> retryPerBroker;                  // group -> retry queues on one broker
  for (const QueueSetChange& q : story.queueSets) {
    if (q.at != 0) continue;
    std::map<std::string, int> perBroker;
    for (const MessageQueue& m : q.queues) perBroker[m.brokerName] = std::max(perBroker[m.brokerName], m.queueId + 1);
    if (q.topic.rfind("%RETRY%", 0) == 0) {
      for (const auto& [b, n] : perBroker) retryPerBroker[q.topic.substr(7)] = std::max(retryPerBroker[q.topic.substr(7)], n);
      continue;
    }
    for (const auto& [b, n] : perBroker) brokers[b][q.topic] = n;
  }
  y << "brokers:\n";
  for (const auto& [b, topics] : brokers) {
    y << "  - name: " << yamlDoubleQuoted(b) << "\n    topics:\n";
    for (const auto& [t, n] : topics) y << "      " << yamlDoubleQuoted(t) << ": {queues: " << n << "}\n";
  }
  y << "groups:\n";
  for (const std::string& g : plan.groupOrder) {
    const auto facts = story.groups.find(g);
    std::vector<std::string> topics;
    if (facts != story.groups.end())
      for (const std::string& t : facts->second.topics)
        for (const auto& [b, ts] : brokers)
          if (ts.count(t)) {
            topics.push_back(t);
            break;
          }
    y << "  - name: " << yamlDoubleQuoted(g) << "\n    subscribe: [";
    for (std::size_t i = 0; i < topics.size(); ++i) y << (i ? ", " : "") << yamlDoubleQuoted(topics[i]);
    y << "]\n";
    const std::string java = facts == story.groups.end() ? "AVG" : facts->second.strategy;
    y << "    strategy: " << strategyName(java) << "\n";
    if (const std::string note = strategyNote(g, java); !note.empty()) y << "    # " << note << "\n";
    if (facts != story.groups.end() && facts->second.orderly) y << "    orderly: true\n";
    const auto retry = retryPerBroker.find(g);
    if (retry != retryPerBroker.end() && retry->second != 1) y << "    retry_queues: " << retry->second << "\n";
    const auto ini = plan.initialClients.find(g);
    y << "    clients:\n      count: " << (ini == plan.initialClients.end() ? 0 : ini->second) << "\n";
    y << "      ids: [";
    const auto& ids = plan.ids.at(g);
    for (std::size_t i = 0; i < ids.size(); ++i) y << (i ? ", " : "") << yamlDoubleQuoted(ids[i]);
    y << "]\n";
  }
  if (!plan.episodes.empty()) y << "events:\n";
  for (const Episode& e : plan.episodes) {
    y << "  - {at: " << formatDuration(e.at) << ", action: " << e.action;
    if (e.action == "start") y << ", group: " << yamlDoubleQuoted(e.group) << ", count: " << e.count;
    if (!e.clients.empty()) {
      y << ", clients: [";
      for (std::size_t i = 0; i < e.clients.size(); ++i) y << (i ? ", " : "") << yamlDoubleQuoted(plan.names[static_cast<std::size_t>(e.clients[i])]);
      y << "]";
    }
    if (e.action == "set_queues") y << ", topic: " << yamlDoubleQuoted(e.topic) << ", broker: " << yamlDoubleQuoted(e.broker) << ", queues: " << e.queues;
    y << "}\n";
  }
  return y.str();
}

}  // namespace rmqsim
