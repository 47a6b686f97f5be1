#include "sim/cluster.h"

#include <algorithm>

#include "rocketmq/common/client_id.h"
#include "sim/start_spread.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {

Cluster::Cluster(ModelContext& ctx, const Scenario& scenario) : ctx_(ctx), scenario_(scenario) {
  for (int i = 0; i < std::max(1, scenario.nameservers); ++i) {
    nameservers_.push_back(std::make_unique<NameServer>(ctx_, "namesrv-" + std::to_string(i)));
    ctx_.nameservers.push_back(nameservers_.back().get());
  }
  for (const BrokerSpec& bs : scenario.brokers) {
    brokers_.push_back(std::make_unique<Broker>(ctx_, bs.name));
    Broker& b = *brokers_.back();
    b.setInMemoryMessages(bs.in_memory_messages);
    for (const TopicSpec& t : bs.topics)
      b.topicConfigManager().updateTopicConfig(t.name, TopicConfig{t.read_queues, t.write_queues, t.perm});
    ctx_.brokers[bs.name] = &b;
  }
  for (const GroupSpec& g : scenario.groups) {
    strategies_.push_back(std::shared_ptr<const AllocateMessageQueueStrategy>(makeStrategy(g.strategy.name, g.strategy.params)));
    nextN_.push_back(0);
    nextIp_.push_back(0);
  }
}

Cluster::~Cluster() = default;

void Cluster::bootInfrastructure() {
  for (auto& ns : nameservers_) ns->start();
  for (auto& b : brokers_) b->start(true);
}

GroupIndex Cluster::groupIndex(const std::string& name) const {
  for (std::size_t i = 0; i < scenario_.groups.size(); ++i)
    if (scenario_.groups[i].name == name) return static_cast<GroupIndex>(i);
  return -1;
}

MQClientInstance& Cluster::createProcess(NameState& st, bool newIp, bool newPid) {
  const GroupSpec& g = scenario_.groups[static_cast<std::size_t>(st.group)];
  const std::string name = g.name + "-" + std::to_string(st.n);
  const std::string processName = st.incarnation == 0 ? name : name + "#" + std::to_string(st.incarnation);
  if (st.clientId.empty() && static_cast<std::size_t>(st.n) < g.client_id.ids.size()) {
    st.clientId = g.client_id.ids[static_cast<std::size_t>(st.n)];  // clients.ids: a live group's exact id
    ++nextIp_[st.group];  // keep later clients' ips where the pattern puts them
  } else if (st.clientId.empty() || newIp || newPid) {
    // The id's random parts come from the process's own stream, so other clients never shift.
    Random idRng = Random::forEntity(ctx_.seed, "clientid/" + processName);
    ClientIdParts parts;
    parts.ip = ipPlus(g.client_id.ip_base, 1 + (newIp || st.clientId.empty() ? nextIp_[st.group]++ : 0));
    if (!newIp && !st.clientId.empty()) parts.ip = st.clientId.substr(0, st.clientId.find('@'));
    parts.pid = idRng.uniform(1, 32768);
    parts.nanotime = idRng.uniform(1'000'000'000LL, 999'999'999'999'999LL);
    parts.n = st.n;
    parts.group = g.name;
    parts.unitName = g.client_id.unit_name;
    if (!g.client_id.rooms.empty()) parts.room = g.client_id.rooms[static_cast<std::size_t>(st.n) % g.client_id.rooms.size()];
    st.clientId = buildMQClientId(g.client_id.pattern, parts);
  }
  ConsumerSetup s;
  s.index = ctx_.trace.addClient(ClientInfo{name, st.clientId, st.group});
  s.clientId = st.clientId;
  s.group = st.group;
  s.groupName = g.name;
  s.topics = g.subscribe;
  s.broadcasting = g.model == MessageModel::BROADCASTING;
  s.orderly = g.orderly;
  s.consumeFromWhere = static_cast<ConsumeFromWhereKind>(static_cast<int>(g.consume_from));
  s.consumeTimestamp = g.consume_timestamp_ms;
  s.retryQueueNums = g.retry_queues;
  s.notifyConsumerIdsChangedEnable = g.notify_consumer_ids_changed;
  s.consumeRatePerSecond = g.rate_per_client.value_or(scenario_.consume.rate_per_client);
  s.pullBatchSize = scenario_.consume.pull_batch_size;
  s.pullThresholdForQueue = scenario_.consume.pull_threshold_for_queue;
  s.strategy = strategies_[static_cast<std::size_t>(st.group)];
  s.rebalanceMode = g.rebalance;
  s.popRequestMode = g.pop_request_mode;
  s.popShareQueueNum = g.pop_share_queue_num;
  s.processName = processName;
  clients_.push_back(std::make_unique<MQClientInstance>(ctx_, std::move(s)));
  ctx_.clients.push_back(clients_.back().get());
  st.latest = clients_.back()->index();
  return *clients_.back();
}

void Cluster::launch(const std::string& name, SimTime offset, bool newIp, bool newPid) {
  if (offset <= 0) {
    createProcess(names_.at(name), newIp, newPid).start();
    return;
  }
  startsUntil_ = std::max(startsUntil_, ctx_.now() + offset);
  ctx_.loop.scheduleAfter(offset, [this, name, newIp, newPid] { createProcess(names_.at(name), newIp, newPid).start(); });
}

void Cluster::startClients(GroupIndex group, int count, SimTime spread) {
  for (int i = 0; i < count; ++i) {
    const int n = nextN_[static_cast<std::size_t>(group)]++;
    const std::string name = scenario_.groups[static_cast<std::size_t>(group)].name + "-" + std::to_string(n);
    NameState& st = names_[name];
    st.group = group;
    st.n = n;
    launch(name, startOffset(ctx_.seed, scenario_.spread_draw, name, spread), false, false);
  }
}

void Cluster::restartClient(const std::string& name, IdPolicy policy, SimTime spread) {
  auto it = names_.find(name);
  if (it == names_.end()) return;
  NameState& st = it->second;
  if (MQClientInstance* old = findClient(name); old && old->isAlive()) old->shutdown();
  ++st.incarnation;
  const std::string processName = name + "#" + std::to_string(st.incarnation);
  launch(name, startOffset(ctx_.seed, scenario_.spread_draw, processName, spread), policy == IdPolicy::NEW_IP,
         policy == IdPolicy::NEW_PID);
}

MQClientInstance* Cluster::findClient(const std::string& name) {
  auto it = names_.find(name);
  if (it == names_.end() || it->second.latest < 0) return nullptr;
  return ctx_.clients[static_cast<std::size_t>(it->second.latest)];
}

std::vector<MQClientInstance*> Cluster::liveClients(GroupIndex group) {
  std::vector<MQClientInstance*> out;
  for (auto& c : clients_)
    if (c->isAlive() && (group < 0 || c->setup().group == group)) out.push_back(c.get());
  return out;
}

NameServer* Cluster::nameserver(const std::string& name) {
  for (auto& ns : nameservers_)
    if (ns->name() == name) return ns.get();
  return nameservers_.empty() ? nullptr : nameservers_.front().get();
}

}  // namespace rmqsim
