#include "sim/fault_injector.h"

#include <algorithm>

namespace rmqsim {

void FaultInjector::scheduleAll() {
  applied_.assign(scenario_.events.size(), false);
  for (std::size_t i = 0; i < scenario_.events.size(); ++i)
    ctx_.loop.schedule(scenario_.events[i].at_ms, [this, i] { apply(i); });
}

SimTime FaultInjector::nextChange(SimTime now) const {
  if (now <= restartsUntil_ || now <= cluster_.startsUntil()) return now;
  SimTime next = kNever;
  for (std::size_t i = 0; i < scenario_.events.size(); ++i)
    if (i >= applied_.size() || !applied_[i]) next = std::min(next, std::max(now, scenario_.events[i].at_ms));
  return next;
}

std::string FaultInjector::targetOf(const EventSpec& e) const {
  std::string t;
  auto add = [&t](const std::string& s) { t += (t.empty() ? "" : ",") + s; };
  for (const auto& c : e.clients) add(c);
  for (const auto& b : e.brokers) add(b);
  if (!e.nameserver.empty()) add(e.nameserver);
  if (t.empty() && !e.group.empty()) add(e.group);
  if (!e.topic.empty()) add(e.topic);
  return t;
}

std::vector<MQClientInstance*> FaultInjector::targets(const EventSpec& e) {
  std::vector<MQClientInstance*> out;
  if (e.clients.empty()) return cluster_.liveClients(e.group.empty() ? -1 : cluster_.groupIndex(e.group));
  for (const auto& name : e.clients)
    if (MQClientInstance* c = cluster_.findClient(name)) out.push_back(c);
  return out;
}

void FaultInjector::afterInfrastructureChange() {
  traffic_.recomputeRates();
  traffic_.refreshQueueSets();
  for (auto& c : cluster_.clients()) c->worldChanged();
}

void FaultInjector::cutOrHeal(const EventSpec& e, bool cut) {
  std::vector<NodeId> far;
  if (e.brokers.empty() && !e.nameservers)
    for (auto& b : cluster_.brokers()) far.push_back(b->node());
  for (const auto& name : e.brokers)
    if (Broker* b = cluster_.broker(name)) far.push_back(b->node());
  if (e.nameservers)
    for (auto& ns : cluster_.nameservers()) far.push_back(ns->node());
  for (MQClientInstance* c : targets(e)) {
    for (NodeId f : far) {
      const bool toFar = e.direction != PartitionDirection::FROM_BROKER;
      const bool fromFar = e.direction != PartitionDirection::TO_BROKER;
      if (cut) {
        if (toFar) ctx_.net.cut(c->node(), f);
        if (fromFar) ctx_.net.cut(f, c->node());
      } else {
        if (toFar) ctx_.net.heal(c->node(), f);
        if (fromFar) ctx_.net.heal(f, c->node());
      }
    }
  }
  for (auto& c : cluster_.clients()) c->worldChanged();
}

void FaultInjector::apply(std::size_t index) {
  const EventSpec& e = scenario_.events[index];
  if (index < applied_.size()) applied_[index] = true;
  // Consumption so far belongs to the window that ends here: report it before the event.
  for (auto& c : cluster_.clients()) c->flushDeliveries();
  ctx_.trace.emit(EvScenarioEvent{ctx_.now(), static_cast<std::int32_t>(index), e.action, targetOf(e)});
  const std::string& a = e.action;
  if (a == "start") {
    cluster_.startClients(cluster_.groupIndex(e.group), e.count, e.spread_ms);
  } else if (a == "stop" || a == "kill" || a == "crash" || a == "pause" || a == "resume") {
    for (MQClientInstance* c : targets(e)) {
      if (a == "stop") c->shutdown();
      else if (a == "kill") c->kill();
      else if (a == "crash") c->crash();
      else if (a == "pause") c->pause();
      else c->resume();
    }
  } else if (a == "restart" || a == "rolling_restart") {
    std::vector<std::string> names;
    for (MQClientInstance* c : targets(e)) names.push_back(ctx_.trace.catalog().clients[static_cast<std::size_t>(c->index())].name);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const SimTime stopAt = a == "rolling_restart" ? static_cast<SimTime>(i) * e.interval_ms : 0;
      restartsUntil_ = std::max(restartsUntil_, ctx_.now() + stopAt + e.delay_ms);
      ctx_.loop.scheduleAfter(stopAt, [this, name = names[i], delay = e.delay_ms, policy = e.id_policy, spread = e.spread_ms] {
        if (MQClientInstance* c = cluster_.findClient(name)) c->shutdown();
        ctx_.loop.scheduleAfter(delay, [this, name, policy, spread] { cluster_.restartClient(name, policy, spread); });
      });
    }
  } else if (a == "partition" || a == "heal") {
    cutOrHeal(e, a == "partition");
  } else if (a == "broker_kill" || a == "broker_crash" || a == "broker_up") {
    for (const auto& name : e.brokers) {
      Broker* b = cluster_.broker(name);
      if (!b) continue;
      if (a == "broker_kill") b->kill();
      else if (a == "broker_crash") b->crash();
      else if (!b->isUp()) b->start();
    }
    afterInfrastructureChange();
  } else if (a == "nameserver_down" || a == "nameserver_up") {
    NameServer* ns = cluster_.nameserver(e.nameserver.empty() ? "namesrv-0" : e.nameserver);
    if (ns && a == "nameserver_down") ns->shutdown();
    else if (ns && !ns->isUp()) ns->start();
  } else if (a == "set_queues") {
    for (auto& b : cluster_.brokers())
      if (e.brokers.empty() || std::find(e.brokers.begin(), e.brokers.end(), b->name()) != e.brokers.end())
        if (b->topicConfigManager().selectTopicConfig(e.topic)) b->setQueues(e.topic, e.queues);
    afterInfrastructureChange();
  }
}

}  // namespace rmqsim
