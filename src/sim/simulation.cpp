#include "sim/simulation.h"

#include "engine/event_loop.h"
#include "engine/sim_assert.h"
#include "engine/sim_network.h"
#include "engine/timer.h"
#include "rocketmq/client/allocation_cache.h"
#include "rocketmq/common/mix_all.h"
#include "sim/cluster.h"
#include "sim/fault_injector.h"
#include "sim/invariant_checker.h"
#include "sim/traffic.h"

namespace rmqsim {

namespace {

ModelConfig toModelConfig(const Profile& p) {
  ModelConfig c;
  const Timing& t = p.timing;
  ModelTiming& m = c.timing;
  m.rebalance_interval = t.rebalance_interval;
  m.rebalance_min_interval = t.rebalance_min_interval;
  m.rebalance_unbalanced_interval = t.rebalance_unbalanced_interval;
  m.route_poll_interval = t.route_poll_interval;
  m.route_poll_initial_delay = t.route_poll_initial_delay;
  m.heartbeat_interval = t.heartbeat_interval;
  m.heartbeat_initial_delay = t.heartbeat_initial_delay;
  m.persist_offset_interval = t.persist_offset_interval;
  m.persist_offset_initial_delay = t.persist_offset_initial_delay;
  m.pull_dispatch_delay = t.pull_dispatch_delay;
  m.lock_retry_delay = t.lock_retry_delay;
  m.pull_max_idle_time = t.pull_max_idle_time;
  m.lock_interval = t.lock_interval;
  m.lock_initial_delay = t.lock_initial_delay;
  m.client_lock_max_live_time = t.client_lock_max_live_time;
  m.broker_lock_max_live_time = t.broker_lock_max_live_time;
  m.orderly_remove_try_lock = t.orderly_remove_try_lock;
  m.orderly_force_unlock_after = t.orderly_force_unlock_after;
  m.unlock_delay = t.unlock_delay;
  m.channel_expired_timeout = t.channel_expired_timeout;
  m.housekeeping_scan_interval = t.housekeeping_scan_interval;
  m.notify_batch_interval = t.notify_batch_interval;
  m.broker_register_interval = t.broker_register_interval;
  m.broker_register_initial_delay = t.broker_register_initial_delay;
  m.broker_expired_timeout = t.broker_expired_timeout;
  m.namesrv_scan_interval = t.namesrv_scan_interval;
  m.namesrv_scan_initial_delay = t.namesrv_scan_initial_delay;
  const Behaviour& b = p.behaviour;
  c.behaviour.adaptive_rebalance_wait = b.adaptive_rebalance_wait;
  c.behaviour.start_rebalance_needs_heartbeat = b.start_rebalance_needs_heartbeat;
  c.behaviour.expiry_fires_unregister = b.expiry_fires_unregister;
  c.behaviour.real_time_notify = b.real_time_notify;
  c.behaviour.orderly_remove_forced = b.orderly_remove_forced;
  // rebalanceLater(500) after a lock failure came with the 5.x adaptive RebalanceService.
  c.behaviour.lock_failure_rebalance_later = b.adaptive_rebalance_wait;
  return c;
}

}  // namespace

struct Simulation::Impl {
  Impl(const Scenario& s, SimulationOptions o)
      : scenario(s),
        options(std::move(o)),
        config(toModelConfig(s.profile)),
        net(loop, s.latency.min_ms, s.latency.max_ms),
        alloc(trace, options.useAllocationCache),
        ctx{loop, net, config, trace, alloc, SimLog(options.verbose), options.checkInvariants, s.seed, {}, {}, {}, {}},
        cluster(ctx, s),
        traffic(ctx, s, cluster),
        faults(ctx, s, cluster, traffic),
        sampleTimer(loop) {}

  void sample();

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
  Timer sampleTimer;
  std::unique_ptr<InvariantChecker> invariants;  ///< with checkInvariants: sees every event first
  bool ran = false;
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
  for (std::size_t g = 0; g < scenario.groups.size(); ++g) {
    const GroupSpec& gs = scenario.groups[g];
    std::vector<std::string> topics = gs.subscribe;
    if (gs.model == MessageModel::CLUSTERING) topics.push_back(getRetryTopic(gs.name));
    for (const auto& topic : topics) {
      for (QueueIndex q : traffic.queueSet(topic)) {
        Broker* b = ctx.findBroker(trace.queue(q).brokerName);
        if (!b) continue;
        const auto gi = static_cast<GroupIndex>(g);
        trace.emit(EvQueueSample{loop.now(), gi, q, b->maxOffset(q, loop.now()), b->queryConsumerOffset(gi, q)});
      }
    }
  }
  if (options.progress) options.progress(loop.now());
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
    m.cluster.startClients(static_cast<GroupIndex>(g), m.scenario.groups[g].clients);
  m.faults.scheduleAll();
  const SimTime interval = sampleInterval(m.scenario.duration_ms);
  m.sampleTimer.startPeriodic(interval, interval, [&m] { m.sample(); });
  const bool complete = m.loop.runUntil(m.scenario.duration_ms);
  m.sampleTimer.cancel();
  const SimTime end = m.loop.now();
  for (auto& c : m.cluster.clients()) c->flushDeliveries();
  m.trace.emit(EvRunEnd{end, !complete});
  return RunStats{m.loop.eventCount(), end, !complete, m.trace.fingerprint()};
}

}  // namespace rmqsim
