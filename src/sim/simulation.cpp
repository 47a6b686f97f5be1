#include "sim/simulation.h"

#include <algorithm>

#include "engine/event_loop.h"
#include "engine/sim_assert.h"
#include "engine/sim_network.h"
#include "engine/timer.h"
#include "rocketmq/broker/pop_message_processor.h"
#include "rocketmq/client/allocation_cache.h"
#include "rocketmq/common/mix_all.h"
#include "sim/cluster.h"
#include "sim/fault_injector.h"
#include "sim/invariant_checker.h"
#include "sim/steady_state.h"
#include "sim/traffic.h"

namespace rmqsim {

namespace {

ModelConfig toModelConfig(const Profile& p) { return ModelConfig{p.timing, p.behaviour}; }

}  // namespace

struct Simulation::Impl {
  Impl(const Scenario& s, SimulationOptions o)
      : scenario(s),
        options(std::move(o)),
        config(toModelConfig(s.profile)),
        net(loop, s.latency.min_ms, s.latency.max_ms),
        alloc(trace, options.useAllocationCache,
              options.allocationCacheIdBudget ? options.allocationCacheIdBudget : AllocationCache::kDefaultIdBudget),
        ctx{loop, net, config, trace, alloc, SimLog(options.verbose), options.checkInvariants, s.seed, {}, {}, {}, {}, {}, 0},
        cluster(ctx, s),
        traffic(ctx, s, cluster),
        faults(ctx, s, cluster, traffic),
        pop(ctx, [this](const std::string& topic) -> const std::vector<QueueIndex>& { return traffic.queueSet(topic); }),
        sampleTimer(loop) {}

  void sample();
  bool fastForwardApplies() const;

  const Scenario& scenario;
  SimulationOptions options;
  ModelConfig config;
  EventLoop loop;
  SimNetwork net;
  TraceBus trace;
  AllocationCache alloc;
  ModelContext ctx;
  Cluster cluster;
  Traffic traffic;
  FaultInjector faults;
  PopMessageProcessor pop;  ///< steps only with a pop group (rebalance: pop, message_request_mode: pop)
  Timer sampleTimer;
  std::unique_ptr<SteadyState> steady;  ///< with fastForward (and a scenario it applies to)
  std::unique_ptr<InvariantChecker> invariants;  ///< with checkInvariants: sees every event first
  bool ran = false;
  /// What sample() walks: each group's topics (subscriptions, then the retry topic), in order.
  struct SampledTopic {
    GroupIndex group;
    std::string topic;
    bool popped;  ///< lag against the pop offset (no committed offsets)
  };
  std::vector<SampledTopic> sampled;  ///< built on the first sample
};

SimTime Simulation::sampleInterval(SimTime duration) {
  const SimTime raw = std::max<SimTime>(kSecond, duration / 200);
  return std::max<SimTime>(kSecond, (raw + kSecond / 2) / kSecond * kSecond);
}

Simulation::Simulation(const Scenario& scenario, SimulationOptions options)
    : impl_(std::make_unique<Impl>(scenario, std::move(options))) {}

Simulation::~Simulation() = default;

void Simulation::addSink(TraceSink* sink) { impl_->trace.addSink(sink); }

const RunCatalog& Simulation::catalog() const { return impl_->trace.catalog(); }

void Simulation::Impl::sample() {
  if (sampled.empty()) {  // the groups' topics and how each is sampled never change: once
    for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
      const GroupSpec& gs = scenario.groups[g];
      std::vector<std::string> topics = gs.subscribe;
      if (gs.model == MessageModel::CLUSTERING) topics.push_back(getRetryTopic(gs.name));
      for (auto& topic : topics) {
        // A pop group has no committed offsets: its lag is what the brokers have not popped yet.
        const bool popped = gs.rebalance == RebalanceMode::POP || (gs.pop_request_mode && !isRetryTopic(topic));
        sampled.push_back(SampledTopic{static_cast<GroupIndex>(g), std::move(topic), popped});
      }
    }
  }
  const SimTime now = loop.now();
  // One event refilled per queue: no variant built and destroyed (a dispatch) per sample.
  SimEvent ev{EvQueueSample{now, 0, 0, 0, 0}};
  EvQueueSample& e = std::get<EvQueueSample>(ev);
  for (const SampledTopic& st : sampled) {
    for (QueueIndex q : traffic.queueSet(st.topic)) {
      Broker* b = ctx.brokerOf(q);  // the queue's broker pointer, remembered: no name lookup per queue
      if (!b) continue;
      const std::int64_t done = st.popped ? pop.popOffset(st.group, q) : b->committedOffset(st.group, q);
      e = EvQueueSample{now, st.group, q, b->maxOffset(q, now), done};
      trace.emit(ev);
    }
  }
  if (options.progress) options.progress(loop.now());
}

std::uint64_t Simulation::modelDigest() const {
  Fnv f;
  for (auto& c : impl_->cluster.clients()) c->digest(f);
  for (auto& b : impl_->cluster.brokers()) b->digest(f);
  return f.h;
}

bool Simulation::Impl::fastForwardApplies() const {
  // Orderly groups renew locks and re-share on every persist tick: not steady work. A cap on
  // events counts events, which the fast-forward saves. A persist period past the pull-idle
  // limit would let steady clients' queues expire.
  if (!options.fastForward || options.maxEvents > 0) return false;
  if (config.timing.persist_offset_interval >= config.timing.pull_max_idle_time) return false;
  return std::none_of(scenario.groups.begin(), scenario.groups.end(), [](const GroupSpec& g) { return g.orderly; });
}

RunStats Simulation::run() {
  Impl& m = *impl_;
  SIM_ASSERT(!m.ran, m.loop.now(), "Simulation", "run() called twice");
  m.ran = true;
  if (m.options.checkInvariants) {
    m.invariants = std::make_unique<InvariantChecker>(m.scenario);
    m.trace.addSinkFirst(m.invariants.get());
  }
  m.loop.setStopFlag(m.options.stopFlag);
  m.loop.setMaxEvents(m.options.maxEvents);
  m.ctx.onTopologyChanged = [&m] { m.traffic.refreshQueueSets(); };
  m.cluster.bootInfrastructure();
  m.traffic.recomputeRates();
  m.traffic.refreshQueueSets();
  // The infrastructure was up before t=0 (registered), the t=0 clients start now.
  for (std::size_t g = 0; g < m.scenario.groups.size(); ++g)
    m.cluster.startClients(static_cast<GroupIndex>(g), m.scenario.groups[g].clients, m.scenario.groups[g].spread_ms);
  m.faults.scheduleAll();
  if (std::any_of(m.scenario.groups.begin(), m.scenario.groups.end(),
                  [](const GroupSpec& g) { return g.rebalance == RebalanceMode::POP || g.pop_request_mode; }))
    m.pop.start();
  const SimTime interval = sampleInterval(m.scenario.duration_ms);
  m.sampleTimer.startPeriodic(interval, interval, [&m] { m.sample(); });
  if (m.fastForwardApplies()) {
    m.steady = std::make_unique<SteadyState>(m.ctx, m.cluster, m.faults, m.sampleTimer, m.scenario.duration_ms);
    m.ctx.steadyHorizon = [&m](bool forCommits) { return m.steady->horizon(forCommits); };
  }
  const bool complete = m.loop.runUntil(m.scenario.duration_ms);
  m.sampleTimer.cancel();
  m.pop.stop();
  const SimTime end = m.loop.now();
  for (auto& c : m.cluster.clients()) c->flushDeliveries();
  m.trace.emit(EvRunEnd{end, !complete});
  return RunStats{m.loop.eventCount(), end, !complete, m.trace.fingerprint()};
}

}  // namespace rmqsim
