// TopicRouteData as RemotingSerializable.toJson(true) prints it with fastjson 1.x: tab-indented,
// keys sorted, null fields left out, and HashMap<Long, String> keys bare ({0:"10.0.0.1:10911"}).
// The bare keys are quoted, then yaml-cpp reads the result (JSON is YAML) with a mark per node,
// mapped back to the file's own line and column.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "import/topic_route.h"

namespace rmqsim {
namespace {

struct QuotedText {
  std::string text;
  std::vector<std::size_t> origin;  ///< origin[i]: offset in the file of text[i]
};

// Quotes a key that starts with a digit or '-' where an object expects a key.
QuotedText quoteBareKeys(std::string_view in, std::size_t base) {
  QuotedText out;
  std::vector<char> stack;  // '{' or '['
  bool inString = false, expectKey = false;
  auto put = [&](char c, std::size_t at) { out.text += c, out.origin.push_back(at); };
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (inString) {
      put(c, base + i);
      if (c == '\\' && i + 1 < in.size()) {
        ++i;
        put(in[i], base + i);
      } else if (c == '"') {
        inString = false;
      }
      continue;
    }
    if (expectKey && !stack.empty() && stack.back() == '{' && (std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      std::size_t j = i;
      while (j < in.size() && (std::isdigit(static_cast<unsigned char>(in[j])) || in[j] == '-')) ++j;
      put('"', base + i);
      for (std::size_t k = i; k < j; ++k) put(in[k], base + k);
      put('"', base + j - 1);
      i = j - 1;
      expectKey = false;
      continue;
    }
    if (c == '"') inString = true;
    if (c == '{' || c == '[') stack.push_back(c);
    if ((c == '}' || c == ']') && !stack.empty()) stack.pop_back();
    if (c == '{' || c == ',') expectKey = true;
    else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') expectKey = false;
    put(c, base + i);
  }
  return out;
}

class RouteReader {
 public:
  RouteReader(const SourceText& src, const QuotedText& q) : src_(src), q_(q) {}

  [[noreturn]] void fail(const YAML::Mark& m, std::string message, std::string allowed = "") const {
    auto [line, column] = position(m.pos);
    failAt(src_, line, column, std::move(message), std::move(allowed));
  }

  std::pair<int, int> position(int pos) const {
    if (pos < 0 || q_.origin.empty()) return {0, 0};
    const std::size_t at = q_.origin[std::min(static_cast<std::size_t>(pos), q_.origin.size() - 1)];
    const std::size_t lineStart = src_.text.rfind('\n', at == 0 ? 0 : at - 1);
    const int line = static_cast<int>(std::count(src_.text.begin(), src_.text.begin() + static_cast<long>(at), '\n')) + 1;
    const std::size_t col = lineStart == std::string::npos || at == 0 ? at : at - lineStart - 1;
    return {line, static_cast<int>(col) + 1};
  }

  std::string text(const YAML::Node& obj, const char* key, const YAML::Mark& objMark) const {
    const YAML::Node v = obj[key];
    if (!v) fail(objMark, std::string("missing \"") + key + "\"", std::string("a string, e.g. \"") + key + "\":\"broker-a\"");
    if (!v.IsScalar() || v.Tag() != "!") fail(v.Mark(), std::string("\"") + key + "\" must be a quoted string");
    return v.Scalar();
  }

  int number(const YAML::Node& obj, const char* key, const YAML::Mark& objMark, int max) const {
    const YAML::Node v = obj[key];
    if (!v) fail(objMark, std::string("missing \"") + key + "\"", std::string("an integer, e.g. \"") + key + "\":8");
    int out = -1;
    const std::string s = v.IsScalar() ? v.Scalar() : "";
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (!v.IsScalar() || v.Tag() == "!" || ec != std::errc() || p != s.data() + s.size() || out < 0 || out > max)
      fail(v.Mark(), std::string("\"") + key + "\" must be an integer from 0 to " + std::to_string(max));
    return out;
  }

 private:
  const SourceText& src_;
  const QuotedText& q_;
};

}  // namespace

TopicRoute parseTopicRouteJson(const SourceText& src, std::size_t firstLine) {
  const std::size_t base = static_cast<std::size_t>(src.lines[firstLine].data() - src.text.data());
  const QuotedText q = quoteBareKeys(std::string_view(src.text).substr(base), base);
  const RouteReader r(src, q);
  YAML::Node root;
  try {
    root = YAML::Load(q.text);
  } catch (const YAML::Exception& e) {
    r.fail(e.mark, "not valid JSON: " + e.msg, "the JSON mqadmin topicRoute prints");
  }
  if (!root.IsMap()) r.fail(root.Mark(), "the route must be a JSON object", "{\"brokerDatas\":[...],\"queueDatas\":[...]}");
  const YAML::Node queues = root["queueDatas"];
  if (!queues) r.fail(root.Mark(), "the route has no \"queueDatas\"", "TopicRouteData JSON: \"queueDatas\":[{\"brokerName\":...}]");
  if (!queues.IsSequence()) r.fail(queues.Mark(), "\"queueDatas\" must be a list");
  // 5.x static topics: the client takes logical queues from this mapping instead
  // (MQClientInstance.topicRouteData2TopicSubscribeInfo), which the model does not have.
  if (const YAML::Node mapping = root["topicQueueMappingByBroker"]; mapping && mapping.IsMap() && mapping.size() > 0)
    r.fail(mapping.Mark(), "a static topic (topicQueueMappingByBroker): its logical queues are not modelled",
           "a topic without static queue mapping");
  std::map<std::string, std::string> clusterOf;
  if (const YAML::Node brokers = root["brokerDatas"]) {
    if (!brokers.IsSequence()) r.fail(brokers.Mark(), "\"brokerDatas\" must be a list");
    for (const YAML::Node& b : brokers) {
      if (!b.IsMap()) r.fail(b.Mark(), "each of \"brokerDatas\" must be an object", "{\"brokerAddrs\":{0:\"ip:port\"},\"brokerName\":...}");
      const std::string name = r.text(b, "brokerName", b.Mark());
      clusterOf[name] = b["cluster"] ? r.text(b, "cluster", b.Mark()) : "";
    }
  }
  TopicRoute route;
  route.format = "json";
  for (const YAML::Node& qd : queues) {
    if (!qd.IsMap()) r.fail(qd.Mark(), "each of \"queueDatas\" must be an object", "{\"brokerName\":...,\"readQueueNums\":8,...}");
    RouteQueueData d;
    d.brokerName = r.text(qd, "brokerName", qd.Mark());
    d.readQueueNums = r.number(qd, "readQueueNums", qd.Mark(), 65536);
    d.writeQueueNums = r.number(qd, "writeQueueNums", qd.Mark(), 65536);
    d.perm = r.number(qd, "perm", qd.Mark(), 7);
    d.line = r.position(qd.Mark().pos).first;
    for (const auto& seen : route.queueDatas)
      if (seen.brokerName == d.brokerName) r.fail(qd.Mark(), "broker '" + d.brokerName + "' has two queueDatas", "one per broker name");
    if (auto it = clusterOf.find(d.brokerName); it != clusterOf.end()) d.cluster = it->second;
    route.queueDatas.push_back(std::move(d));
  }
  if (route.queueDatas.empty()) r.fail(queues.Mark(), "\"queueDatas\" is empty: the topic has no queues on any broker");
  return route;
}

}  // namespace rmqsim
