// The timers and version behaviours the RocketMQ model runs with. The scenario layer uses these
// same structs (Timing/Behaviour) so a value travels from YAML to the model without a copy.
#pragma once

#include "engine/sim_time.h"

namespace rmqsim {

/// Every timer of the model; the profile fills them, `timing:` overrides any of them.
/// Field names are the scenario keys under `timing:`; each cites its Java source in
/// scenario/profiles.cpp.
struct ModelTiming {
  SimTime rebalance_interval = 20 * kSecond;            ///< RebalanceService waitInterval
  SimTime rebalance_min_interval = 1 * kSecond;         ///< 5.x minInterval (4.9: 0)
  SimTime rebalance_unbalanced_interval = 1 * kSecond;  ///< 5.x wait after an unbalanced round (4.9: = rebalance_interval)
  SimTime route_poll_interval = 30 * kSecond;           ///< pollNameServerInterval
  SimTime route_poll_initial_delay = 10;
  SimTime heartbeat_interval = 30 * kSecond;            ///< heartbeatBrokerInterval
  SimTime heartbeat_initial_delay = 1 * kSecond;
  SimTime persist_offset_interval = 5 * kSecond;        ///< persistConsumerOffsetInterval
  SimTime persist_offset_initial_delay = 10 * kSecond;
  SimTime pull_dispatch_delay = 500;                    ///< 5.x delay before a new queue's first pull (4.9: 0)
  SimTime lock_retry_delay = 500;                       ///< rebalanceLater after an orderly lock failure
  SimTime pull_max_idle_time = 120 * kSecond;           ///< ProcessQueue pull-expired
  SimTime lock_interval = 20 * kSecond;                 ///< ConsumeMessageOrderlyService lockAll period
  SimTime lock_initial_delay = 1 * kSecond;
  SimTime client_lock_max_live_time = 30 * kSecond;     ///< ProcessQueue lockMaxLiveTime
  SimTime broker_lock_max_live_time = 60 * kSecond;     ///< RebalanceLockManager
  SimTime unlock_delay = 20 * kSecond;                  ///< 4.9: broker unlock delayed while messages buffered
  SimTime pull_retry_flow_control = 50;
  SimTime pull_retry_error = 3 * kSecond;
  SimTime channel_expired_timeout = 120 * kSecond;      ///< BrokerConfig channelExpiredTimeout
  SimTime housekeeping_scan_interval = 10 * kSecond;    ///< ClientHousekeepingService
  SimTime server_channel_max_idle = 120 * kSecond;      ///< NettyServerConfig.serverChannelMaxIdleTimeSeconds (0: off)
  SimTime notify_batch_interval = 15 * kSecond;         ///< 5.x when realTimeNotifyConsumerChange is off
  SimTime broker_register_interval = 30 * kSecond;      ///< registerNameServerPeriod
  SimTime broker_register_initial_delay = 10 * kSecond;
  SimTime broker_expired_timeout = 120 * kSecond;       ///< RouteInfoManager DEFAULT_BROKER_CHANNEL_EXPIRED_TIME
  SimTime namesrv_scan_interval = 5 * kSecond;          ///< 5.x scanNotActiveBrokerInterval (4.9: 10 s)
  SimTime namesrv_scan_initial_delay = 5;               ///< 5.x NamesrvController: 5 ms (4.9: 5 s)
  SimTime api_timeout = 3 * kSecond;                    ///< ClientConfig.mqClientApiTimeout (route, consumer list)
  SimTime lock_batch_timeout = 1 * kSecond;             ///< RebalanceImpl.lock/lockAll: lockBatchMQ(…, 1000)
  SimTime query_offset_timeout = 5 * kSecond;           ///< RemoteBrokerOffsetStore: queryConsumerOffset(…, 5000)
  SimTime admin_timeout = 6 * kSecond;                  ///< MQAdminImpl.timeoutMillis (maxOffset, searchOffset)
  SimTime query_assignment_timeout = 3 * kSecond;       ///< 5.x RebalanceImpl QUERY_ASSIGNMENT_TIMEOUT
  SimTime load_balance_poll_interval = 30 * kSecond;    ///< 5.x BrokerConfig.loadBalancePollNameServerInterval
  SimTime pop_invisible_time = 60 * kSecond;            ///< 5.x ProxyConfig.defaultInvisibleTimeMills (push consumers)
  SimTime pop_revive_interval = 1 * kSecond;            ///< 5.x BrokerConfig.reviveInterval (PopReviveService scan)

  // Profiles (issue 15): timers the fidelity audit found missing.
  SimTime notify_batch_initial_delay = 30 * kSecond;    ///< 5.x DefaultConsumerIdsChangeListener: first batched flush
  SimTime connect_timeout = 3 * kSecond;                ///< NettyClientConfig.connectTimeoutMillis (a lost host's SYN)
};

/// Behaviours that differ between the RocketMQ lines (spec §6); the profile sets them.
struct ModelBehaviour {
  bool adaptive_rebalance_wait = true;        ///< 5.x: 1 s after an unbalanced round, >= min interval
  bool start_rebalance_needs_heartbeat = true;///< 5.x: start-up rebalance only if the heartbeat succeeded
  bool real_time_notify = true;               ///< 5.x realTimeNotifyConsumerChange
  bool orderly_remove_forced = true;          ///< 5.x tryRemoveOrderMessageQueue: unlock at once; 4.9 delayed unlock
  bool lock_failure_rebalance_later = true;   ///< 5.x rebalanceLater(lock_retry_delay) after a lock failure (4.9: none)
  bool query_assignment = true;               ///< 5.x brokers answer QUERY_ASSIGNMENT (4.9: no such request)
  bool server_load_balancer_enable = true;    ///< 5.x BrokerConfig.serverLoadBalancerEnable (false: every queue to everyone)
  bool close_socket_if_timeout = true;        ///< NettyClientConfig.clientCloseSocketIfTimeout (both lines: true)
  bool oneway_waits_connect = false;          ///< 4.9: a oneway call blocks on its connect; 5.3: connects asynchronously
  bool heartbeat_on_channel_active = true;    ///< 5.2+: a new broker connection sends a heartbeat, then rebalanceImmediately
};

struct ModelConfig {
  ModelTiming timing;
  ModelBehaviour behaviour;
};

}  // namespace rmqsim
