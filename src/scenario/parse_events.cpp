// `events:` (the story: contract §2 actions, each with the keys that make sense for it) and
// `expect:` (the assertions `check` evaluates).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "scenario/parse_context.h"
#include "util/spellcheck.h"

namespace rmqsim::parse {

namespace {

// The keys each action takes besides `at` and `action`, and the ones it must have.
struct ActionRule {
  std::vector<std::string> allowed;
  std::vector<std::string> requiredOneOf;  ///< at least one of these
};
const std::map<std::string, ActionRule>& actionRules() {
  static const std::map<std::string, ActionRule> rules = {
      {"start", {{"group", "count", "spread"}, {"group"}}},
      {"stop", {{"client", "clients"}, {"client", "clients"}}},
      {"kill", {{"client", "clients"}, {"client", "clients"}}},
      {"crash", {{"client", "clients"}, {"client", "clients"}}},
      {"pause", {{"client", "clients"}, {"client", "clients"}}},
      {"resume", {{"client", "clients"}, {"client", "clients"}}},
      {"restart", {{"client", "clients", "delay", "id_policy", "spread"}, {"client", "clients"}}},
      {"rolling_restart", {{"group", "interval", "delay", "id_policy", "spread"}, {"group"}}},
      {"partition", {{"client", "clients", "broker", "brokers", "nameservers", "direction"}, {"client", "clients"}}},
      {"heal", {{"client", "clients", "broker", "brokers", "nameservers", "direction"}, {"client", "clients"}}},
      {"broker_kill", {{"broker", "brokers"}, {"broker", "brokers"}}},
      {"broker_crash", {{"broker", "brokers"}, {"broker", "brokers"}}},
      {"broker_up", {{"broker", "brokers"}, {"broker", "brokers"}}},
      {"nameserver_down", {{"nameserver"}, {}}},
      {"nameserver_up", {{"nameserver"}, {}}},
      {"set_queues", {{"broker", "brokers", "topic", "queues"}, {"topic"}}},
  };
  return rules;
}

std::vector<std::string> actionNames() {
  std::vector<std::string> names;
  for (const auto& [n, r] : actionRules()) names.push_back(n);
  return names;
}

}  // namespace

void readEvents(Context& c, const YAML::Node& n) {
  if (!c.r.expectSeq(n, "events", "events: [{at: 2m, action: start, group: g, count: 4}]")) return;
  std::vector<std::string> groupNames, brokerNames;
  for (const auto& g : c.s.groups) groupNames.push_back(g.name);
  for (const auto& b : c.s.brokers) brokerNames.push_back(b.name);
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = joinPath("events", i);
    const YAML::Node e = n[i];
    if (!c.r.expectMap(e, path, "{at: 2m, action: crash, client: order-consumer-2}")) continue;
    EventSpec ev;
    ev.loc = c.r.loc(e, path);
    if (!c.r.requireKeys(e, path, {"at", "action"}, "an event")) continue;
    auto action = c.r.oneOf(e["action"], joinPath(path, "action"), actionNames());
    if (auto at = c.r.duration(e["at"], joinPath(path, "at"), true)) ev.at_ms = *at;
    if (!action) continue;
    ev.action = *action;
    const ActionRule& rule = actionRules().at(*action);
    std::vector<std::string> allowed = {"at", "action"};
    allowed.insert(allowed.end(), rule.allowed.begin(), rule.allowed.end());
    c.r.checkKeys(e, path, allowed, "a " + *action + " event");
    if (!rule.requiredOneOf.empty()) {
      bool any = false;
      for (const auto& k : rule.requiredOneOf) any |= static_cast<bool>(e[k]);
      if (!any) c.r.error(e, path, "a " + *action + " event needs " + (rule.requiredOneOf.size() > 1 ? "one of " : "") + listText(rule.requiredOneOf), listText(rule.allowed));
    }
    auto has = [&](const char* k) { return std::find(rule.allowed.begin(), rule.allowed.end(), k) != rule.allowed.end() && e[k]; };
    if (has("group")) {
      if (auto g = c.r.name(e["group"], joinPath(path, "group"))) {
        ev.group = *g;
        if (std::find(groupNames.begin(), groupNames.end(), *g) == groupNames.end()) {
          auto hint = spellcheck(*g, groupNames);
          c.r.error(e["group"], joinPath(path, "group"), "no group is named '" + *g + "'", listText(groupNames), hint ? *hint : "");
        }
      }
    }
    if (has("count")) if (auto v = c.r.integer(e["count"], joinPath(path, "count"), 1, 1000000)) ev.count = static_cast<int>(*v);
    if (has("client") && has("clients")) c.r.error(e, path, "an event takes client or clients, not both");
    if (has("client")) if (auto v = c.r.name(e["client"], joinPath(path, "client"))) ev.clients = {*v};
    if (has("clients")) if (auto v = c.r.stringList(e["clients"], joinPath(path, "clients"))) ev.clients = *v;
    for (std::size_t k = 0; k < ev.clients.size(); ++k)
      if (std::find(ev.clients.begin(), ev.clients.begin() + static_cast<std::ptrdiff_t>(k), ev.clients[k]) != ev.clients.begin() + static_cast<std::ptrdiff_t>(k))
        c.r.error(e["clients"], joinPath(path, "clients"), "client '" + ev.clients[k] + "' is listed twice in this event", "each client once");
    if (has("broker") && has("brokers")) c.r.error(e, path, "an event takes broker or brokers, not both");
    if (has("broker")) if (auto v = c.r.name(e["broker"], joinPath(path, "broker"))) ev.brokers = {*v};
    if (has("brokers")) if (auto v = c.r.stringList(e["brokers"], joinPath(path, "brokers"))) ev.brokers = *v;
    for (const auto& b : ev.brokers) {
      if (std::find(brokerNames.begin(), brokerNames.end(), b) != brokerNames.end()) continue;
      const YAML::Node at = e["broker"] ? e["broker"] : e["brokers"];
      auto hint = spellcheck(b, brokerNames);
      c.r.error(at, joinPath(path, e["broker"] ? "broker" : "brokers"), "no broker is named '" + b + "'", listText(brokerNames), hint ? *hint : "");
    }
    if (has("nameservers")) if (auto v = c.r.boolean(e["nameservers"], joinPath(path, "nameservers"))) ev.nameservers = *v;
    if (has("nameserver")) {
      std::vector<std::string> ns;
      for (int k = 0; k < c.s.nameservers; ++k) ns.push_back("namesrv-" + std::to_string(k));
      if (auto v = c.r.oneOf(e["nameserver"], joinPath(path, "nameserver"), ns)) ev.nameserver = *v;
    }
    if (has("direction"))
      if (auto v = c.r.oneOf(e["direction"], joinPath(path, "direction"), {"both", "to_broker", "from_broker"}))
        ev.direction = *v == "to_broker" ? PartitionDirection::TO_BROKER
                       : *v == "from_broker" ? PartitionDirection::FROM_BROKER
                                             : PartitionDirection::BOTH;
    if (has("topic")) {
      if (auto v = c.r.name(e["topic"], joinPath(path, "topic"))) {
        ev.topic = *v;
        if (!c.topics.count(*v)) {
          std::vector<std::string> known(c.topics.begin(), c.topics.end());
          auto hint = spellcheck(*v, known);
          c.r.error(e["topic"], joinPath(path, "topic"), "no broker has topic '" + *v + "'", listText(known), hint ? *hint : "");
        }
      }
    }
    if (*action == "set_queues") {
      if (!e["queues"]) c.r.error(e, path, "a set_queues event needs queues", "queues: N (1 or more)");
      else if (auto v = c.r.integer(e["queues"], joinPath(path, "queues"), 1, 65536)) ev.queues = static_cast<int>(*v);
    }
    if (has("delay")) if (auto v = c.r.duration(e["delay"], joinPath(path, "delay"), true)) ev.delay_ms = *v;
    if (has("spread")) if (auto v = c.r.duration(e["spread"], joinPath(path, "spread"), true)) ev.spread_ms = *v;
    if (has("interval")) if (auto v = c.r.duration(e["interval"], joinPath(path, "interval"), false)) ev.interval_ms = *v;
    if (has("id_policy"))
      if (auto v = c.r.oneOf(e["id_policy"], joinPath(path, "id_policy"), {"stable", "new_ip", "new_pid"}))
        ev.id_policy = *v == "new_ip" ? IdPolicy::NEW_IP : *v == "new_pid" ? IdPolicy::NEW_PID : IdPolicy::STABLE;
    c.s.events.push_back(ev);
  }
  std::stable_sort(c.s.events.begin(), c.s.events.end(), [](const EventSpec& a, const EventSpec& b) { return a.at_ms < b.at_ms; });
}

void readExpect(Context& c, const YAML::Node& n) {
  if (!c.r.expectSeq(n, "expect", "expect: [{metric: final.excess_imbalance, max: 0}]")) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = joinPath("expect", i);
    const YAML::Node e = n[i];
    if (!c.r.expectMap(e, path, "{metric: events.0.convergence_s, max: 60}")) continue;
    c.r.checkKeys(e, path, {"metric", "min", "max", "equals"}, "an expectation");
    Expectation x;
    x.loc = c.r.loc(e, path);
    if (!e["metric"]) c.r.error(e, path, "an expectation needs a metric", "metric: a dotted report path such as final.excess_imbalance");
    else if (auto v = c.r.name(e["metric"], joinPath(path, "metric"), kMaxMetricPathLength)) x.metric = *v;
    auto bound = [&](const char* k) -> std::optional<double> {
      if (!e[k]) return std::nullopt;
      const std::string p = joinPath(path, k);
      if (e[k].IsScalar()) {
        char* end = nullptr;
        const std::string& s = e[k].Scalar();
        const double v = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(v)) return v;
      }
      c.r.error(e[k], p, p + " must be a number", "a number such as 0, 1.5 or 60");
      return std::nullopt;
    };
    x.min = bound("min");
    x.max = bound("max");
    if (e["equals"]) {
      if (e["equals"].IsScalar()) x.equals = e["equals"].Scalar();
      else c.r.error(e["equals"], joinPath(path, "equals"), joinPath(path, "equals") + " must be a single value", "e.g. true, 4, null");
    }
    if (!e["min"] && !e["max"] && !e["equals"])
      c.r.error(e, path, "an expectation needs a bound", "min, max or equals");
    if (x.min && x.max && *x.min > *x.max) c.r.error(e, path, "min is above max: nothing can pass", "min <= max");
    c.s.expect.push_back(x);
  }
}

}  // namespace rmqsim::parse
