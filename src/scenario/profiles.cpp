// The rocketmq-5, rocketmq-5.0 and rocketmq-4.9 profiles: one line per default, citing where RocketMQ sets it
// (../shared/spec/rocketmq-rebalance.md §1 and §6; Java wins where they differ).
#include "scenario/profiles.h"

#include <iterator>

namespace rmqsim {
namespace {

constexpr TimingKey kTimingKeys[] = {
    {"rebalance_interval", &Timing::rebalance_interval, false},
    {"rebalance_min_interval", &Timing::rebalance_min_interval, true},
    {"rebalance_unbalanced_interval", &Timing::rebalance_unbalanced_interval, false},
    {"route_poll_interval", &Timing::route_poll_interval, false},
    {"route_poll_initial_delay", &Timing::route_poll_initial_delay, true},
    {"heartbeat_interval", &Timing::heartbeat_interval, false},
    {"heartbeat_initial_delay", &Timing::heartbeat_initial_delay, true},
    {"persist_offset_interval", &Timing::persist_offset_interval, false},
    {"persist_offset_initial_delay", &Timing::persist_offset_initial_delay, true},
    {"pull_dispatch_delay", &Timing::pull_dispatch_delay, true},
    {"lock_retry_delay", &Timing::lock_retry_delay, true},
    {"pull_max_idle_time", &Timing::pull_max_idle_time, false},
    {"lock_interval", &Timing::lock_interval, false},
    {"lock_initial_delay", &Timing::lock_initial_delay, true},
    {"client_lock_max_live_time", &Timing::client_lock_max_live_time, false},
    {"broker_lock_max_live_time", &Timing::broker_lock_max_live_time, false},
    {"unlock_delay", &Timing::unlock_delay, true},
    {"pull_retry_flow_control", &Timing::pull_retry_flow_control, false},
    {"pull_retry_error", &Timing::pull_retry_error, false},
    {"channel_expired_timeout", &Timing::channel_expired_timeout, false},
    {"housekeeping_scan_interval", &Timing::housekeeping_scan_interval, false},
    {"server_channel_max_idle", &Timing::server_channel_max_idle, true},
    {"notify_batch_interval", &Timing::notify_batch_interval, false},
    {"notify_batch_initial_delay", &Timing::notify_batch_initial_delay, true},
    {"broker_register_interval", &Timing::broker_register_interval, false},
    {"broker_register_initial_delay", &Timing::broker_register_initial_delay, true},
    {"broker_expired_timeout", &Timing::broker_expired_timeout, false},
    {"namesrv_scan_interval", &Timing::namesrv_scan_interval, false},
    {"namesrv_scan_initial_delay", &Timing::namesrv_scan_initial_delay, true},
    {"api_timeout", &Timing::api_timeout, false},
    {"lock_batch_timeout", &Timing::lock_batch_timeout, false},
    {"query_offset_timeout", &Timing::query_offset_timeout, false},
    {"admin_timeout", &Timing::admin_timeout, false},
    {"query_assignment_timeout", &Timing::query_assignment_timeout, false},
    {"load_balance_poll_interval", &Timing::load_balance_poll_interval, false},
    {"pop_invisible_time", &Timing::pop_invisible_time, false},
    {"pop_revive_interval", &Timing::pop_revive_interval, false},
    {"connect_timeout", &Timing::connect_timeout, false},
};
constexpr BehaviourKey kBehaviourKeys[] = {
    {"adaptive_rebalance_wait", &Behaviour::adaptive_rebalance_wait},
    {"start_rebalance_needs_heartbeat", &Behaviour::start_rebalance_needs_heartbeat},
    {"real_time_notify", &Behaviour::real_time_notify},
    {"orderly_remove_forced", &Behaviour::orderly_remove_forced},
    {"lock_failure_rebalance_later", &Behaviour::lock_failure_rebalance_later},
    {"query_assignment", &Behaviour::query_assignment},
    {"server_load_balancer_enable", &Behaviour::server_load_balancer_enable},
    {"close_socket_if_timeout", &Behaviour::close_socket_if_timeout},
    {"oneway_waits_connect", &Behaviour::oneway_waits_connect},
    {"heartbeat_on_channel_active", &Behaviour::heartbeat_on_channel_active},
};
// A field without a row could not be set from a file nor listed by `profiles`: keep them in step.
static_assert(sizeof(Timing) == std::size(kTimingKeys) * sizeof(SimTime), "a Timing field has no timing: key");
static_assert(sizeof(Behaviour) == std::size(kBehaviourKeys) * sizeof(bool), "a Behaviour field has no behaviour: key");

// Keys older scenarios may still carry: each had no effect on any result, so it was removed
// rather than left as a silent no-op (issue 15).
constexpr RemovedKey kRemovedKeys[] = {
    {"timing", "long_poll_suspend",
     "pulls are not events in this model: a caught-up queue consumes each message as it arrives, which is what "
     "the broker's 15 s long-poll hold (BROKER_SUSPEND_MAX_TIME_MILLIS, a Java constant) gives; its length changed "
     "no result"},
    {"behaviour", "expiry_fires_unregister",
     "the CLIENT_UNREGISTER event that 5.x ConsumerManager.scanNotActiveChannel fires is ignored by "
     "DefaultConsumerIdsChangeListener (no notification, no rebalance), so the flag changed no result"},
    {"timing", "orderly_remove_try_lock",
     "the orderly removal's consume-lock try (RebalancePushImpl: 4.9 tryLock(1000 ms), 5.x 500 ms) cannot fail "
     "here: consumption is fluid, no message holds the consume lock for a measurable time, so the removal "
     "always takes it at once and its wait changed no result"},
    {"timing", "orderly_force_unlock_after",
     "5.x forces an orderly removal only once the consume-lock try has failed for 20 s since the last lock "
     "(UNLOCK_DELAY_TIME_MILLS); the try never fails in this model, so the value changed no result"},
};


Profile rocketmq5() {
  Profile p;
  p.name = "rocketmq-5";
  p.description = "RocketMQ 5.2.0-5.3.x client and broker: adaptive rebalance wait, forced orderly removal, 500 ms pull dispatch delay";
  Timing& t = p.timing;
  t.rebalance_interval = 20 * kSecond;             // RebalanceService waitInterval (rocketmq.client.rebalance.waitInterval)
  t.rebalance_min_interval = 1 * kSecond;          // RebalanceService minInterval (rocketmq.client.rebalance.minInterval)
  t.rebalance_unbalanced_interval = 1 * kSecond;   // RebalanceService: next wait after an unbalanced round
  t.route_poll_interval = 30 * kSecond;            // ClientConfig.pollNameServerInterval
  t.route_poll_initial_delay = 10;                 // MQClientInstance.startScheduledTask: 10 ms
  t.heartbeat_interval = 30 * kSecond;             // ClientConfig.heartbeatBrokerInterval
  t.heartbeat_initial_delay = 1 * kSecond;         // MQClientInstance.startScheduledTask: 1000 ms
  t.persist_offset_interval = 5 * kSecond;         // ClientConfig.persistConsumerOffsetInterval
  t.persist_offset_initial_delay = 10 * kSecond;   // MQClientInstance.startScheduledTask: 10 s
  t.pull_dispatch_delay = 500;                     // RebalanceImpl.updateProcessQueueTableInRebalance (5.x)
  t.lock_retry_delay = 500;                        // RebalanceImpl: rebalanceLater(500) after a lock failure
  t.pull_max_idle_time = 120 * kSecond;            // ProcessQueue pullMaxIdleTime (rocketmq.client.pull.pullMaxIdleTime)
  t.lock_interval = 20 * kSecond;                  // ConsumeMessageOrderlyService (rocketmq.client.rebalance.lockInterval)
  t.lock_initial_delay = 1 * kSecond;              // ConsumeMessageOrderlyService.start: 1000 ms
  t.client_lock_max_live_time = 30 * kSecond;      // ProcessQueue REBALANCE_LOCK_MAX_LIVE_TIME (rocketmq.client.rebalance.lockMaxLiveTime)
  t.broker_lock_max_live_time = 60 * kSecond;      // RebalanceLockManager (rocketmq.broker.rebalance.lockMaxLiveTime)
  t.unlock_delay = 20 * kSecond;                   // RebalancePushImpl UNLOCK_DELAY_TIME_MILLS (rocketmq.client.unlockDelayTimeMills)
  t.pull_retry_flow_control = 50;                  // DefaultMQPushConsumerImpl PULL_TIME_DELAY_MILLS_WHEN_FLOW_CONTROL
  t.pull_retry_error = 3 * kSecond;                // DefaultMQPushConsumerImpl pullTimeDelayMillsWhenException
  t.channel_expired_timeout = 120 * kSecond;       // BrokerConfig.channelExpiredTimeout
  t.housekeeping_scan_interval = 10 * kSecond;     // ClientHousekeepingService: scan every 10 s
  t.server_channel_max_idle = 120 * kSecond;       // NettyServerConfig.serverChannelMaxIdleTimeSeconds (IdleStateHandler ALL_IDLE)
  t.notify_batch_interval = 15 * kSecond;          // DefaultConsumerIdsChangeListener (realTimeNotifyConsumerChange off)
  t.notify_batch_initial_delay = 30 * kSecond;     // DefaultConsumerIdsChangeListener: scheduleAtFixedRate(…, 30, 15, SECONDS)
  t.broker_register_interval = 30 * kSecond;       // BrokerConfig.registerNameServerPeriod (clamped 10–60 s)
  t.broker_register_initial_delay = 10 * kSecond;  // BrokerController: first registration after 10 s
  t.broker_expired_timeout = 120 * kSecond;        // RouteInfoManager DEFAULT_BROKER_CHANNEL_EXPIRED_TIME
  t.namesrv_scan_interval = 5 * kSecond;           // NamesrvConfig.scanNotActiveBrokerInterval (5.0.0+)
  t.namesrv_scan_initial_delay = 5;                // NamesrvController: scheduleAtFixedRate(…, 5, interval, MILLISECONDS)
  t.api_timeout = 3 * kSecond;                     // ClientConfig.mqClientApiTimeout
  t.lock_batch_timeout = 1 * kSecond;              // RebalanceImpl.lock / lockAll: lockBatchMQ(addr, body, 1000)
  t.query_offset_timeout = 5 * kSecond;            // RemoteBrokerOffsetStore.fetchConsumeOffsetFromBroker: 1000 * 5
  t.admin_timeout = 6 * kSecond;                   // MQAdminImpl.timeoutMillis (maxOffset, searchOffset)
  t.query_assignment_timeout = 3 * kSecond;        // RebalanceImpl QUERY_ASSIGNMENT_TIMEOUT (5.x)
  t.load_balance_poll_interval = 30 * kSecond;     // BrokerConfig.loadBalancePollNameServerInterval (TopicRouteInfoManager)
  t.pop_invisible_time = 60 * kSecond;             // ProxyConfig.defaultInvisibleTimeMills (gRPC push consumers, autoRenew)
  t.pop_revive_interval = 1 * kSecond;             // BrokerConfig.reviveInterval (PopReviveService)
  t.connect_timeout = 3 * kSecond;                 // NettySystemConfig.connectTimeoutMillis (com.rocketmq.remoting.client.connect.timeout)
  Behaviour& b = p.behaviour;
  b.adaptive_rebalance_wait = true;                // RebalanceService (5.x): balanced ? waitInterval : 1 s
  b.start_rebalance_needs_heartbeat = true;        // DefaultMQPushConsumerImpl.start (5.x)
  b.real_time_notify = true;                       // BrokerConfig.realTimeNotifyConsumerChange
  b.orderly_remove_forced = true;                  // RebalancePushImpl (5.x)
  b.lock_failure_rebalance_later = true;           // RebalanceImpl.updateProcessQueueTableInRebalance (5.x)
  b.query_assignment = true;                       // QueryAssignmentProcessor (broker 5.x; rebalance: server)
  b.server_load_balancer_enable = true;            // BrokerConfig.serverLoadBalancerEnable
  b.close_socket_if_timeout = true;                // NettySystemConfig.clientCloseSocketIfTimeout, "true"
  b.oneway_waits_connect = false;                  // 5.3 NettyRemotingClient.invokeOneway: connect listener, no wait
  b.heartbeat_on_channel_active = true;            // MQClientInstance onChannelActive (5.2.0+, enableHeartbeatChannelEventListener)
  return p;
}

// 5.0.0-5.1.4: the 5.x broker, name server and RebalanceImpl (500 ms dispatch delay,
// rebalanceLater(500)), but the 4.9 RebalanceService loop and RebalancePushImpl orderly removal,
// and start() rebalancing whatever the heartbeat did; all three changed in 5.2.0.
Profile rocketmq50() {
  Profile p = rocketmq5();
  p.name = "rocketmq-5.0";
  p.description = "RocketMQ 5.0.0-5.1.4: fixed 20 s rebalance wait, 4.9-style orderly removal, 500 ms pull dispatch delay";
  p.timing.rebalance_min_interval = 0;                         // 5.1.4 RebalanceService: waitForRunning(waitInterval) only
  p.timing.rebalance_unbalanced_interval = 20 * kSecond;       // 5.1.4: fixed waitInterval
  p.behaviour.adaptive_rebalance_wait = false;                 // minInterval and the balanced test arrived in 5.2.0
  p.behaviour.start_rebalance_needs_heartbeat = false;         // 5.1.4 start(): rebalanceImmediately always
  p.behaviour.orderly_remove_forced = false;                   // 5.1.4: unlockDelay 20 s while messages are buffered
  p.behaviour.oneway_waits_connect = true;                     // 4.9.8-5.2 NettyRemotingClient.createChannel awaits the connect
  p.behaviour.heartbeat_on_channel_active = false;             // the ACTIVE-event listener arrived in 5.2.0
  return p;
}

Profile rocketmq49() {
  Profile p = rocketmq50();
  p.name = "rocketmq-4.9";
  p.description = "RocketMQ 4.9.x (4.9.8): fixed 20 s rebalance wait, immediate pull dispatch, delayed orderly unlock";
  p.timing.pull_dispatch_delay = 0;                            // 4.9.8: dispatchPullRequest immediately
  p.timing.namesrv_scan_interval = 10 * kSecond;               // 4.9.8 NamesrvController: scheduleAtFixedRate(…, 5, 10, SECONDS)
  p.timing.namesrv_scan_initial_delay = 5 * kSecond;
  p.behaviour.real_time_notify = true;                         // 4.9.8 notifies at once (no such switch)
  p.behaviour.lock_failure_rebalance_later = false;            // 4.9.8: a refused lock waits for the next round
  p.behaviour.query_assignment = false;                        // 4.9.8: no QueryAssignmentProcessor, no clientRebalance switch
  return p;
}

}  // namespace

std::span<const TimingKey> timingKeys() { return kTimingKeys; }
std::span<const BehaviourKey> behaviourKeys() { return kBehaviourKeys; }
std::span<const RemovedKey> removedKeys() { return kRemovedKeys; }

const std::vector<Profile>& builtinProfiles() {
  static const std::vector<Profile> profiles = {rocketmq5(), rocketmq50(), rocketmq49()};
  return profiles;
}

const Profile* findProfile(std::string_view name) {
  for (const auto& p : builtinProfiles())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace rmqsim
