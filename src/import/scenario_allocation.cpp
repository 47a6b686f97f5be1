#include "import/scenario_allocation.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "rocketmq/common/java_string.h"
#include "rocketmq/common/mix_all.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {

std::vector<TopicAllocation> scenarioAllocation(const Scenario& scenario, const GroupSpec& g) {
  if (g.client_id.ids.size() != static_cast<std::size_t>(g.clients))
    throw std::invalid_argument("group '" + g.name + "' does not list its clients' ids (clients: {ids: [...]}, as `import` writes)"
                                "; its ids are drawn when it runs: use `run` for it");
  const auto strategy = makeStrategy(g.strategy.name, g.strategy.params);
  std::vector<std::string> cidAll = g.client_id.ids;
  std::stable_sort(cidAll.begin(), cidAll.end(), JavaStringLess{});
  std::vector<std::string> topics = g.subscribe;
  std::set<std::string> brokersOfTopics;
  for (const auto& b : scenario.brokers)
    for (const auto& t : b.topics)
      if (std::find(g.subscribe.begin(), g.subscribe.end(), t.name) != g.subscribe.end()) brokersOfTopics.insert(b.name);
  const bool clustering = g.model == MessageModel::CLUSTERING;
  if (clustering) topics.push_back(getRetryTopic(g.name));
  std::vector<TopicAllocation> out;
  for (const auto& topic : topics) {
    TopicAllocation ta;
    ta.topic = topic;
    for (const auto& b : scenario.brokers) {
      if (clustering && topic == topics.back()) {
        if (brokersOfTopics.count(b.name))
          for (int i = 0; i < g.retry_queues; ++i) ta.mqAll.push_back(MessageQueue{topic, b.name, i});
        continue;
      }
      for (const auto& t : b.topics)
        if (t.name == topic && (t.perm & 4))  // PermName.isReadable
          for (int i = 0; i < t.read_queues; ++i) ta.mqAll.push_back(MessageQueue{topic, b.name, i});
    }
    std::stable_sort(ta.mqAll.begin(), ta.mqAll.end());
    ta.cidAll = cidAll;
    if (!clustering) {  // broadcasting: every client takes every queue
      ta.outcomes.assign(cidAll.size(), AllocateOutcome{ta.mqAll, std::nullopt});
    } else {
      ta.outcomes = strategy->allocateAll(g.name, ta.mqAll, cidAll);
    }
    out.push_back(std::move(ta));
  }
  return out;
}

}  // namespace rmqsim
