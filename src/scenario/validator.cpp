// Checks that need the whole scenario: events inside the run, client names that exist by the
// time an event names them (GROUP-N, N in start order), topics on the brokers an event names,
// and sizes that could not fit in memory or time (refused up front, not after an hour).
#include <map>
#include <set>

#include "scenario/duration.h"
#include "scenario/parse_context.h"
#include "scenario/validator.h"
#include "util/spellcheck.h"

namespace rmqsim::parse {

void validate(Context& c, const YAML::Node& root) {
  Scenario& s = c.s;
  const std::string& file = c.r.file();
  auto where = [&](const SourceLoc& l) { return l.file.empty() ? SourceLoc{file, 0, 0} : l; };

  // Client names over time.
  std::map<std::string, int> started;  // group -> clients started so far
  std::set<std::string> names;
  for (const GroupSpec& g : s.groups) {
    started[g.name] = g.clients;
    for (int k = 0; k < g.clients && k < 1000000; ++k) names.insert(g.name + "-" + std::to_string(k));
  }
  for (const EventSpec& e : s.events) {
    if (e.at_ms > s.duration_ms)
      c.r.errorAt(where(e.loc), "this " + e.action + " event at " + formatDuration(e.at_ms) + " is after the end of the run (duration " +
                                    formatDuration(s.duration_ms) + ")",
                  "at <= duration; or raise duration");
    if (e.action == "start" && started.count(e.group)) {
      for (int k = 0; k < e.count && names.size() < 2000000; ++k) names.insert(e.group + "-" + std::to_string(started[e.group] + k));
      started[e.group] += e.count;
    }
    for (const std::string& name : e.clients) {
      if (names.count(name)) continue;
      std::vector<std::string> known;
      if (names.size() <= 5000) known.assign(names.begin(), names.end());
      auto hint = spellcheck(name, known);
      std::string allowed = "clients are named GROUP-N, N from 0 in start order";
      if (known.size() <= 12 && !known.empty()) allowed += ": " + listText(known);
      c.r.errorAt(where(e.loc), "the " + e.action + " event at " + formatDuration(e.at_ms) + " names client '" + name +
                                    "', which has not been started by then",
                  allowed, hint ? *hint : "");
    }
    if (e.action == "set_queues" && !e.topic.empty()) {
      for (const std::string& b : e.brokers) {
        for (const BrokerSpec& bs : s.brokers) {
          if (bs.name != b) continue;
          bool has = false;
          for (const TopicSpec& t : bs.topics) has |= t.name == e.topic;
          if (!has) c.r.errorAt(where(e.loc), "broker '" + b + "' has no topic '" + e.topic + "' to resize", "a topic of that broker");
        }
      }
    }
  }

  // Sizes.
  long long totalClients = 0, totalQueues = 0;
  for (const auto& [g, n] : started) totalClients += n;
  for (const BrokerSpec& b : s.brokers)
    for (const TopicSpec& t : b.topics) totalQueues += std::max(t.read_queues, t.write_queues);
  const SourceLoc top{file, 0, 0};
  if (totalClients > kMaxClients)
    c.r.errorAt(top, "the scenario starts " + std::to_string(totalClients) + " clients in all: too many to simulate in memory",
                "at most " + std::to_string(kMaxClients) + " clients");
  if (totalQueues > kMaxQueues)
    c.r.errorAt(top, "the brokers hold " + std::to_string(totalQueues) + " queues in all: too many to simulate in memory",
                "at most " + std::to_string(kMaxQueues) + " queues");
  if (s.duration_ms > kMaxDuration)
    c.r.errorAt(c.r.loc(root["duration"], "duration"), "duration " + formatDuration(s.duration_ms) + " is too long to simulate",
                "at most " + formatDuration(kMaxDuration));
  if (static_cast<long long>(s.events.size()) > kMaxEvents)
    c.r.errorAt(top, std::to_string(s.events.size()) + " events: too many", "at most " + std::to_string(kMaxEvents));
  // Work estimate: each client runs ~2,000 timer and network events per virtual hour.
  const double hours = static_cast<double>(s.duration_ms) / static_cast<double>(kHour);
  if (static_cast<double>(totalClients) * hours * 2000.0 > kMaxEstimatedEvents)
    c.r.errorAt(top, "about " + std::to_string(static_cast<long long>(totalClients * hours * 2000.0 / 1e9)) +
                         " billion simulation events (" + std::to_string(totalClients) + " clients for " + formatDuration(s.duration_ms) +
                         "): this would take hours",
                "clients x hours below " + std::to_string(static_cast<long long>(kMaxEstimatedEvents / 2000.0)));
}

}  // namespace rmqsim::parse
