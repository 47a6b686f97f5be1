#include "scenario/scenario_parser.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "scenario/duration.h"
#include "scenario/overrides.h"
#include "scenario/parse_context.h"
#include "scenario/phase.h"
#include "scenario/profiles.h"
#include "scenario/validator.h"
#include "util/spellcheck.h"

namespace rmqsim {

namespace {

/// Where each YAML document of a text starts, and its root node; nothing else is kept.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    marks.push_back(mark);
    roots.push_back(mark);
    rootSeen = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { node(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { node(m); }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { node(m); }
  void OnMapEnd() override {}
  std::vector<YAML::Mark> marks;  ///< each document's start
  std::vector<YAML::Mark> roots;  ///< each document's root node

 private:
  void node(const YAML::Mark& m) {
    if (!rootSeen && !roots.empty()) roots.back() = m;
    rootSeen = true;
  }
  bool rootSeen = false;
};

/// The text's documents. yaml-cpp 0.7's LoadAll never ends on a token no rule
/// consumes (a ',' outside [ ] or { }: jbeder/yaml-cpp#1040, fixed upstream by #1319): each
/// further "document" starts where the last one did. That is reported as invalid YAML there.
DocumentStarts readDocuments(const std::string& text, const std::string& displayName) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts starts;
  while (parser.HandleNextDocument(starts)) {
    const auto n = starts.marks.size();
    if (n >= 2 && starts.marks[n - 1].pos == starts.marks[n - 2].pos) {
      const YAML::Mark& m = starts.marks[n - 1];
      const auto pos = static_cast<std::size_t>(m.pos);
      const std::string what = pos < text.size() ? std::string("'") + text[pos] + "'" : "input";
      throw ScenarioError({Diagnostic{SourceLoc{displayName, m.line + 1, m.column + 1},
                                      "invalid YAML: unexpected " + what + " where a value or key should start",
                                      "a map of scenario keys; ',' separates items only inside [ ] or { }", "", false}});
    }
  }
  return starts;
}

using parse::Context;


const std::vector<std::string> kTopKeys = {"name",    "description", "seed",    "duration", "profile",
                                           "timing",  "behaviour",   "network", "nameservers", "brokers",
                                           "groups",  "produce",     "consume", "events",   "expect", "phase"};

// Problems in reading order: --set first (the command line), then by place in the file, then
// whole-scenario ones (limits), each group in the order found.
void sortDiagnostics(std::vector<Diagnostic>& d) {
  auto rank = [](const Diagnostic& x) { return x.loc.file.rfind("--set", 0) == 0 ? 0 : x.loc.line > 0 ? 1 : 2; };
  std::stable_sort(d.begin(), d.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) != 1) return false;
    return std::pair(a.loc.line, a.loc.column) < std::pair(b.loc.line, b.loc.column);
  });
}

// A removed timing:/behaviour: key gets its own message (what it was, why it went) instead of
// "unknown key"; returns the map without such keys for checkKeys, so nothing is reported twice.
YAML::Node rejectRemovedKeys(Context& c, const YAML::Node& map, const std::string& section) {
  const bool any = std::any_of(removedKeys().begin(), removedKeys().end(),
                               [&](const RemovedKey& r) { return section == r.section && map[r.name]; });
  if (!any) return map;  // as given, so checkKeys still sees a key given twice
  YAML::Node rest(YAML::NodeType::Map);
  for (const auto kv : map) {  // a copy: yaml-cpp's operator-> points into a temporary
    const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "";
    const auto removed = std::find_if(removedKeys().begin(), removedKeys().end(),
                                      [&](const RemovedKey& r) { return section == r.section && k == r.name; });
    if (removed == removedKeys().end()) rest[kv.first] = kv.second;
    else c.r.error(kv.first, joinPath(section, k), section + "." + k + " was removed: " + removed->why,
                   "delete the key; `rmq-rebalance-sim profiles` lists the " + section + ": keys");
  }
  return rest;
}

void readProfile(Context& c, const YAML::Node& root) {
  std::string name = "rocketmq-5";
  if (root["profile"]) {
    std::vector<std::string> names;
    for (const Profile& p : builtinProfiles()) names.push_back(p.name);
    if (auto v = c.r.oneOf(root["profile"], "profile", names)) name = *v;
  }
  c.s.profile = *findProfile(name);
  if (const YAML::Node t = root["timing"]) {
    std::vector<std::string> keys;
    for (const auto& k : timingKeys()) keys.push_back(k.name);
    if (c.r.expectMap(t, "timing", "timing: {heartbeat_interval: 30s}")) {
      c.r.checkKeys(rejectRemovedKeys(c, t, "timing"), "timing", keys, "timing");
      for (const auto& k : timingKeys())
        if (t[k.name])
          if (auto d = c.r.duration(t[k.name], joinPath("timing", k.name), k.allowZero)) c.s.profile.timing.*k.member = *d;
    }
  }
  if (const YAML::Node b = root["behaviour"]) {
    std::vector<std::string> keys;
    for (const auto& k : behaviourKeys()) keys.push_back(k.name);
    if (c.r.expectMap(b, "behaviour", "behaviour: {real_time_notify: false}")) {
      c.r.checkKeys(rejectRemovedKeys(c, b, "behaviour"), "behaviour", keys, "behaviour");
      for (const auto& k : behaviourKeys())
        if (b[k.name])
          if (auto v = c.r.boolean(b[k.name], joinPath("behaviour", k.name))) c.s.profile.behaviour.*k.member = *v;
    }
  }
}

void readNetwork(Context& c, const YAML::Node& n) {
  if (!c.r.expectMap(n, "network", "network: {latency: 2ms}")) return;
  c.r.checkKeys(n, "network", {"latency"}, "network");
  const YAML::Node lat = n["latency"];
  if (!lat) return;
  if (lat.IsMap()) {
    c.r.checkKeys(lat, "network.latency", {"min", "max"}, "network.latency");
    c.r.requireKeys(lat, "network.latency", {"min", "max"}, "network.latency");
    // Assigned, not initialised from `key ? duration(...) : nullopt`: GCC 12 then warns that
    // the optional may be used uninitialised (-Wmaybe-uninitialized, GCC bug 80635).
    std::optional<SimTime> lo, hi;
    if (lat["min"]) lo = c.r.duration(lat["min"], "network.latency.min", true);
    if (lat["max"]) hi = c.r.duration(lat["max"], "network.latency.max", true);
    if (!lo || !hi) return;
    if (*hi < *lo) c.r.error(lat, "network.latency", "network.latency.max is below its min", "min <= max");
    else c.s.latency = LatencySpec{*lo, *hi};
  } else if (auto d = c.r.duration(lat, "network.latency", true)) {
    c.s.latency = LatencySpec{*d, *d};
  }
}

void readProduce(Context& c, const YAML::Node& n) {
  if (!c.r.expectSeq(n, "produce", "produce: [{topic: orders, rate: 2000}]")) return;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = joinPath("produce", i);
    const YAML::Node p = n[i];
    if (!c.r.expectMap(p, path, "{topic: orders, rate: 2000}")) continue;
    c.r.checkKeys(p, path, {"topic", "rate"}, "a produce entry");
    if (!c.r.requireKeys(p, path, {"topic", "rate"}, "a produce entry")) continue;
    ProduceSpec ps;
    ps.loc = c.r.loc(p, path);
    if (auto t = c.r.name(p["topic"], joinPath(path, "topic"))) {
      ps.topic = *t;
      if (!c.topics.count(*t)) {
        std::vector<std::string> known(c.topics.begin(), c.topics.end());
        auto hint = spellcheck(*t, known);
        c.r.error(p["topic"], joinPath(path, "topic"), "no broker has topic '" + *t + "'", listText(known), hint ? *hint : "");
      }
    }
    if (auto r = c.r.number(p["rate"], joinPath(path, "rate"), 0, false)) ps.rate = *r;
    c.s.produce.push_back(ps);
  }
}

void readConsume(Context& c, const YAML::Node& n) {
  if (!c.r.expectMap(n, "consume", "consume: {rate_per_client: 1500}")) return;
  c.r.checkKeys(n, "consume", {"rate_per_client", "pull_batch_size", "pull_threshold_for_queue"}, "consume");
  c.s.consume.loc = c.r.loc(n, "consume");
  if (n["rate_per_client"])
    if (auto v = c.r.number(n["rate_per_client"], "consume.rate_per_client", 0, true)) c.s.consume.rate_per_client = *v;
  if (n["pull_batch_size"])
    if (auto v = c.r.integer(n["pull_batch_size"], "consume.pull_batch_size", 1, 1024)) c.s.consume.pull_batch_size = static_cast<int>(*v);
  if (n["pull_threshold_for_queue"])  // DefaultMQPushConsumerImpl.checkConfig: 1..65535
    if (auto v = c.r.integer(n["pull_threshold_for_queue"], "consume.pull_threshold_for_queue", 1, 65535))
      c.s.consume.pull_threshold_for_queue = static_cast<int>(*v);
}

Scenario parseTree(YAML::Node root, const std::string& name, const std::vector<std::string>& sets,
                   std::optional<std::uint64_t> seed) {
  YamlReader reader(name);
  std::vector<Diagnostic> setErrors;
  for (const std::string& text : sets) {
    Override o;
    try {
      o = parseOverride(text);
    } catch (const ScenarioError& e) {
      for (const auto& d : e.diagnostics()) setErrors.push_back(d);
      continue;
    }
    for (const std::string& p : applyOverride(root, o, setErrors)) reader.addOverride(p, o.text);
  }
  if (!setErrors.empty()) throw ScenarioError(setErrors);

  Scenario s;
  s.file = name;
  Context c{reader, s, {}};
  if (!root.IsMap()) {
    reader.error(root, "", "a scenario must be a map of keys (name, duration, brokers, groups, ...), not " +
                               std::string(root.IsSequence() ? "a list" : root.IsNull() ? "an empty document" : "a single value"),
                 listText(kTopKeys));
    throw ScenarioError(reader.diagnostics());
  }
  reader.checkKeys(root, "", kTopKeys, "the scenario");
  if (root["name"]) { if (auto v = reader.name(root["name"], "name")) s.name = *v; }
  else s.name = shownText(name.substr(name.find_last_of('/') == std::string::npos ? 0 : name.find_last_of('/') + 1), kMaxNameLength);
  if (root["description"]) {
    if (auto v = reader.name(root["description"], "description", kMaxDescriptionLength, true)) s.description = *v;
  }
  if (root["seed"]) { if (auto v = reader.integer(root["seed"], "seed", 0, 1LL << 62)) s.seed = static_cast<std::uint64_t>(*v); }
  if (seed) s.seed = *seed;
  if (root["duration"]) { if (auto v = reader.duration(root["duration"], "duration", false)) s.duration_ms = *v; }
  std::optional<SimTime> phase;
  if (root["phase"]) phase = readPhase(reader, root["phase"]);
  readProfile(c, root);
  if (root["network"]) readNetwork(c, root["network"]);
  if (root["nameservers"])
    if (auto v = reader.integer(root["nameservers"], "nameservers", 1, 16)) s.nameservers = static_cast<int>(*v);
  if (root["brokers"]) parse::readBrokers(c, root["brokers"]);
  else reader.error(root, "", "the scenario has no brokers", "brokers: [{name: broker-a, topics: {orders: {queues: 8}}}]");
  if (root["groups"]) parse::readGroups(c, root["groups"]);
  else reader.error(root, "", "the scenario has no consumer groups", "groups: [{name: g, subscribe: [orders], clients: 4}]");
  if (root["produce"]) readProduce(c, root["produce"]);
  if (root["consume"]) readConsume(c, root["consume"]);
  if (root["events"]) parse::readEvents(c, root["events"]);
  if (root["expect"]) parse::readExpect(c, root["expect"]);
  parse::validate(c, root);
  if (!reader.diagnostics().empty()) {
    sortDiagnostics(reader.diagnostics());
    throw ScenarioError(reader.diagnostics());
  }
  if (phase) applyPhase(s, *phase);  // after validation: messages name the times as written
  return s;
}

}  // namespace

Scenario parseScenarioText(std::string_view yaml, const std::string& displayName, const std::vector<std::string>& sets,
                           std::optional<std::uint64_t> seed) {
  YAML::Node root;
  try {
    const std::string text(yaml);
    const DocumentStarts docs = readDocuments(text, displayName);
    root = YAML::Load(text);  // the first document (YAML::Load would silently drop the rest)
    if (docs.marks.size() > 1) {
      const YAML::Mark m = docs.roots[1];
      throw ScenarioError({Diagnostic{SourceLoc{displayName, m.line >= 0 ? m.line + 1 : 0, m.line >= 0 ? m.column + 1 : 0},
                                      "the file holds " + std::to_string(docs.marks.size()) + " YAML documents; a scenario is one",
                                      "one document: remove the '---' separators or split the file", "", false}});
    }
  } catch (const YAML::Exception& e) {
    SourceLoc loc{displayName, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0};
    throw ScenarioError({Diagnostic{loc, "invalid YAML: " + e.msg, "", "", false}});
  }
  try {
    return parseTree(root, displayName, sets, seed);
  } catch (const ScenarioError&) {
    throw;
  } catch (const YAML::Exception& e) {  // defensive: a yaml-cpp conversion we did not anticipate
    SourceLoc loc{displayName, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0};
    throw ScenarioError({Diagnostic{loc, "unreadable value: " + e.msg, "", "", false}});
  }
}

Scenario loadScenarioFile(const std::string& path, const std::vector<std::string>& sets, std::optional<std::uint64_t> seed) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({Diagnostic{SourceLoc{path, 0, 0}, "cannot read the scenario file (missing or not readable)",
                                           "a YAML scenario such as scenarios/scale_out.yaml", "", false}});
  std::stringstream ss;
  ss << in.rdbuf();
  return parseScenarioText(ss.str(), path, sets, seed);
}

}  // namespace rmqsim
