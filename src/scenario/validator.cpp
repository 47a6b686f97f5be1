// Checks that need the whole scenario: events inside the run, client names that exist by the
// time an event names them (GROUP-N, N in start order), topics on the brokers an event names,
// and sizes that could not fit in memory or time (refused up front, not after an hour).
#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <set>

#include "scenario/duration.h"
#include "scenario/parse_context.h"
#include "scenario/validator.h"
#include "util/spellcheck.h"

namespace rmqsim::parse {

namespace {

// `expect:` paths that cannot exist in any report: an unknown top-level key, or an event index
// past the scenario's events (the report has one entry per scenario event, in `at` order).
void checkMetrics(Context& c) {
  const std::vector<std::string> roots(std::begin(kReportRootKeys), std::end(kReportRootKeys));
  for (const Expectation& x : c.s.expect) {
    if (x.metric.empty()) continue;
    const std::size_t dot = x.metric.find('.');
    const std::string root = x.metric.substr(0, dot);
    if (std::find(roots.begin(), roots.end(), root) == roots.end()) {
      auto hint = spellcheck(root, roots);
      c.r.errorAt(x.loc, "metric '" + x.metric + "' does not start with a report key", listText(roots), hint ? *hint : "");
      continue;
    }
    if (root != "events" || dot == std::string::npos) continue;
    const std::string index = x.metric.substr(dot + 1, x.metric.find('.', dot + 1) - dot - 1);
    std::size_t k = 0;
    auto [p, ec] = std::from_chars(index.data(), index.data() + index.size(), k);
    const bool numeric = ec == std::errc() && p == index.data() + index.size() && !index.empty();
    if (!numeric || k >= c.s.events.size())
      c.r.errorAt(x.loc, "metric '" + x.metric + "' names event '" + index + "', but the scenario has " +
                             std::to_string(c.s.events.size()) + " event(s)",
                  c.s.events.empty() ? "no events.N metric: add events first"
                                     : "events.0 to events." + std::to_string(c.s.events.size() - 1) + " (in `at` order)");
  }
}

}  // namespace

// Client names are kept only up to the client limit (and a little over, so the limit is what
// refuses such a file): many groups of a million clients each must not cost minutes here.
constexpr std::size_t kMaxClientNames = static_cast<std::size_t>(kMaxClients) + 1;

void validate(Context& c, const YAML::Node& root) {
  Scenario& s = c.s;
  const std::string& file = c.r.file();
  auto where = [&](const SourceLoc& l) { return l.file.empty() ? SourceLoc{file, 0, 0} : l; };

  // Client names over time.
  std::map<std::string, int> started;  // group -> clients started so far
  std::set<std::string> names;
  for (const GroupSpec& g : s.groups) {
    started[g.name] = g.clients;
    for (int k = 0; k < g.clients && names.size() < kMaxClientNames; ++k) names.insert(g.name + "-" + std::to_string(k));
  }
  for (const EventSpec& e : s.events) {
    if (e.at_ms > s.duration_ms)
      c.r.errorAt(where(e.loc), "this " + e.action + " event at " + formatDuration(e.at_ms) + " is after the end of the run (duration " +
                                    formatDuration(s.duration_ms) + ")",
                  "at <= duration; or raise duration");
    if (e.action == "start" && started.count(e.group)) {
      for (int k = 0; k < e.count && names.size() < kMaxClientNames; ++k) names.insert(e.group + "-" + std::to_string(started[e.group] + k));
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
  // A set_queues event can grow a topic past its first size: the limits count each topic of
  // each broker at its largest, so resizing many brokers cannot get round them.
  std::map<std::pair<std::string, std::string>, int> resized;  // (broker, topic) -> largest set_queues
  for (const EventSpec& e : s.events) {
    if (e.action != "set_queues" || e.topic.empty()) continue;
    for (const BrokerSpec& b : s.brokers) {
      if (!e.brokers.empty() && std::find(e.brokers.begin(), e.brokers.end(), b.name) == e.brokers.end()) continue;
      int& peak = resized[{b.name, e.topic}];
      peak = std::max(peak, e.queues);
    }
  }
  auto largest = [&](const BrokerSpec& b, const TopicSpec& t, int queues) {
    const auto it = resized.find({b.name, t.name});
    return std::max(queues, it == resized.end() ? 0 : it->second);
  };
  long long totalClients = 0, totalQueues = 0;
  for (const auto& [g, n] : started) totalClients += n;
  for (const BrokerSpec& b : s.brokers)
    for (const TopicSpec& t : b.topics) totalQueues += largest(b, t, std::max(t.read_queues, t.write_queues));
  // Totals are placed at the section they add up (or the file, when it has none).
  const SourceLoc top{file, 0, 0};
  auto section = [&](const char* key) { return root.IsMap() && root[key] ? c.r.loc(root[key], key) : top; };
  if (totalClients > kMaxClients)
    c.r.errorAt(section("groups"), "the scenario starts " + std::to_string(totalClients) + " clients in all: too many to simulate in memory",
                "at most " + std::to_string(kMaxClients) + " clients");
  if (totalQueues > kMaxQueues)
    c.r.errorAt(section("brokers"), "the brokers hold " + std::to_string(totalQueues) + " queues in all" +
                                        (resized.empty() ? "" : " (each topic at its largest, set_queues events included)") +
                                        ": too many to simulate in memory",
                "at most " + std::to_string(kMaxQueues) + " queues");
  if (s.duration_ms > kMaxDuration)
    c.r.errorAt(c.r.loc(root["duration"], "duration"), "duration " + formatDuration(s.duration_ms) + " is too long to simulate",
                "at most " + formatDuration(kMaxDuration));
  if (static_cast<long long>(s.events.size()) > kMaxEvents)
    c.r.errorAt(section("events"), std::to_string(s.events.size()) + " events: too many", "at most " + std::to_string(kMaxEvents));
  for (const GroupSpec& g : s.groups) {
    long long queues = 0;
    for (const BrokerSpec& b : s.brokers) {
      for (const TopicSpec& t : b.topics)
        if (std::find(g.subscribe.begin(), g.subscribe.end(), t.name) != g.subscribe.end()) queues += largest(b, t, t.read_queues);
      if (g.model == MessageModel::CLUSTERING) queues += g.retry_queues;
    }
    const long long clients = started.count(g.name) ? started[g.name] : g.clients;
    const double pairs = static_cast<double>(clients) * static_cast<double>(queues);
    if (pairs > kMaxClientQueuePairs)
      c.r.errorAt(where(g.loc), "group '" + g.name + "' has " + std::to_string(clients) + " clients over " + std::to_string(queues) +
                                    " queues, " + std::to_string(static_cast<long long>(pairs)) +
                                    " client-queue pairs: too big to simulate in memory",
                  "clients x queues per group at most " + std::to_string(static_cast<long long>(kMaxClientQueuePairs)));
  }
  checkMetrics(c);
  // Work estimate: each client runs ~2,000 timer and network events per virtual hour.
  const double hours = static_cast<double>(s.duration_ms) / static_cast<double>(kHour);
  if (static_cast<double>(totalClients) * hours * 2000.0 > kMaxEstimatedEvents)
    c.r.errorAt(section("duration"), "about " + std::to_string(static_cast<long long>(totalClients * hours * 2000.0 / 1e9)) +
                         " billion simulation events (" + std::to_string(totalClients) + " clients for " + formatDuration(s.duration_ms) +
                         "): this would take hours",
                "clients x hours below " + std::to_string(static_cast<long long>(kMaxEstimatedEvents / 2000.0)));
}

}  // namespace rmqsim::parse
