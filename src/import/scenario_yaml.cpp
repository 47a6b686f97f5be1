// The imported scenario as YAML: comments name the source files, values are the live ones.
#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "import/importer.h"
#include "util/yaml_quote.h"

namespace rmqsim {
namespace {

// Plain when YAML reads it back as the same string, else double-quoted (JSON escapes are YAML's).
std::string yamlText(const std::string& s) {
  static const char* kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"};
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool plain = !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
  for (const char* w : kWords) plain = plain && lower != w;
  return plain ? s : yamlDoubleQuoted(s);
}

// One line for a comment: no line breaks.
std::string commentText(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

std::string profileOf(const ConsumerConnection& cc, std::string& why) {
  bool v4 = false, v5 = false, v50 = true;  // v50: every 5.x client is 5.0.x or 5.1.x
  for (const auto& c : cc.connections) {
    (c.version.starts_with("V4_") ? v4 : v5) = true;
    if (!c.version.starts_with("V4_") && !c.version.starts_with("V5_0_") && !c.version.starts_with("V5_1_")) v50 = false;
  }
  if (v5 && !v4 && v50) {
    why = "the clients report 5.0.x-5.1.x versions";
    return "rocketmq-5.0";
  }
  why = v4 && v5 ? "clients of both lines; the 5.x timings are kept" : v4 ? "the clients report 4.x versions" : "the clients report 5.x versions";
  return v4 && !v5 ? "rocketmq-4.9" : "rocketmq-5";
}

std::string consumeFrom(const std::string& where) {
  if (where == "CONSUME_FROM_FIRST_OFFSET") return "first_offset";
  if (where == "CONSUME_FROM_TIMESTAMP") return "timestamp";
  return "last_offset";  // the deprecated MIN/MAX/..._WHEN_BOOT_FIRST values act as LAST_OFFSET (RebalancePushImpl)
}

}  // namespace

std::string writeScenarioYaml(const ImportedGroup& g, const ImportOptions& o, const std::string& strategy, const std::string& strategyNote) {
  const auto& cc = g.connection;
  std::ostringstream y;
  y << "# Imported by `rmq-rebalance-sim import` from mqadmin output:\n";
  for (const auto& t : g.topics)
    y << "#   topicRoute -t " << commentText(t.name) << ": " << commentText(t.routeFile) << " (" << t.routeFormat << ")\n";
  y << "#   consumerConnection -g " << commentText(g.name) << ": " << commentText(g.connectionFile) << " ("
    << (cc.layout == "table" ? "4.9.4+ layout" : "4.9.3- layout") << ")\n";
  if (g.progress)
    y << "#   consumerProgress -g " << commentText(g.name) << (g.progress->hasClientIp ? " -s true" : "") << ": " << commentText(g.progressFile)
      << " (" << g.progress->rows.size() << " queues)\n";
  y << "# Brokers, queue counts, perms and client ids are the live ones; timings are the profile's.\n";
  y << "name: " << yamlText("import-" + g.name) << "\n";
  y << "description: " << yamlText(g.name + " as mqadmin showed it: " + std::to_string(cc.connections.size()) + " clients") << "\n";
  std::string why;
  const std::string profile = profileOf(cc, why);
  y << "profile: " << profile << "  # " << why << "\n";
  y << "duration: " << o.duration << "\n";
  // Brokers in name order, each with the topics whose routes list it.
  std::map<std::string, std::vector<std::pair<const ImportedTopic*, const RouteQueueData*>>> brokers;
  for (const auto& t : g.topics)
    for (const auto& qd : t.queueDatas) brokers[qd.brokerName].emplace_back(&t, &qd);
  y << "brokers:\n";
  for (const auto& [name, topics] : brokers) {
    y << "  - name: " << yamlText(name);
    if (!topics.front().second->cluster.empty()) y << "  # cluster " << commentText(topics.front().second->cluster);
    y << "\n    topics:\n";
    for (const auto& [t, qd] : topics)
      y << "      " << yamlText(t->name) << ": {read_queues: " << qd->readQueueNums << ", write_queues: " << qd->writeQueueNums
        << ", perm: " << qd->perm << "}" << ((qd->perm & 4) ? "" : "  # not readable: consumers get none of these") << "\n";
  }
  y << "groups:\n";
  y << "  - name: " << yamlText(g.name) << "\n";
  y << "    subscribe:\n";
  for (const auto& t : g.topics) y << "      - " << yamlText(t.name) << "  # " << commentText(t.expression) << "\n";
  y << "    strategy: " << strategy;
  if (!strategyNote.empty()) y << "  # " << commentText(strategyNote);
  y << "\n";
  y << "    model: " << (cc.messageModel == "BROADCASTING" ? "broadcasting" : "clustering") << "\n";
  y << "    orderly: " << (o.orderly ? "true" : "false") << "  # " << (o.orderly ? "from --orderly" : "mqadmin does not show it: --orderly sets it") << "\n";
  y << "    consume_from: " << consumeFrom(cc.consumeFromWhere) << "  # " << cc.consumeFromWhere << "\n";
  if (cc.messageModel != "BROADCASTING")
    y << "    retry_queues: " << g.retryQueues << (g.progress ? "  # %RETRY% queues per broker in the progress" : "  # the broker default") << "\n";
  y << "    clients:\n      ids:  # " << cc.connections.size() << " connections, as listed\n";
  for (const auto& c : cc.connections)
    y << "        - " << yamlText(c.clientId) << "  # " << commentText(c.clientAddr + " " + c.language + " " + c.version) << "\n";
  return y.str();
}

}  // namespace rmqsim
