// The timers and version behaviours the RocketMQ model runs with. A copy of the scenario's
// resolved Timing/Behaviour (the rocketmq layer may not see scenario structs); src/sim fills it.
// Each value's Java source is cited in scenario/profiles.cpp and docs/porting.md.
#pragma once

#include "engine/sim_time.h"

namespace rmqsim {

struct ModelTiming {
  SimTime rebalance_interval = 20 * kSecond;
  SimTime rebalance_min_interval = 1 * kSecond;
  SimTime rebalance_unbalanced_interval = 1 * kSecond;
  SimTime route_poll_interval = 30 * kSecond;
  SimTime route_poll_initial_delay = 10;
  SimTime heartbeat_interval = 30 * kSecond;
  SimTime heartbeat_initial_delay = 1 * kSecond;
  SimTime persist_offset_interval = 5 * kSecond;
  SimTime persist_offset_initial_delay = 10 * kSecond;
  SimTime pull_dispatch_delay = 500;
  SimTime lock_retry_delay = 500;
  SimTime pull_max_idle_time = 120 * kSecond;
  SimTime lock_interval = 20 * kSecond;
  SimTime lock_initial_delay = 1 * kSecond;
  SimTime client_lock_max_live_time = 30 * kSecond;
  SimTime broker_lock_max_live_time = 60 * kSecond;
  SimTime orderly_remove_try_lock = 500;
  SimTime orderly_force_unlock_after = 20 * kSecond;
  SimTime unlock_delay = 20 * kSecond;
  SimTime channel_expired_timeout = 120 * kSecond;
  SimTime housekeeping_scan_interval = 10 * kSecond;
  SimTime notify_batch_interval = 15 * kSecond;
  SimTime broker_register_interval = 30 * kSecond;
  SimTime broker_register_initial_delay = 10 * kSecond;
  SimTime broker_expired_timeout = 120 * kSecond;
  SimTime namesrv_scan_interval = 5 * kSecond;
  SimTime namesrv_scan_initial_delay = 5 * kSecond;
};

struct ModelBehaviour {
  bool adaptive_rebalance_wait = true;          ///< 5.x RebalanceService min interval / balanced wait
  bool start_rebalance_needs_heartbeat = true;  ///< 5.x start-up rebalance only after a heartbeat
  bool expiry_fires_unregister = true;          ///< 5.x CLIENT_UNREGISTER on scan expiry (never notifies)
  bool real_time_notify = true;                 ///< 5.x realTimeNotifyConsumerChange
  bool orderly_remove_forced = true;            ///< 5.x orderly removal; false = 4.9 delayed unlock
  bool lock_failure_rebalance_later = true;     ///< 5.x rebalanceLater(500) after a lock failure (4.9: none)
};

struct ModelConfig {
  ModelTiming timing;
  ModelBehaviour behaviour;
};

}  // namespace rmqsim
