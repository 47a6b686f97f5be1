#include "metrics/expected_assignment.h"

#include <algorithm>

#include "rocketmq/common/java_string.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {

ExpectedAssignment::ExpectedAssignment(const Scenario& scenario) : scenario_(scenario) {
  for (const GroupSpec& g : scenario.groups) {
    try {
      strategies_.push_back(makeStrategy(g.strategy.name, g.strategy.params));
    } catch (const std::exception&) {
      strategies_.push_back(nullptr);  // the clients fail the same way; nothing is expected
    }
  }
}

ExpectedAssignment::~ExpectedAssignment() = default;

std::map<QueueIndex, std::vector<ClientIndex>> ExpectedAssignment::compute(GroupIndex group,
                                                                          const std::vector<ClientIndex>& members,
                                                                          const std::vector<QueueIndex>& queues,
                                                                          const RunCatalog& catalog) {
  std::map<QueueIndex, std::vector<ClientIndex>> out;
  for (QueueIndex q : queues) out[q];
  const GroupSpec& spec = scenario_.groups[static_cast<std::size_t>(group)];
  if (members.empty()) return out;
  if (spec.model == MessageModel::BROADCASTING) {
    for (auto& [q, owners] : out) owners = members;
    return out;
  }
  const auto* strategy = strategies_[static_cast<std::size_t>(group)].get();
  if (!strategy) return out;
  // mqAll in MessageQueue order, cidAll in String order: exactly RebalanceImpl's sort.
  std::vector<QueueIndex> sortedQ = queues;
  std::sort(sortedQ.begin(), sortedQ.end(), [&](QueueIndex a, QueueIndex b) {
    return catalog.queues[static_cast<std::size_t>(a)] < catalog.queues[static_cast<std::size_t>(b)];
  });
  std::vector<MessageQueue> mqAll;
  std::map<MessageQueue, QueueIndex> back;
  for (QueueIndex q : sortedQ) {
    mqAll.push_back(catalog.queues[static_cast<std::size_t>(q)]);
    back[mqAll.back()] = q;
  }
  std::vector<std::pair<std::string, ClientIndex>> ids;
  for (ClientIndex c : members) ids.emplace_back(catalog.clients[static_cast<std::size_t>(c)].clientId, c);
  std::stable_sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return javaCompare(a.first, b.first) < 0; });
  std::vector<std::string> cidAll;
  for (const auto& [id, c] : ids) cidAll.push_back(id);
  const std::vector<AllocateOutcome> outcomes = strategy->allocateAll(spec.name, mqAll, cidAll);
  for (std::size_t i = 0; i < ids.size() && i < outcomes.size(); ++i) {
    if (!outcomes[i].result) continue;
    for (const MessageQueue& mq : *outcomes[i].result) {
      auto it = back.find(mq);
      if (it != back.end()) out[it->second].push_back(ids[i].second);
    }
  }
  return out;
}

}  // namespace rmqsim
