// A table of broken scenario files (tests/scenario/broken/), each with the located message it
// must produce: file:line:column, what is wrong, and the allowed values or a did-you-mean; and
// how many problems the file has in all (so a stray or a missing diagnostic fails too).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"
#include "scenario/validator.h"

using namespace rmqsim;

namespace {

struct BrokenCase {
  const char* file;
  const char* where;    ///< "line:column" of the first diagnostic, or "" when it has no single place
  const char* message;  ///< a fragment of the first diagnostic's message
  const char* extra;    ///< a fragment of its allowed list or hint ("" = nothing required)
  std::size_t count;    ///< errors the file yields in all
};

const BrokenCase kCases[] = {
    // unknown keys, with did-you-mean
    {"unknown_key.yaml", "10:5", "unknown key 'strategey' in group 'g'", "did you mean 'strategy'", 1},
    {"unknown_top_key.yaml", "11:1", "unknown key 'duraton' in the scenario", "did you mean 'duration'", 1},
    {"timing_unknown_key.yaml", "12:3", "unknown key 'rebalance_intervall' in timing", "did you mean 'rebalance_interval'", 1},
    {"unknown_strategy_param.yaml", "11:39", "unknown key 'virtual_node' in strategy CONSISTENT_HASH", "did you mean 'virtual_nodes'", 1},
    {"key_not_for_action.yaml", "12:42", "unknown key 'delay' in a crash event", "allowed: at, action, client, clients", 1},
    {"action_missing_target.yaml", "12:5", "a crash event needs one of client, clients", "client, clients", 2},
    {"event_missing_target.yaml", "12:5", "a kill event needs one of client, clients", "client, clients", 1},
    // unknown names
    {"unknown_profile.yaml", "11:10", "profile cannot be 'rocketmq5'", "did you mean 'rocketmq-5'", 1},
    {"unknown_strategy.yaml", "10:15", "groups.0.strategy cannot be 'CONSISTENT_HASHING'", "did you mean 'CONSISTENT_HASH'", 1},
    {"strategy_without_name.yaml", "11:15", "groups.0.strategy needs a name", "CONSISTENT_HASH", 1},
    {"unknown_action.yaml", "12:22", "events.0.action cannot be 'explode'", "rolling_restart", 1},
    {"consume_from_typo.yaml", "11:19", "groups.0.consume_from cannot be 'last_ofset'", "did you mean 'last_offset'", 1},
    {"id_policy_typo.yaml", "12:67", "events.0.id_policy cannot be 'new-ip'", "did you mean 'new_ip'", 1},
    {"bad_perm.yaml", "6:33", "brokers.0.topics.orders.perm cannot be '5'", "2, 4, 6", 1},
    // references to groups, clients, brokers, topics, name servers, report keys
    {"unknown_topic.yaml", "9:17", "subscribes to topic 'ordres', which no broker has", "did you mean 'orders'", 1},
    {"produce_unknown_topic.yaml", "12:13", "no broker has topic 'order'", "did you mean 'orders'", 1},
    {"unknown_group.yaml", "12:36", "no group is named 'gg'", "did you mean 'g'", 1},
    {"unknown_broker.yaml", "12:44", "no broker is named 'broker-b'", "did you mean 'broker-a'", 1},
    {"unknown_client.yaml", "12:5", "names client 'g-5', which has not been started by then", "g-0, g-1", 1},
    {"client_started_later.yaml", "13:5", "the crash event at 1m names client 'g-2', which has not been started by then",
     "N from 0 in start order", 1},
    {"unknown_nameserver.yaml", "13:51", "events.0.nameserver cannot be 'namesrv-2'", "namesrv-0, namesrv-1", 1},
    {"set_queues_topic_not_on_broker.yaml", "15:5", "broker 'broker-b' has no topic 'orders' to resize", "a topic of that broker", 1},
    {"unknown_metric_root.yaml", "12:5", "metric 'sumary.duplicates' does not start with a report key", "did you mean 'summary'", 1},
    {"metric_event_index.yaml", "15:5", "metric 'events.1.convergence_s' names event '1', but the scenario has 1 event(s)",
     "events.0 to events.0", 1},
    {"no_brokers.yaml", "1:1", "the scenario has no brokers", "brokers: [", 2},
    // duplicates
    {"duplicate_group.yaml", "11:11", "two groups are named 'g'", "unique group names", 1},
    {"duplicate_broker.yaml", "6:11", "two brokers are named 'broker-a'", "unique broker names", 1},
    {"duplicate_topic.yaml", "7:7", "topic 'orders' is given twice on broker 'broker-a'", "each topic once", 1},
    {"subscribe_twice.yaml", "9:16", "topic 'orders' is listed twice", "each topic once", 1},
    {"client_listed_twice.yaml", "12:38", "client 'g-0' is listed twice in this event", "each client once", 1},
    // types and units
    {"duration_without_unit.yaml", "2:11", "duration has no unit: '300'", "did you mean '300s'", 1},
    {"event_at_without_unit.yaml", "12:10", "events.0.at has no unit: '60'", "did you mean '60s'", 1},
    {"wrong_type_clients.yaml", "10:14", "groups.0.clients must be an integer, not 'four'", "an integer from 0", 1},
    {"bad_boolean.yaml", "11:14", "groups.0.orderly must be true or false, not 'maybe'", "true, false", 1},
    {"wrong_section_type.yaml", "11:10", "consume must be a map, not '1500'", "rate_per_client", 1},
    {"groups_not_a_list.yaml", "8:3", "groups must be a list, not a map", "groups: [{name: g", 1},
    {"not_a_map.yaml", "1:1", "a scenario must be a map of keys", "duration", 1},
    {"empty.yaml", "", "not an empty document", "brokers, groups", 1},
    {"bad_ip_base.yaml", "10:46", "'10.0.0.300' is not an IPv4 address", "10.0.0.0", 1},
    {"rooms_without_token.yaml", "10:36", "client_id has rooms but its pattern has no {room}", "{room}-{ip}", 1},
    {"queues_and_read_queues.yaml", "6:15", "topic 'orders' gives both queues and read_queues/write_queues", "queues, or", 1},
    // negative, zero, inverted
    {"negative_clients.yaml", "10:14", "groups.0.clients is -3, out of range", "an integer from 0", 1},
    {"start_zero_clients.yaml", "12:46", "events.0.count is 0, out of range", "an integer from 1", 1},
    {"zero_interval.yaml", "4:23", "timing.heartbeat_interval must be longer than 0", "positive duration", 1},
    {"rolling_restart_zero_interval.yaml", "12:59", "events.0.interval must be longer than 0", "positive duration", 1},
    {"bad_strategy_param_value.yaml", "11:54", "parameter virtual_nodes must be >= 0, got -1", "int >= 0 (default 10)", 1},
    {"latency_min_above_max.yaml", "12:12", "network.latency.max is below its min", "min <= max", 1},
    {"expectation_without_bound.yaml", "12:5", "an expectation needs a bound", "min, max or equals", 1},
    // time
    {"event_after_end.yaml", "12:5", "this start event at 10m is after the end of the run (duration 5m)", "at <= duration", 1},
    // sizes that could not fit in memory
    {"too_many_clients.yaml", "8:3", "300000 clients in all: too many to simulate in memory", "at most 200000", 1},
    {"too_many_queues.yaml", "4:3", "2031624 queues in all: too many to simulate in memory", "at most 2000000", 1},
    {"duration_too_long.yaml", "2:11", "duration 31d is too long to simulate", "at most 30d", 1},
    {"set_queues_too_many.yaml", "4:3", "the brokers hold 2031616 queues in all (each topic at its largest, set_queues events included)",
     "at most 2000000", 1},
    {"client_queue_pairs.yaml", "8:5", "group 'g' has 40000 clients over 65537 queues", "at most 2000000000", 1},
    // hostile input (issue 20): ranges bounded before they expand, names bounded and printable
    {"config_queue_range_huge.yaml", "10:38", "queue id 100000000 in 'broker-a:0-100000000' is above 65535",
     "queue ids 0..65535 (a topic has at most 65536 queues)", 1},
    {"config_queue_list_too_long.yaml", "10:38", "queue id 2147483647 in 'broker-a:0-2147483647' is above 65535", "queue ids 0..65535", 2},
    {"name_too_long.yaml", "8:11", "groups.0.name is 300 characters long", "at most 255 characters, none of them control characters", 2},
    {"control_char_in_name.yaml", "8:11", "groups.0.name holds control character U+0000 at character 2", "NUL, tab, newline, escape", 2},
    {"control_char_in_broker_topic.yaml", "6:7", "a topic name holds control character U+0009 at character 4", "at most 255 characters", 3},
    {"metric_path_too_long.yaml", "10:43", "groups.0.strategy.rooms holds control character U+0009 at character 5", "printable characters only", 2},
    {"nul_byte_raw.yaml", "1:7", "name holds control character", "NUL", 1},
    // YAML itself: yaml-cpp's errors re-located, never raw
    {"invalid_yaml.yaml", "6:1", "invalid YAML: end of map flow not found", "", 1},
    {"tab_indentation.yaml", "4:2", "invalid YAML", "", 1},
    {"two_documents.yaml", "12:1", "the file holds 2 YAML documents; a scenario is one", "one document", 1},
    {"stray_comma.yaml", "4:1", "invalid YAML: unexpected ',' where a value or key should start", "only inside [ ] or { }", 1},
};

std::string brokenPath(const char* file) { return std::string(RMQSIM_TESTS_DIR) + "/scenario/broken/" + file; }

}  // namespace

TEST_CASE("scenario/broken files/each yields its located message") {
  for (const BrokenCase& c : kCases) {
    CAPTURE(c.file);
    const std::string path = brokenPath(c.file);
    try {
      loadScenarioFile(path);
      FAIL_CHECK("loaded without error");
    } catch (const ScenarioError& e) {
      REQUIRE_FALSE(e.diagnostics().empty());
      const Diagnostic& d = e.diagnostics().front();
      CAPTURE(renderDiagnostics(e.diagnostics(), false));
      const std::string where = d.loc.line ? std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) : "";
      CHECK(d.loc.file == path);
      CHECK(where == c.where);
      CHECK(d.message.find(c.message) != std::string::npos);
      const std::string rendered = renderDiagnostics({d}, false);
      CHECK(rendered.find(c.extra) != std::string::npos);
      CHECK(e.diagnostics().size() == c.count);
    }
  }
}

TEST_CASE("scenario/broken files/every fixture is in the table") {
  std::set<std::string> listed;
  for (const BrokenCase& c : kCases) listed.insert(c.file);
  for (const auto& entry : std::filesystem::directory_iterator(std::string(RMQSIM_TESTS_DIR) + "/scenario/broken")) {
    CAPTURE(entry.path().filename().string());
    CHECK(listed.count(entry.path().filename().string()) == 1);
  }
  CHECK(listed.size() == std::size(kCases));  // no file listed twice
}

TEST_CASE("scenario/broken files/every problem of a file is reported at once, in file order") {
  const char* yaml = "name: x\nduration: 5\nbrokers: []\ngroups:\n  - name: g\n    subscribe: [nope]\n    clients: x\n    colour: red\n";
  try {
    parseScenarioText(yaml, "multi.yaml");
    FAIL("expected errors");
  } catch (const ScenarioError& e) {
    const std::string text = renderDiagnostics(e.diagnostics(), false);
    CAPTURE(text);
    CHECK(e.diagnostics().size() == 5);  // duration unit, no brokers, unknown topic, clients type, unknown key
    const std::vector<const char*> inOrder = {
        "multi.yaml:2:11: error: duration has no unit",
        "multi.yaml:3:10: error: the scenario has no brokers",
        "multi.yaml:6:17: error: group 'g' subscribes to topic 'nope', which no broker has",
        "multi.yaml:7:14: error: groups.0.clients must be an integer",
        "multi.yaml:8:5: error: unknown key 'colour' in group 'g'",
        "5 errors",
    };
    std::size_t at = 0;
    for (const std::string line : inOrder) {
      CAPTURE(line);
      const std::size_t found = text.find(line, at);
      CHECK(found != std::string::npos);
      if (found != std::string::npos) at = found;
    }
  }
}

TEST_CASE("scenario/broken files/a missing file is one diagnostic naming it") {
  try {
    loadScenarioFile("no/such/file.yaml");
    FAIL("expected an error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].loc.file == "no/such/file.yaml");
    CHECK(std::string(e.what()).find("no/such/file.yaml: error: cannot read the scenario file") == 0);
  }
}

TEST_CASE("scenario/broken files/more events than the limit are refused up front") {
  std::string yaml = "duration: 1h\nbrokers: [{name: b, topics: {t: {queues: 1}}}]\ngroups: [{name: g, subscribe: [t], clients: 1}]\nevents:\n";
  for (long long i = 0; i <= kMaxEvents; ++i) yaml += "  - {at: 1m, action: pause, client: g-0}\n";
  try {
    parseScenarioText(yaml, "many.yaml");
    FAIL("expected an error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].message == std::to_string(kMaxEvents + 1) + " events: too many");
    CHECK(e.diagnostics()[0].loc.line == 5);
  }
}

// Issue 20: hostile inputs too large to keep as fixture files, and the same classes through --set.
namespace {

std::vector<Diagnostic> refusal(const std::string& yaml, const std::vector<std::string>& sets = {}) {
  try {
    parseScenarioText(yaml, "hostile.yaml", sets);
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  FAIL("loaded without error");
  return {};
}

}  // namespace

TEST_CASE("scenario/broken files/a 150 KB group name and an unknown 150 KB client are refused at once") {
  const std::string big(150000, 'g');
  const std::string yaml = "duration: 5m\nbrokers: [{name: b, topics: {t: 8}}]\ngroups:\n  - {name: " + big +
                           ", subscribe: [t], clients: 2}\nevents:\n  - {at: 1m, action: crash, client: " + big + "-c}\n";
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Diagnostic> d = refusal(yaml);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5);  // the quadratic did-you-mean took over a minute
  REQUIRE(d.size() == 2);
  CHECK(d[0].loc.line == 4);
  CHECK(d[0].loc.column == 12);
  CHECK(d[0].message == "groups.0.name is 150000 characters long");
  CHECK(d[0].allowed.find("at most 255 characters") != std::string::npos);
  CHECK(d[1].loc.line == 6);
  CHECK(d[1].message == "events.0.client is 150002 characters long");
  CHECK(renderDiagnostics(d, false).size() < 1000);  // the name is not echoed
}

TEST_CASE("scenario/broken files/unknown names near the client limit are checked in bounded time") {
  // 300 groups of a million clients: refused by the client limit, without listing 300 million names.
  std::string yaml = "duration: 1m\nbrokers: [{name: b, topics: {t: 1}}]\ngroups:\n";
  for (int g = 0; g < 300; ++g) yaml += "  - {name: g" + std::to_string(g) + ", subscribe: [t], clients: 1000000}\n";
  yaml += "events:\n  - {at: 1s, action: crash, client: g299-999999}\n";
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Diagnostic> d = refusal(yaml);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 20);
  bool limit = false;
  for (const Diagnostic& x : d) limit |= x.message.find("300000000 clients in all: too many") != std::string::npos;
  CHECK(limit);
}

TEST_CASE("scenario/broken files/--set values follow the same rules for names, ranges and paths") {
  const std::string base = "duration: 5m\nbrokers: [{name: b, topics: {t: 8}}]\ngroups: [{name: g, subscribe: [t], clients: 2}]\n";
  auto one = [&](const std::string& set) {
    const std::vector<Diagnostic> d = refusal(base, {set});
    REQUIRE(d.size() == 1);
    CHECK(d[0].loc.file.rfind("--set ", 0) == 0);
    return d[0];
  };
  CHECK(one("groups.0.name=\"g\\0h\"").message == "groups.0.name holds control character U+0000 at character 2");
  CHECK(one("groups.0.name=" + std::string(256, 'n')).message == "groups.0.name is 256 characters long");
  CHECK(one("brokers.0.name=\"b\\e[2J\"").message == "brokers.0.name holds control character U+001B at character 2");
  CHECK(one("groups.0.strategy={name: CONFIG, queues: 'b:0-2147483647'}").message ==
        "queue id 2147483647 in 'b:0-2147483647' is above 65535");
  CHECK(one("expect=[{metric: final." + std::string(1100, 'x') + ", max: 1}]").message == "expect.0.metric is 1106 characters long");
  CHECK(one("description=" + std::string(10001, 'd')).message == "description is 10001 characters long");
  CHECK(one("description=\"tab\\tok, bell\\a not\"").message == "description holds control character U+0007 at character 13");
  CHECK(parseScenarioText(base, "ok.yaml", {"description=\"two\\nlines\\tand a tab\""}).description == "two\nlines\tand a tab");
  const Diagnostic key = one(std::string(150000, 'k') + "=1");  // an unknown 150 KB key: bounded did-you-mean, cut display
  CHECK(key.message.find("unknown key 'kkk") == 0);
  CHECK(renderDiagnostics({key}, false).size() < 1000);
  CHECK(one("name=\"a\\x01b\"").message == "name holds control character U+0001 at character 2");
  const std::string rendered = renderDiagnostics(refusal(base, {"name=a\x01" "b"}), false);
  CHECK(rendered.find("--set name=a\\x01b") != std::string::npos);  // the --set text itself is shown escaped
  CHECK(rendered.find('\x01') == std::string::npos);
}
