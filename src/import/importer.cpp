#include "import/importer.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "import/consumer_connection.h"
#include "import/consumer_progress.h"
#include "import/scenario_allocation.h"
#include "import/topic_route.h"
#include "rocketmq/common/mix_all.h"
#include "scenario/scenario_parser.h"

namespace rmqsim {
namespace {

[[noreturn]] void failOption(const std::string& option, std::string message, std::string allowed = "") {
  throw ScenarioError({Diagnostic{SourceLoc{option, 0, 0}, std::move(message), std::move(allowed), "", false}});
}

std::string groupFromSubscriptions(const SourceText& src, const ConsumerConnection& cc, const std::string& given) {
  for (const auto& sub : cc.subscriptions) {
    if (!isRetryTopic(sub.topic)) continue;
    const std::string owner = sub.topic.substr(kRetryGroupTopicPrefix.size());
    if (!given.empty() && owner != given)
      failAt(src, sub.line, 1, "these connections subscribe " + sub.topic + ": they are group '" + owner + "', not --group " + given,
             "--group " + owner + ", or the consumerConnection output of group " + given);
    return owner;
  }
  if (given.empty())
    failAt(src, 0, 0, "the output does not name its group (no %RETRY%GROUP subscription, as with broadcasting)", "--group NAME");
  return given;
}

// Which subscribed topic each --route is for: TOPIC=FILE, else the file name's stem, else the
// one topic still without a route.
std::vector<ImportedTopic> resolveTopics(const ImportSources& s, const ImportedGroup& g) {
  std::vector<ImportedTopic> topics;
  std::vector<const SubscriptionRow*> subs;
  for (const auto& sub : g.connection.subscriptions)
    if (!isRetryTopic(sub.topic)) subs.push_back(&sub), topics.push_back(ImportedTopic{sub.topic, "", "", sub.expression, {}});
  if (subs.empty()) failAt(s.connection, 0, 0, "the group subscribes no topic", "a subscription row per topic");
  std::string subscribed;
  for (const auto* sub : subs) subscribed += (subscribed.empty() ? "" : ", ") + sub->topic;
  auto find = [&](const std::string& name) {
    return std::find_if(topics.begin(), topics.end(), [&](const ImportedTopic& t) { return t.name == name; });
  };
  std::vector<const std::pair<std::string, SourceText>*> unnamed;
  auto assign = [&](ImportedTopic& t, const std::pair<std::string, SourceText>& r) {
    if (!t.routeFile.empty())
      failOption("--route " + r.second.file, "a second route for topic '" + t.name + "' (the first: " + t.routeFile + ")", "one --route per topic");
    const TopicRoute route = parseTopicRoute(r.second);
    t.routeFile = r.second.file, t.routeFormat = route.format, t.queueDatas = route.queueDatas;
  };
  for (const auto& r : s.routes) {
    std::string topic = r.first;
    if (topic.empty()) {
      const std::string stem = std::filesystem::path(r.second.file).filename().string();
      const std::string head = stem.substr(0, stem.find('.'));
      if (find(head) != topics.end()) topic = head;
    }
    if (topic.empty()) {
      unnamed.push_back(&r);
      continue;
    }
    auto it = find(topic);
    if (it == topics.end())
      failOption("--route " + (r.first.empty() ? "" : r.first + "=") + r.second.file, "the group does not subscribe topic '" + topic + "'",
                 "a subscribed topic: " + subscribed);
    assign(*it, r);
  }
  std::vector<ImportedTopic*> missing;
  for (auto& t : topics)
    if (t.routeFile.empty()) missing.push_back(&t);
  if (!unnamed.empty()) {
    if (unnamed.size() != 1 || missing.size() != 1)
      failOption("--route " + unnamed.front()->second.file, "cannot tell which topic this route is for",
                 "--route TOPIC=FILE with one of: " + subscribed);
    assign(*missing.front(), *unnamed.front());
    missing.clear();
  }
  for (const auto* t : missing) {
    const auto* sub = subs[static_cast<std::size_t>(t - topics.data())];
    failAt(s.connection, sub->line, 1, "no --route for subscribed topic '" + t->name + "'",
           "--route " + t->name + "=FILE, the output of mqadmin topicRoute -t " + t->name);
  }
  return topics;
}

// consumerProgress lists the %RETRY% queues: their count per broker is the group's retryQueueNums.
int retryQueuesFrom(const ConsumerProgress& p, const std::string& group) {
  std::map<std::string, int> perBroker;
  for (const auto& row : p.rows)
    if (row.topic == getRetryTopic(group)) perBroker[row.brokerName] = std::max(perBroker[row.brokerName], row.queueId + 1);
  int n = perBroker.empty() ? 1 : perBroker.begin()->second;
  for (const auto& [broker, count] : perBroker) n = std::max(n, count);
  return n;
}

struct LiveComparison {
  int checked = 0;
  std::vector<std::string> mismatches;  ///< "orders broker-a:3: live 10.0.1.22, AVG 10.0.1.21"
  std::vector<std::string> outside;     ///< progress queues the scenario's group does not allocate
};

std::string ipOf(const std::string& clientId) { return clientId.substr(0, clientId.find('@')); }

// consumerProgress shows each queue's owner as the ip before '@' (ConsumerProgressSubCommand):
// the strategy's owners are compared by ip.
LiveComparison compareLive(const Scenario& sc, const ImportedGroup& g) {
  LiveComparison out;
  std::map<MessageQueue, std::set<std::string>> expected;
  std::set<std::string> topics;
  for (const auto& ta : scenarioAllocation(sc, sc.groups.front())) {
    topics.insert(ta.topic);
    for (const auto& mq : ta.mqAll) expected[mq];
    for (std::size_t i = 0; i < ta.cidAll.size(); ++i)
      if (ta.outcomes[i].result)
        for (const auto& mq : *ta.outcomes[i].result) expected[mq].insert(ipOf(ta.cidAll[i]));
  }
  for (const auto& row : g.progress->rows) {
    const MessageQueue mq{row.topic, row.brokerName, row.queueId};
    auto it = expected.find(mq);
    if (it == expected.end()) {
      out.outside.push_back(row.topic + " " + row.brokerName + ":" + std::to_string(row.queueId) + " (line " + std::to_string(row.line) + ")");
      continue;
    }
    ++out.checked;
    const bool match = it->second.empty() ? row.clientIp.empty() : it->second.count(row.clientIp) == 1;
    if (!match) {
      std::string want;
      for (const auto& ip : it->second) want += (want.empty() ? "" : "|") + ip;
      out.mismatches.push_back(row.topic + " " + row.brokerName + ":" + std::to_string(row.queueId) + " (line " + std::to_string(row.line) +
                               "): live " + (row.clientIp.empty() ? "no owner" : row.clientIp) + ", strategy " + (want.empty() ? "no owner" : want));
    }
  }
  return out;
}

Scenario validated(const std::string& yaml) {
  try {
    return parseScenarioText(yaml, "<imported scenario>");
  } catch (const ScenarioError& e) {  // the writer's bug, not the user's input
    throw std::logic_error(std::string("the imported scenario does not validate:\n") + e.what() + yaml);
  }
}

}  // namespace

ImportedGroup resolveImport(const ImportSources& s, const ImportOptions& o) {
  ImportedGroup g;
  g.connection = parseConsumerConnection(s.connection);
  g.connectionFile = s.connection.file;
  if (g.connection.consumeType == "CONSUME_POP")
    failAt(s.connection, g.connection.consumeTypeLine, 14,
           "a POP group: the broker assigns its queues, not the client-side rebalance this simulator models",
           "CONSUME_PASSIVELY (push) or CONSUME_ACTIVELY (pull) groups");
  g.name = groupFromSubscriptions(s.connection, g.connection, o.group);
  g.topics = resolveTopics(s, g);
  if (s.progress) {
    g.progress = parseConsumerProgress(*s.progress);
    g.progressFile = s.progress->file;
    g.retryQueues = retryQueuesFrom(*g.progress, g.name);
  }
  return g;
}

ImportResult importCluster(const ImportSources& s, const ImportOptions& o) {
  const ImportedGroup g = resolveImport(s, o);
  ImportResult r;
  const auto& cc = g.connection;
  std::set<std::string> ids, languages;
  for (const auto& c : cc.connections) {
    if (!ids.insert(c.clientId).second)
      r.warnings.push_back("client id " + c.clientId + " is listed twice (" + g.connectionFile + ":" + std::to_string(c.line) +
                           "): two processes share it, so both take the same queues and others go unowned; the scenario keeps both");
    if (c.language != "JAVA") languages.insert(c.language);
  }
  for (const auto& l : languages)
    r.warnings.push_back("some clients are " + l + " clients: the simulator models the Java client's rebalance");
  if (cc.consumeType == "CONSUME_ACTIVELY")
    r.warnings.push_back("a pull group (CONSUME_ACTIVELY): simulated as a push consumer, which rebalances the same way");
  const bool broadcasting = cc.messageModel == "BROADCASTING";
  const std::vector<std::string> candidates =
      !o.strategy.empty() ? std::vector<std::string>{o.strategy} : std::vector<std::string>{"AVG", "AVG_BY_CIRCLE", "CONSISTENT_HASH"};
  r.strategy = candidates.front();
  std::string note;
  if (!g.progress || !g.progress->hasClientIp || broadcasting) {
    note = o.strategy.empty() ? "the default: mqadmin does not show the strategy (--strategy sets it)" : "from --strategy";
    if (!g.progress) r.notes.push_back("no --progress: the live owners are not checked (mqadmin consumerProgress -g " + g.name + " -s true gives them)");
    else if (broadcasting) r.notes.push_back("broadcasting: every client owns every queue, the owners are not checked");
    else r.warnings.push_back(g.progressFile + " has no #Client IP column: the live owners are not checked (run consumerProgress with -s true)");
  } else {
    std::vector<std::string> tried;
    bool found = false;
    LiveComparison first;
    for (const auto& name : candidates) {
      const LiveComparison cmp = compareLive(validated(writeScenarioYaml(g, o, name, "")), g);
      if (name == candidates.front()) first = cmp;
      if (cmp.mismatches.empty() && cmp.checked > 0) {
        r.strategy = name, found = true;
        note = "gives the live owner of all " + std::to_string(cmp.checked) + " queues in " + std::filesystem::path(g.progressFile).filename().string();
        r.notes.push_back("strategy " + name + ": " + note);
        for (const auto& q : cmp.outside)
          r.warnings.push_back(g.progressFile + " lists " + q + ", which the group's routes do not give it");
        break;
      }
      tried.push_back(name + " (" + std::to_string(cmp.mismatches.size()) + " of " + std::to_string(cmp.checked) + " differ)");
    }
    if (!found) {
      std::string list;
      for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t;
      note = "the live owners match no strategy tried: see the warnings of import";
      r.warnings.push_back("the live assignment in " + g.progressFile + " is not what " + (o.strategy.empty() ? "any built-in strategy" : o.strategy) +
                           " gives these clients: " + list + "; first difference: " + (first.mismatches.empty() ? "none checked" : first.mismatches.front()) +
                           ". A rebalance in progress, a strategy set in code (CONFIG, MACHINE_ROOM) or a client that cannot reach a broker would do it");
    }
  }
  r.yaml = writeScenarioYaml(g, o, r.strategy, note);
  validated(r.yaml);
  r.notes.insert(r.notes.begin(), "group " + g.name + ": " + std::to_string(cc.connections.size()) + " clients, " +
                                      std::to_string(g.topics.size()) + " topic" + (g.topics.size() == 1 ? "" : "s"));
  return r;
}

}  // namespace rmqsim
