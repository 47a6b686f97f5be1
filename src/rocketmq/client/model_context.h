// What every simulated RocketMQ entity shares in one run: the clock, the network, the model's
// timers, the event stream, logs, the allocation cache, and directories to reach the other
// entities for synchronous requests (answered from the target's state when the link works).
// One per Simulation; never global (several runs may share a process).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/event_loop.h"
#include "engine/sim_log.h"
#include "engine/sim_network.h"
#include "rocketmq/common/model_config.h"
#include "rocketmq/common/trace_bus.h"

namespace rmqsim {

class Broker;
class NameServer;
class MQClientInstance;
class AllocationCache;

struct ModelContext {
  EventLoop& loop;
  SimNetwork& net;
  const ModelConfig& cfg;
  TraceBus& trace;
  AllocationCache& alloc;
  SimLog log;
  bool checkInvariants = false;
  std::uint64_t seed = 1;
  std::map<std::string, Broker*, std::less<>> brokers;  ///< by broker name
  std::vector<NameServer*> nameservers;
  std::vector<MQClientInstance*> clients;  ///< by ClientIndex (one process incarnation each)
  /// A broker created a topic (the retry topic on a heartbeat): ground truth may have changed.
  std::function<void()> onTopologyChanged;
  /// Fast-forward (sim/steady_state): the time before which nothing can happen but the clients'
  /// steady periodic work, or 0 when something may still change; forCommits: also before the
  /// next read of the committed offsets (a sample tick). Unset: never fast-forward.
  std::function<SimTime(bool forCommits)> steadyHorizon;
  /// Work a client scheduled for later (MQClientInstance::schedule) not yet run: while any is
  /// pending, something may still change.
  std::int64_t unsteadyScheduled = 0;

  SimTime now() const { return loop.now(); }
  const ModelTiming& timing() const { return cfg.timing; }
  const ModelBehaviour& behaviour() const { return cfg.behaviour; }
  Broker* findBroker(std::string_view name) const {
    auto it = brokers.find(name);
    return it == brokers.end() ? nullptr : it->second;
  }
  /// findBroker(the queue's brokerName), remembered per queue once found: the brokers are fixed
  /// for the run, and the clients' per-queue calls resolved the name every time.
  Broker* brokerOf(QueueIndex q) const {
    const auto i = static_cast<std::size_t>(q);
    if (i < queueBrokers.size() && queueBrokers[i]) return queueBrokers[i];
    Broker* b = findBroker(trace.queue(q).brokerName);
    if (b) {
      if (i >= queueBrokers.size()) queueBrokers.resize(i + 1, nullptr);
      queueBrokers[i] = b;
    }
    return b;
  }
  mutable std::vector<Broker*> queueBrokers = {};  ///< brokerOf's memory, by QueueIndex (null: not yet)
  /// The brokers by NodeId (null: no broker there), for MQClientInstance::brokerAt; built for
  /// brokersByNodeCount brokers.
  std::vector<Broker*> brokersByNode = {};
  std::size_t brokersByNodeCount = 0;
};

}  // namespace rmqsim
