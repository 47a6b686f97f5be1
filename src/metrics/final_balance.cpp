#include "metrics/final_balance.h"

#include <algorithm>

namespace rmqsim {

namespace {

std::string clientName(const RunCatalog& catalog, ClientIndex c) { return catalog.clients[static_cast<std::size_t>(c)].name; }

/// A pop group holds no queue: every live client holds 0 queues (balanced by definition, so the
/// all-groups figures stay in queues); what each consumed is in messageShare.
GroupFinal popFinal(const GroupState& g, const RunCatalog& catalog, GroupFinal& gf) {
  std::int64_t all = 0;
  for (const auto& [c, n] : g.popConsumed) all += n;
  for (const auto& [c, n] : g.popConsumed)
    if (all > 0) gf.messageShare[clientName(catalog, c)] = static_cast<double>(n) / static_cast<double>(all);
  for (ClientIndex c : g.live) gf.loadByClient[clientName(catalog, c)] = 0;
  gf.balance = balanceOf(std::vector<std::int64_t>(g.live.size(), 0), 0, !g.live.empty());
  gf.balance.idleConsumers = 0;  // holding no queue is how pop works, not idleness
  for (const std::string& topic : g.topics) gf.topics.push_back(TopicFinal{topic, gf.balance});
  return gf;
}

}  // namespace

GroupFinal groupFinal(const GroupState& g, const GroupSpec& spec, const RunCatalog& catalog) {
  GroupFinal gf;
  gf.name = g.name;
  gf.strategy = spec.strategy.name;
  gf.broadcasting = g.broadcasting;
  gf.orderly = g.orderly;
  Totals& tot = gf.totals;
  tot.queueMoves = g.queueMoves;
  tot.minMoves = g.minMoves;
  tot.overlapQueueSeconds = static_cast<double>(g.overlapQueueMs) / 1000.0;
  tot.orphanQueueSeconds = static_cast<double>(g.orphanQueueMs) / 1000.0;
  tot.orphanConsumingQueueSeconds = static_cast<double>(g.orphanConsumingQueueMs) / 1000.0;
  tot.rebalances = g.rebalances;
  tot.changedRebalances = g.changedRebalances;
  tot.duplicates = g.duplicates;
  tot.skippedMessages = g.skippedMessages;
  tot.maxLag = g.maxLag;
  tot.redeliveries = g.redeliveries;
  tot.invisiblePastDeadlineMsgS = static_cast<double>(g.overdueMsgMs) / 1000.0;
  tot.fifoBlockedQueueS = static_cast<double>(g.fifoBlockedMs) / 1000.0;
  gf.pop = g.pop;
  gf.popAssigned = spec.pop_request_mode;
  if (g.pop) return popFinal(g, catalog, gf);

  // Live clients sharing one id: RocketMQ computes the same allocation for both.
  std::map<std::string, std::vector<ClientIndex>> byId;
  for (ClientIndex c : g.live) byId[catalog.clients[static_cast<std::size_t>(c)].clientId].push_back(c);
  for (const auto& [id, cs] : byId) {
    if (cs.size() < 2) continue;
    for (ClientIndex c : cs) gf.sharedIds[id].push_back(clientName(catalog, c));
  }

  static const QueueState kNeverSeen;
  std::map<ClientIndex, std::int64_t> total;
  for (ClientIndex c : g.live) total[c] = 0;
  std::int64_t queues = 0;
  bool complete = true;
  for (const std::string& topic : g.topics) {
    const auto& uni = g.universe.at(topic);
    std::map<ClientIndex, std::int64_t> load;
    for (ClientIndex c : g.live) load[c] = 0;
    bool topicComplete = true;
    std::vector<QueueIndex> sorted = uni;
    std::sort(sorted.begin(), sorted.end(), [&](QueueIndex a, QueueIndex b) {
      return catalog.queues[static_cast<std::size_t>(a)] < catalog.queues[static_cast<std::size_t>(b)];
    });
    for (QueueIndex q : sorted) {
      const QueueState* found = g.queues.find(q);
      const QueueState& qs = found ? *found : kNeverSeen;
      // Broadcasting: complete when every live client holds every queue.
      const std::size_t want = g.broadcasting ? g.live.size() : 1;
      if (qs.owners.size() != want) topicComplete = false;
      if (qs.owners.empty()) ++gf.unownedQueues;
      std::vector<std::string> names;
      for (ClientIndex c : qs.owners) {
        ++load[c];
        names.push_back(clientName(catalog, c));
      }
      const MessageQueue& mq = catalog.queues[static_cast<std::size_t>(q)];
      gf.assignment.emplace_back(mq.topic + "@" + mq.brokerName + ":" + std::to_string(mq.queueId), std::move(names));
    }
    std::vector<std::int64_t> loads;
    for (const auto& [c, l] : load) loads.push_back(l), total[c] += l;
    gf.topics.push_back(TopicFinal{topic, balanceOf(loads, static_cast<std::int64_t>(uni.size()), topicComplete && !g.live.empty())});
    queues += static_cast<std::int64_t>(uni.size());
    complete = complete && topicComplete;
  }
  std::vector<std::int64_t> loads;
  for (const auto& [c, l] : total) {
    loads.push_back(l);
    gf.loadByClient[clientName(catalog, c)] = l;
  }
  gf.balance = balanceOf(loads, queues, complete && !g.live.empty());
  if (g.broadcasting) {
    // Every client should hold every queue: any spread is excess.
    gf.balance.idealImbalance = 0;
    gf.balance.excessImbalance = gf.balance.imbalance;
    for (TopicFinal& t : gf.topics) t.balance.idealImbalance = 0, t.balance.excessImbalance = t.balance.imbalance;
  }
  return gf;
}

BalanceStats allGroupsBalance(const std::vector<GroupFinal>& groups) {
  BalanceStats all;
  all.complete = !groups.empty();
  bool first = true;
  for (const GroupFinal& g : groups) {
    const BalanceStats& b = g.balance;
    all.consumers += b.consumers;
    all.queues += b.queues;
    all.idleConsumers += b.idleConsumers;
    all.complete = all.complete && b.complete;
    if (b.consumers == 0) continue;
    all.maxLoad = first ? b.maxLoad : std::max(all.maxLoad, b.maxLoad);
    all.minLoad = first ? b.minLoad : std::min(all.minLoad, b.minLoad);
    all.imbalance = std::max(all.imbalance, b.imbalance);
    all.idealImbalance = std::max(all.idealImbalance, b.idealImbalance);
    all.excessImbalance = std::max(all.excessImbalance, b.excessImbalance);
    all.jainIndex = first ? b.jainIndex : std::min(all.jainIndex, b.jainIndex);
    first = false;
  }
  return all;
}

}  // namespace rmqsim
