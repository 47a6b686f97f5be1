// Brokers (topics and their queues) and consumer groups of a scenario file.
#include <algorithm>
#include <set>

#include "scenario/parse_context.h"
#include "strategy/strategy_registry.h"
#include "util/spellcheck.h"

namespace rmqsim::parse {

namespace {

void readTopic(Context& c, const std::string& path, const std::string& name, const YAML::Node& t, BrokerSpec& b) {
  TopicSpec ts;
  ts.name = name;
  ts.loc = c.r.loc(t, path);
  if (t.IsScalar()) {  // shorthand: orders: 8
    if (auto q = c.r.integer(t, path, 1, 65536)) ts.read_queues = ts.write_queues = static_cast<int>(*q);
    b.topics.push_back(ts);
    return;
  }
  if (!c.r.expectMap(t, path, "{queues: 8} or {read_queues: 8, write_queues: 8, perm: 6}")) return;
  c.r.checkKeys(t, path, {"queues", "read_queues", "write_queues", "perm"}, "topic '" + name + "'");
  if (t["queues"]) {
    if (t["read_queues"] || t["write_queues"])
      c.r.error(t, path, "topic '" + name + "' gives both queues and read_queues/write_queues", "queues, or read_queues with write_queues");
    if (auto q = c.r.integer(t["queues"], joinPath(path, "queues"), 1, 65536)) ts.read_queues = ts.write_queues = static_cast<int>(*q);
  } else if (t["read_queues"] || t["write_queues"]) {
    if (t["read_queues"])
      if (auto q = c.r.integer(t["read_queues"], joinPath(path, "read_queues"), 0, 65536)) ts.read_queues = static_cast<int>(*q);
    if (t["write_queues"])
      if (auto q = c.r.integer(t["write_queues"], joinPath(path, "write_queues"), 0, 65536)) ts.write_queues = static_cast<int>(*q);
  } else {
    c.r.error(t, path, "topic '" + name + "' has no queue count", "queues: N, or read_queues and write_queues");
  }
  if (t["perm"]) {
    if (auto p = c.r.oneOf(t["perm"], joinPath(path, "perm"), {"2", "4", "6"})) ts.perm = std::stoi(*p);
  }
  b.topics.push_back(ts);
}

StrategySpec readStrategy(Context& c, const YAML::Node& n, const std::string& path, const std::string& defaultTopic) {
  StrategySpec spec;
  spec.loc = c.r.loc(n, path);
  const std::vector<std::string> names = strategyNames();
  auto setName = [&](const YAML::Node& at, const std::string& p) {
    if (auto v = c.r.oneOf(at, p, names)) spec.name = *v;
    else spec.name.clear();
  };
  if (n.IsScalar()) {
    setName(n, path);
    return spec;
  }
  if (!c.r.expectMap(n, path, "AVG, or {name: CONSISTENT_HASH, virtual_nodes: 10}")) return spec;
  if (!n["name"]) {
    c.r.error(n, path, path + " needs a name", listText(names));
    spec.name.clear();
    return spec;
  }
  setName(n["name"], joinPath(path, "name"));
  if (spec.name.empty()) return spec;
  std::vector<std::string> keys = {"name"};
  for (const auto& p : findStrategy(spec.name)->params) keys.push_back(p.name);
  c.r.checkKeys(n, path, keys, "strategy " + spec.name);
  for (const auto kv : n) {  // a copy: yaml-cpp's operator-> points into a temporary
    const std::string key = kv.first.Scalar();
    if (key == "name" || std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    std::string value;
    if (kv.second.IsSequence()) {
      for (std::size_t i = 0; i < kv.second.size(); ++i)
        value += (i ? "," : "") + (kv.second[i].IsScalar() ? kv.second[i].Scalar() : std::string("?"));
    } else if (kv.second.IsScalar()) {
      value = kv.second.Scalar();
    } else {
      c.r.error(kv.second, joinPath(path, key), joinPath(path, key) + " must be a value or a list");
      continue;
    }
    if (auto problem = nameProblem(value, std::string::npos)) {
      c.r.error(kv.second, joinPath(path, key), joinPath(path, key) + " " + *problem, "printable characters only");
      continue;
    }
    try {
      setStrategyParam(spec.name, spec.params, key, value, defaultTopic);
    } catch (const std::invalid_argument& e) {
      // The registry's messages may carry their own "; allowed: ..." tail: move it where it belongs.
      std::string message = e.what(), allowed;
      if (const auto cut = message.find("; allowed: "); cut != std::string::npos)
        allowed = message.substr(cut + 11), message.resize(cut);
      if (allowed.empty())
        for (const auto& p : findStrategy(spec.name)->params)
          if (p.name == key) allowed = p.type + " (default " + p.defaultText + ")";
      c.r.error(kv.second, joinPath(path, key), message, allowed);
    }
  }
  return spec;
}

void readClients(Context& c, const YAML::Node& n, const std::string& path, GroupSpec& g) {
  if (n.IsScalar()) {
    if (auto v = c.r.integer(n, path, 0, 1000000)) g.clients = static_cast<int>(*v);
    return;
  }
  if (!c.r.expectMap(n, path, "4, or {count: 4, client_id: \"{ip}@{pid}#{nanotime}\"}, or {ids: [10.0.0.1@1, 10.0.0.2@1]}")) return;
  c.r.checkKeys(n, path, {"count", "client_id", "ids"}, "clients");
  if (n["ids"]) {
    if (auto v = c.r.stringList(n["ids"], joinPath(path, "ids"))) g.client_id.ids = *v;
    g.clients = static_cast<int>(g.client_id.ids.size());
  } else if (!c.r.requireKeys(n, path, {"count"}, path)) {
    return;
  }
  if (n["count"])
    // A count below the ids' number is allowed: the later ids name the clients that `start`
    // events add (a replayed story), in the order they start.
    if (auto v = c.r.integer(n["count"], joinPath(path, "count"), 0, 1000000)) g.clients = static_cast<int>(*v);
  const YAML::Node id = n["client_id"];
  if (!id) return;
  const std::string idPath = joinPath(path, "client_id");
  g.client_id.loc = c.r.loc(id, idPath);
  if (id.IsScalar()) {
    if (auto v = c.r.name(id, idPath)) g.client_id.pattern = *v;
    return;
  }
  if (!c.r.expectMap(id, idPath, "\"{ip}@{pid}#{nanotime}\" or {pattern: ..., ip_base: 10.0.0.0, unit_name: u, rooms: [a, b]}")) return;
  c.r.checkKeys(id, idPath, {"pattern", "ip_base", "unit_name", "rooms"}, "client_id");
  if (id["pattern"]) if (auto v = c.r.name(id["pattern"], joinPath(idPath, "pattern"))) g.client_id.pattern = *v;
  if (id["ip_base"]) {
    if (auto v = c.r.str(id["ip_base"], joinPath(idPath, "ip_base"))) {
      unsigned a, b, cc, d;
      char extra;
      if (std::sscanf(v->c_str(), "%u.%u.%u.%u%c", &a, &b, &cc, &d, &extra) != 4 || a > 255 || b > 255 || cc > 255 || d > 255)
        c.r.error(id["ip_base"], joinPath(idPath, "ip_base"), "'" + shownText(*v) + "' is not an IPv4 address", "e.g. 10.0.0.0");
      else g.client_id.ip_base = *v;
    }
  }
  if (id["unit_name"]) if (auto v = c.r.name(id["unit_name"], joinPath(idPath, "unit_name"))) g.client_id.unit_name = *v;
  if (id["rooms"]) if (auto v = c.r.stringList(id["rooms"], joinPath(idPath, "rooms"))) g.client_id.rooms = *v;
  if (!g.client_id.rooms.empty() && g.client_id.pattern.find("{room}") == std::string::npos)
    c.r.error(id, idPath, "client_id has rooms but its pattern has no {room}", "a pattern such as \"{room}-{ip}@{pid}#{nanotime}\"");
}

/// `rebalance:`; the profile is read before the groups, so a line without server-side assignment
/// (4.9) refuses the modes that need its brokers' QUERY_ASSIGNMENT.
void readRebalance(Context& c, const YAML::Node& n, const std::string& path, GroupSpec& g) {
  const auto v = c.r.oneOf(n, path, rebalanceModeNames());
  if (!v) return;
  g.rebalance = *parseRebalanceMode(*v);
  if (g.rebalance == RebalanceMode::SERVER && !c.s.profile.behaviour.query_assignment)
    c.r.error(n, path,
              "rebalance: " + *v + " needs brokers that answer QUERY_ASSIGNMENT (RocketMQ 5.x); profile " +
                  c.s.profile.name + " has none",
              "client under " + c.s.profile.name + ", or profile: rocketmq-5");
  if (g.rebalance != RebalanceMode::POP) return;
  if (!c.s.profile.behaviour.query_assignment)
    c.r.error(n, path, "rebalance: pop needs 5.x brokers and proxy (POP consumption); profile " + c.s.profile.name + " has none",
              "client under " + c.s.profile.name + ", or profile: rocketmq-5");
  else if (g.model == MessageModel::BROADCASTING)
    c.r.error(n, path, "rebalance: pop with model: broadcasting is not possible (POP is clustering only)",
              "model: clustering, or rebalance: client");
}

/// `message_request_mode:` and `pop_share_queue_num:` (after `rebalance:`, `orderly:` and `model:`):
/// the broker's POP request mode is asked only through QUERY_ASSIGNMENT, which orderly and
/// broadcasting groups never send (RebalancePushImpl.clientRebalance).
void readRequestMode(Context& c, const YAML::Node& gn, const std::string& path, GroupSpec& g) {
  const YAML::Node m = gn["message_request_mode"], q = gn["pop_share_queue_num"];
  const std::string mPath = joinPath(path, "message_request_mode"), qPath = joinPath(path, "pop_share_queue_num");
  if (m) {
    if (auto v = c.r.oneOf(m, mPath, {"pull", "pop"})) g.pop_request_mode = *v == "pop";
    if (g.pop_request_mode && g.rebalance != RebalanceMode::SERVER)
      c.r.error(m, mPath, "message_request_mode: pop is the broker's QUERY_ASSIGNMENT answer: it needs rebalance: server",
                "rebalance: server, or rebalance: pop (the proxy's message-level POP)");
    else if (g.pop_request_mode && g.orderly)
      c.r.error(m, mPath, "message_request_mode: pop with orderly: true is never asked: orderly groups rebalance on the client",
                "orderly: false, or rebalance: pop (FIFO POP)");
    else if (g.pop_request_mode && g.model == MessageModel::BROADCASTING)
      c.r.error(m, mPath, "message_request_mode: pop with model: broadcasting is never asked: broadcasting rebalances on the client",
                "model: clustering");
  }
  if (!q) return;
  // Java takes any int; <= 0 (and >= clients - 1) hands every client every queue.
  if (auto v = c.r.integer(q, qPath, -1, 1000000)) g.pop_share_queue_num = static_cast<int>(*v);
  if (!g.pop_request_mode && (!m || (m.IsScalar() && m.Scalar() == "pull")))  // a misspelt mode is already reported
    c.r.error(q, qPath, "pop_share_queue_num applies only with message_request_mode: pop", "message_request_mode: pop");
}

}  // namespace

void readBrokers(Context& c, const YAML::Node& n) {
  if (!c.r.expectSeq(n, "brokers", "brokers: [{name: broker-a, topics: {orders: {queues: 8}}}]")) return;
  std::set<std::string> names;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = joinPath("brokers", i);
    const YAML::Node b = n[i];
    if (!c.r.expectMap(b, path, "{name: broker-a, topics: {orders: {queues: 8}}}")) continue;
    BrokerSpec bs;
    bs.loc = c.r.loc(b, path);
    if (!b["name"]) c.r.error(b, path, "a broker needs a name", "name: broker-a");
    else if (auto v = c.r.name(b["name"], joinPath(path, "name"))) {
      bs.name = *v;
      if (!names.insert(*v).second) c.r.error(b["name"], joinPath(path, "name"), "two brokers are named '" + *v + "'", "unique broker names");
    }
    c.r.checkKeys(b, path, {"name", "topics", "in_memory_messages"}, bs.name.empty() ? "a broker" : "broker '" + bs.name + "'");
    if (b["in_memory_messages"])
      if (auto v = c.r.integer(b["in_memory_messages"], joinPath(path, "in_memory_messages"), 0, 4000000000000LL))
        bs.in_memory_messages = *v;
    if (const YAML::Node t = b["topics"]) {
      if (c.r.expectMap(t, joinPath(path, "topics"), "topics: {orders: {queues: 8}}")) {
        std::set<std::string> seen;
        for (const auto kv : t) {  // a copy: yaml-cpp's operator-> points into a temporary
          const std::string topic = kv.first.IsScalar() ? kv.first.Scalar() : "";
          if (topic.empty()) {
            c.r.error(kv.first, joinPath(path, "topics"), "a topic name must be a string");
            continue;
          }
          if (auto problem = nameProblem(topic)) {
            c.r.error(kv.first, joinPath(path, "topics"), "a topic name " + *problem,
                      nameRuleText());
            continue;
          }
          if (!seen.insert(topic).second) {  // yaml-cpp keeps both entries of a repeated key
            c.r.error(kv.first, joinPath(joinPath(path, "topics"), topic),
                      "topic '" + topic + "' is given twice on broker '" + bs.name + "'", "each topic once per broker");
            continue;
          }
          readTopic(c, joinPath(joinPath(path, "topics"), topic), topic, kv.second, bs);
          c.topics.insert(topic);
        }
      }
    }
    c.s.brokers.push_back(bs);
  }
  if (n.size() == 0) c.r.error(n, "brokers", "the scenario has no brokers", "at least one broker");
}

void readGroups(Context& c, const YAML::Node& n) {
  if (!c.r.expectSeq(n, "groups", "groups: [{name: g, subscribe: [orders], clients: 4}]")) return;
  std::set<std::string> names;
  const std::vector<std::string> keys = {"name",  "subscribe", "strategy",    "model",        "orderly",
                                         "consume_from", "consume_timestamp", "clients", "retry_queues",
                                         "notify_consumer_ids_changed", "rate_per_client", "rebalance",
                                         "message_request_mode", "pop_share_queue_num", "spread"};
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = joinPath("groups", i);
    const YAML::Node gn = n[i];
    if (!c.r.expectMap(gn, path, "{name: g, subscribe: [orders], clients: 4}")) continue;
    GroupSpec g;
    g.loc = c.r.loc(gn, path);
    if (!gn["name"]) c.r.error(gn, path, "a group needs a name", "name: order-consumer");
    else if (auto v = c.r.name(gn["name"], joinPath(path, "name"))) {
      g.name = *v;
      if (!names.insert(*v).second) c.r.error(gn["name"], joinPath(path, "name"), "two groups are named '" + *v + "'", "unique group names");
    }
    c.r.checkKeys(gn, path, keys, g.name.empty() ? "a group" : "group '" + g.name + "'");
    if (!gn["subscribe"]) {
      c.r.error(gn, path, (g.name.empty() ? path : "group '" + g.name + "'") + " subscribes to nothing", "subscribe: [orders]");
    } else if (auto topics = c.r.stringList(gn["subscribe"], joinPath(path, "subscribe"))) {
      std::vector<std::string> known(c.topics.begin(), c.topics.end());
      for (std::size_t k = 0; k < topics->size(); ++k) {
        const std::string& t = (*topics)[k];
        if (std::find(g.subscribe.begin(), g.subscribe.end(), t) != g.subscribe.end()) {
          c.r.error(gn["subscribe"], joinPath(path, "subscribe"), "topic '" + t + "' is listed twice", "each topic once");
          continue;
        }
        g.subscribe.push_back(t);
        if (!c.topics.count(t)) {
          auto hint = spellcheck(t, known);
          c.r.error(gn["subscribe"].IsSequence() ? gn["subscribe"][k] : gn["subscribe"], joinPath(joinPath(path, "subscribe"), k),
                    "group '" + g.name + "' subscribes to topic '" + t + "', which no broker has", listText(known), hint ? *hint : "");
        }
      }
    }
    if (gn["strategy"])
      g.strategy = readStrategy(c, gn["strategy"], joinPath(path, "strategy"), g.subscribe.empty() ? "" : g.subscribe.front());
    if (gn["model"])
      if (auto v = c.r.oneOf(gn["model"], joinPath(path, "model"), {"clustering", "broadcasting"}))
        g.model = *v == "broadcasting" ? MessageModel::BROADCASTING : MessageModel::CLUSTERING;
    if (gn["orderly"]) if (auto v = c.r.boolean(gn["orderly"], joinPath(path, "orderly"))) g.orderly = *v;
    if (gn["consume_from"])
      if (auto v = c.r.oneOf(gn["consume_from"], joinPath(path, "consume_from"), {"last_offset", "first_offset", "timestamp"}))
        g.consume_from = *v == "first_offset" ? ConsumeFromWhere::CONSUME_FROM_FIRST_OFFSET
                         : *v == "timestamp" ? ConsumeFromWhere::CONSUME_FROM_TIMESTAMP
                                             : ConsumeFromWhere::CONSUME_FROM_LAST_OFFSET;
    if (gn["consume_timestamp"])
      if (auto v = c.r.duration(gn["consume_timestamp"], joinPath(path, "consume_timestamp"), true)) g.consume_timestamp_ms = *v;
    if (gn["clients"]) readClients(c, gn["clients"], joinPath(path, "clients"), g);
    if (gn["retry_queues"])
      if (auto v = c.r.integer(gn["retry_queues"], joinPath(path, "retry_queues"), 1, 1024)) g.retry_queues = static_cast<int>(*v);
    if (gn["notify_consumer_ids_changed"])
      if (auto v = c.r.boolean(gn["notify_consumer_ids_changed"], joinPath(path, "notify_consumer_ids_changed")))
        g.notify_consumer_ids_changed = *v;
    if (gn["rate_per_client"])
      if (auto v = c.r.number(gn["rate_per_client"], joinPath(path, "rate_per_client"), 0, true)) g.rate_per_client = *v;
    if (gn["spread"]) if (auto v = c.r.duration(gn["spread"], joinPath(path, "spread"), true)) g.spread_ms = *v;
    if (gn["rebalance"]) readRebalance(c, gn["rebalance"], joinPath(path, "rebalance"), g);
    readRequestMode(c, gn, path, g);
    c.s.groups.push_back(g);
  }
  if (n.size() == 0) c.r.error(n, "groups", "the scenario has no consumer groups", "at least one group");
}

}  // namespace rmqsim::parse
