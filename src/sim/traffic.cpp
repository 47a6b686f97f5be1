#include "sim/traffic.h"

#include <algorithm>

#include "rocketmq/common/mix_all.h"

namespace rmqsim {

void Traffic::recomputeRates() {
  std::map<QueueIndex, double> next;
  for (const ProduceSpec& p : scenario_.produce) {
    std::vector<QueueIndex> writable;
    for (auto& b : cluster_.brokers()) {
      if (!b->isUp()) continue;
      const TopicConfig* cfg = b->topicConfigManager().selectTopicConfig(p.topic);
      if (!cfg || !isWriteable(cfg->perm)) continue;
      for (int i = 0; i < cfg->writeQueueNums; ++i) writable.push_back(ctx_.trace.internQueue(MessageQueue{p.topic, b->name(), i}));
    }
    if (writable.empty()) continue;
    const double perQueue = p.rate / static_cast<double>(writable.size());
    for (QueueIndex q : writable) next[q] += perQueue;
  }
  for (const auto& [q, rate] : rates_)
    if (!next.count(q)) next[q] = 0;  // stopped receiving
  for (const auto& [q, rate] : next) {
    auto it = rates_.find(q);
    if (it != rates_.end() && it->second == rate) continue;
    if (Broker* b = ctx_.findBroker(ctx_.trace.queue(q).brokerName)) b->setProduceRate(q, rate, ctx_.now());
  }
  rates_ = std::move(next);
}

void Traffic::refreshQueueSets() {
  std::map<std::string, std::vector<QueueIndex>> now;
  for (auto& b : cluster_.brokers()) {
    for (const auto& [topic, cfg] : b->topicConfigManager().topicConfigTable()) {
      auto& set = now[topic];
      if (!b->isUp() || !isReadable(cfg.perm)) continue;
      for (int i = 0; i < cfg.readQueueNums; ++i) set.push_back(ctx_.trace.internQueue(MessageQueue{topic, b->name(), i}));
    }
  }
  for (auto& [topic, set] : now) {
    std::sort(set.begin(), set.end());
    auto it = queueSets_.find(topic);
    if (it != queueSets_.end() && it->second == set) continue;
    queueSets_[topic] = set;
    ctx_.trace.emit(EvQueueSetChanged{ctx_.now(), topic, set});
  }
}

const std::vector<QueueIndex>& Traffic::queueSet(const std::string& topic) const {
  static const std::vector<QueueIndex> kEmpty;
  auto it = queueSets_.find(topic);
  return it == queueSets_.end() ? kEmpty : it->second;
}

}  // namespace rmqsim
