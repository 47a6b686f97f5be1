// The scenario as plain structs (contract §2). Parsed once from YAML by scenario_parser;
// the engine and the model never see YAML. Every value from a file keeps its SourceLoc.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/sim_time.h"
#include "rocketmq/common/message_queue.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {

/// Where a value came from: file (or "--set KEY"), 1-based line and column (0 = unknown).
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Every timer of the model; the profile fills them, `timing:` overrides any of them.
/// Field names are the scenario keys under `timing:`; each cites its Java source in profiles.cpp.
struct Timing {
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
  SimTime orderly_remove_try_lock = 500;                ///< 5.x 500 ms, 4.9 1 s
  SimTime orderly_force_unlock_after = 20 * kSecond;    ///< 5.x: removal forced after this since last lock
  SimTime unlock_delay = 20 * kSecond;                  ///< 4.9: broker unlock delayed while messages buffered
  SimTime long_poll_suspend = 15 * kSecond;
  SimTime pull_retry_flow_control = 50;
  SimTime pull_retry_error = 3 * kSecond;
  SimTime channel_expired_timeout = 120 * kSecond;      ///< BrokerConfig channelExpiredTimeout
  SimTime housekeeping_scan_interval = 10 * kSecond;    ///< ClientHousekeepingService
  SimTime notify_batch_interval = 15 * kSecond;         ///< 5.x when realTimeNotifyConsumerChange is off
  SimTime broker_register_interval = 30 * kSecond;      ///< registerNameServerPeriod
  SimTime broker_register_initial_delay = 10 * kSecond;
  SimTime broker_expired_timeout = 120 * kSecond;       ///< RouteInfoManager DEFAULT_BROKER_CHANNEL_EXPIRED_TIME
  SimTime namesrv_scan_interval = 5 * kSecond;          ///< scanNotActiveBrokerInterval
  SimTime namesrv_scan_initial_delay = 5 * kSecond;
};

/// Behaviours that differ between the RocketMQ lines (spec §6); the profile sets them.
struct Behaviour {
  bool adaptive_rebalance_wait = true;        ///< 5.x: 1 s after an unbalanced round, >= min interval
  bool start_rebalance_needs_heartbeat = true;///< 5.x: start-up rebalance only if the heartbeat succeeded
  bool expiry_fires_unregister = true;        ///< 5.x: scan expiry fires CLIENT_UNREGISTER (never notifies)
  bool real_time_notify = true;               ///< 5.x realTimeNotifyConsumerChange
  bool orderly_remove_forced = true;          ///< 5.x forced removal after orderly_force_unlock_after; 4.9 delayed unlock
};

/// A resolved profile: name, timings and behaviours.
struct Profile {
  std::string name;  ///< "rocketmq-5" or "rocketmq-4.9"
  std::string description;
  Timing timing;
  Behaviour behaviour;
};

/// One-way message latency, uniform in [min_ms, max_ms].
struct LatencySpec {
  SimTime min_ms = 2;
  SimTime max_ms = 2;
};

/// A topic on one broker.
struct TopicSpec {
  std::string name;
  int read_queues = 8;
  int write_queues = 8;
  int perm = 6;  ///< PermName: 4 read, 2 write, 6 both
  SourceLoc loc;
};

struct BrokerSpec {
  std::string name;
  std::vector<TopicSpec> topics;
  SourceLoc loc;
};

enum class MessageModel { CLUSTERING, BROADCASTING };
enum class ConsumeFromWhere { CONSUME_FROM_LAST_OFFSET, CONSUME_FROM_FIRST_OFFSET, CONSUME_FROM_TIMESTAMP };

/// A strategy as written in the scenario: name plus constructor parameters.
struct StrategySpec {
  std::string name = "AVG";
  StrategyParams params;
  SourceLoc loc;
};

/// How client ids are built. Tokens: {ip} {pid} {n} {group} {room} {instance} {nanotime}.
/// Default "{ip}@{pid}#{nanotime}" as 4.9.8/5.x build it for instanceName DEFAULT.
struct ClientIdSpec {
  std::string pattern = "{ip}@{pid}#{nanotime}";
  std::string ip_base = "10.0.0.0";  ///< ip of client n = ip_base + n + 1 (per group offset applied by cluster)
  std::string unit_name;             ///< appended as @unit when non-empty
  std::vector<std::string> rooms;    ///< {room} of client n = rooms[n % size] (machine-room strategies)
  SourceLoc loc;
};

struct GroupSpec {
  std::string name;
  std::vector<std::string> subscribe;
  StrategySpec strategy;
  MessageModel model = MessageModel::CLUSTERING;
  bool orderly = false;
  ConsumeFromWhere consume_from = ConsumeFromWhere::CONSUME_FROM_LAST_OFFSET;
  SimTime consume_timestamp_ms = 0;  ///< for CONSUME_FROM_TIMESTAMP: virtual time to start from
  int clients = 0;                   ///< started at t=0
  ClientIdSpec client_id;
  int retry_queues = 1;              ///< %RETRY%<group> queues per broker (clustering only)
  bool notify_consumer_ids_changed = true;  ///< subscription group notifyConsumerIdsChangedEnable
  std::optional<double> rate_per_client;    ///< overrides consume.rate_per_client
  SourceLoc loc;
};

struct ProduceSpec {
  std::string topic;
  double rate = 0;  ///< messages per second, spread evenly over the topic's writable queues
  SourceLoc loc;
};

struct ConsumeSpec {
  double rate_per_client = 1000;  ///< messages/s one client can process
  int pull_batch_size = 32;       ///< pullBatchSize
  SourceLoc loc;
};

enum class IdPolicy { STABLE, NEW_IP, NEW_PID };
enum class PartitionDirection { BOTH, TO_BROKER, FROM_BROKER };

/// One scheduled event (contract §2 actions).
struct EventSpec {
  SimTime at_ms = 0;
  std::string action;  ///< start stop kill crash pause resume restart rolling_restart partition heal
                       ///< broker_kill broker_crash broker_up nameserver_down nameserver_up set_queues
  std::string group;                 ///< start, rolling_restart; optional filter elsewhere
  int count = 1;                     ///< start: new clients
  std::vector<std::string> clients;  ///< client names (GROUP-N) for stop/kill/crash/pause/resume/restart/partition/heal
  std::vector<std::string> brokers;  ///< broker names for partition/heal/broker_*/set_queues
  bool nameservers = false;          ///< partition/heal: cut links to the name servers too
  std::string nameserver;            ///< nameserver_down/up: name (default "namesrv-0")
  PartitionDirection direction = PartitionDirection::BOTH;
  std::string topic;                 ///< set_queues
  int queues = 0;                    ///< set_queues: new read = write count
  SimTime delay_ms = 0;              ///< restart: down time before starting again
  SimTime interval_ms = 30 * kSecond;///< rolling_restart: gap between two clients
  IdPolicy id_policy = IdPolicy::STABLE;
  SourceLoc loc;
};

/// One `expect:` line: a dotted report path and bounds.
struct Expectation {
  std::string metric;
  std::optional<double> min;
  std::optional<double> max;
  std::optional<std::string> equals;  ///< compared to the JSON value's text form ("null", "true", "3")
  SourceLoc loc;
};

struct Scenario {
  std::string file;  ///< display name of the source
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  SimTime duration_ms = 10 * kMinute;
  Profile profile;   ///< resolved: profile defaults with `timing:` overrides applied
  LatencySpec latency;
  int nameservers = 1;
  std::vector<BrokerSpec> brokers;
  std::vector<GroupSpec> groups;
  std::vector<ProduceSpec> produce;
  ConsumeSpec consume;
  std::vector<EventSpec> events;  ///< sorted by at_ms, stable
  std::vector<Expectation> expect;
};

}  // namespace rmqsim
