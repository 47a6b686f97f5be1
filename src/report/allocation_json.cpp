// The JSON side of `allocate` (contract §5): queues and outcomes in the golden vectors' shape,
// and one `--cases` line evaluated to its output object. Pure (no I/O), so the fuzz target and
// the CLI share it.
#include "report/allocation_json.h"

#include <memory>
#include <set>
#include <stdexcept>

#include "util/name_rules.h"
#include "util/spellcheck.h"

namespace rmqsim {

nlohmann::ordered_json queueJson(const MessageQueue& mq) {
  nlohmann::ordered_json j;
  j["topic"] = mq.topic;
  j["brokerName"] = mq.brokerName;
  j["queueId"] = mq.queueId;
  return j;
}

nlohmann::ordered_json outcomeJson(const AllocateOutcome& outcome) {
  if (outcome.error) {
    nlohmann::ordered_json e;
    e["error"] = "IllegalArgumentException";
    e["message"] = *outcome.error;
    return e;
  }
  if (!outcome.result) return nullptr;
  auto a = nlohmann::ordered_json::array();
  for (const auto& mq : *outcome.result) a.push_back(queueJson(mq));
  return a;
}

AllocateOutcome allocateOne(const AllocateMessageQueueStrategy& strategy, const std::string& consumerGroup,
                            const std::string& cid, const std::vector<MessageQueue>& mqAll,
                            const std::vector<std::string>& cidAll) {
  AllocateOutcome out;
  try {
    out.result = strategy.allocate(consumerGroup, cid, mqAll, cidAll);
  } catch (const IllegalArgumentError& e) {
    out.error = e.what();
  }
  return out;
}

std::string didYouMeanSuffix(std::string_view word, const std::vector<std::string>& candidates) {
  auto best = spellcheck(word, candidates);
  return best ? " (did you mean '" + *best + "'?)" : "";
}

std::string unknownStrategyMessage(std::string_view name) {
  std::string allowed;
  for (const auto& n : strategyNames()) allowed += (allowed.empty() ? "" : ", ") + n;
  return "unknown strategy '" + shownText(name) + "'" + didYouMeanSuffix(name, strategyNames()) +
         "; allowed: " + allowed + " (see `rmq-rebalance-sim strategies`)";
}

namespace {

using Json = nlohmann::ordered_json;

// A case line that cannot be run: the message says which field and what is allowed.
struct InvalidCase {
  std::string what;
};

const Json& field(const Json& j, const char* key, bool (Json::*isType)() const noexcept, const char* typeName) {
  if (!j.contains(key)) throw InvalidCase{std::string("missing field '") + key + "'"};
  const Json& v = j.at(key);
  if (!(v.*isType)()) throw InvalidCase{std::string("field '") + key + "' must be " + typeName + ", got " + v.type_name()};
  return v;
}

std::vector<MessageQueue> queuesOf(const Json& arr, const std::string& where) {
  std::vector<MessageQueue> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const Json& q = arr[i];
    std::string at = where + "[" + std::to_string(i) + "]";
    if (!q.is_object()) throw InvalidCase{at + " must be an object {topic, brokerName, queueId}"};
    for (const char* k : {"topic", "brokerName"})
      if (!q.contains(k) || !q[k].is_string()) throw InvalidCase{at + "." + k + " must be a string"};
    if (!q.contains("queueId") || !q["queueId"].is_number_integer() || q["queueId"].get<long long>() < INT32_MIN ||
        q["queueId"].get<long long>() > INT32_MAX)
      throw InvalidCase{at + ".queueId must be a 32-bit integer"};
    out.push_back(MessageQueue{q["topic"].get<std::string>(), q["brokerName"].get<std::string>(), q["queueId"].get<int>()});
  }
  return out;
}

int virtualNodesOf(const Json& p, const std::string& where) {
  if (!p.contains("virtualNodeCnt")) return 10;  // the no-argument constructor
  if (!p["virtualNodeCnt"].is_number_integer()) throw InvalidCase{where + "virtualNodeCnt must be an integer"};
  return p["virtualNodeCnt"].get<int>();
}

StrategyParams paramsOf(const std::string& strategy, const Json& p) {
  if (!p.is_object()) throw InvalidCase{"field 'params' must be an object"};
  StrategyParams params;
  if (strategy == "CONSISTENT_HASH") params.virtualNodeCnt = virtualNodesOf(p, "params.");
  if (strategy == "CONFIG" && p.contains("messageQueueList") && !p["messageQueueList"].is_null()) {
    if (!p["messageQueueList"].is_array()) throw InvalidCase{"params.messageQueueList must be an array or null"};
    params.messageQueueList = queuesOf(p["messageQueueList"], "params.messageQueueList");
  }
  if (strategy == "MACHINE_ROOM") {
    if (!p.contains("consumeridcs") || !p["consumeridcs"].is_array())
      throw InvalidCase{"params.consumeridcs must be an array of room names"};
    for (const auto& r : p["consumeridcs"]) {
      if (!r.is_string()) throw InvalidCase{"params.consumeridcs must hold strings only"};
      params.consumeridcs.push_back(r.get<std::string>());
    }
  }
  if (strategy == "MACHINE_ROOM_NEARBY") {
    if (p.contains("resolver")) {
      if (!p["resolver"].is_string()) throw InvalidCase{"params.resolver must be a string"};
      params.resolver = p["resolver"].get<std::string>();
    }
    if (p.contains("inner")) {
      if (!p["inner"].is_string()) throw InvalidCase{"params.inner must be a strategy name"};
      params.inner = p["inner"].get<std::string>();
    }
    if (p.contains("innerParams")) {
      if (!p["innerParams"].is_object()) throw InvalidCase{"params.innerParams must be an object"};
      params.innerVirtualNodeCnt = virtualNodesOf(p["innerParams"], "params.innerParams.");
    }
  }
  return params;
}

Json runCase(const Json& j) {
  if (!j.is_object()) throw InvalidCase{"a case must be a JSON object"};
  const std::string strategyName = field(j, "strategy", &Json::is_string, "a string").get<std::string>();
  if (!findStrategy(strategyName)) throw InvalidCase{unknownStrategyMessage(strategyName)};
  StrategyParams params = j.contains("params") ? paramsOf(strategyName, j["params"]) : StrategyParams{};
  std::string group;
  if (j.contains("consumerGroup")) group = field(j, "consumerGroup", &Json::is_string, "a string").get<std::string>();
  std::vector<MessageQueue> mqAll = queuesOf(field(j, "mqAll", &Json::is_array, "an array of queues"), "mqAll");
  std::vector<std::string> cidAll;
  for (const auto& c : field(j, "cidAll", &Json::is_array, "an array of client ids")) {
    if (!c.is_string()) throw InvalidCase{"field 'cidAll' must hold strings only"};
    cidAll.push_back(c.get<std::string>());
  }
  std::string outsider = field(j, "outsiderCid", &Json::is_string, "a string").get<std::string>();

  Json out;
  out["id"] = j["id"];
  out["allocation"] = Json::object();
  std::unique_ptr<AllocateMessageQueueStrategy> strategy;
  try {
    strategy = makeStrategy(strategyName, params);
  } catch (const IllegalArgumentError& e) {  // the Java constructor threw: so does every call
    AllocateOutcome err{std::nullopt, std::string(e.what())};
    for (const auto& cid : cidAll)
      if (!out["allocation"].contains(cid)) out["allocation"][cid] = outcomeJson(err);
    out["outsider"] = outcomeJson(err);
    return out;
  } catch (const std::invalid_argument& e) {
    throw InvalidCase{std::string("params: ") + e.what()};
  }
  auto outcomes = strategy->allocateAll(group, mqAll, cidAll);
  for (std::size_t i = 0; i < cidAll.size(); ++i)
    if (!out["allocation"].contains(cidAll[i])) out["allocation"][cidAll[i]] = outcomeJson(outcomes[i]);
  out["outsider"] = outcomeJson(allocateOne(*strategy, group, outsider, mqAll, cidAll));
  return out;
}

// nlohmann's text without its "[json.exception.parse_error.101] " prefix.
std::string jsonErrorText(const std::exception& e) {
  std::string text = e.what();
  if (auto close = text.find("] "); text.rfind("[json.exception.", 0) == 0 && close != std::string::npos)
    text = text.substr(close + 2);
  return text;
}

}  // namespace

CaseLineResult allocateCaseLine(const std::string& line, const std::string& where, std::size_t lineNo) {
  CaseLineResult r;
  Json parsed;
  try {
    parsed = Json::parse(line);
    if (!parsed.is_object() || !parsed.contains("id")) throw InvalidCase{parsed.is_object() ? "missing field 'id'" : "a case must be a JSON object"};
    r.output = runCase(parsed);
  } catch (const Json::exception& e) {
    // parse_error, and out_of_range for a number too large for a double (fuzzing found it).
    r.output = Json{{"id", nullptr}, {"invalid", where + ":" + std::to_string(lineNo) + ": not valid JSON: " + jsonErrorText(e)}};
    r.invalid = true;
  } catch (const InvalidCase& e) {
    r.output = Json{{"id", parsed.is_object() && parsed.contains("id") ? parsed["id"] : Json()},
                    {"invalid", where + ":" + std::to_string(lineNo) + ": " + e.what}};
    r.invalid = true;
  }
  return r;
}


}  // namespace rmqsim
