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
#include "rocketmq/common/model_config.h"
#include "rocketmq/common/rebalance_mode.h"
#include "strategy/strategy_registry.h"

namespace rmqsim {

/// Where a value came from: file (or "--set KEY"), 1-based line and column (0 = unknown).
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Every timer of the model, and the behaviours that differ between the RocketMQ lines (spec §6):
/// the profile fills them, `timing:` and `behaviour:` override any of them.
using Timing = ModelTiming;
using Behaviour = ModelBehaviour;

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
  std::int64_t in_memory_messages = 0;  ///< newest commit-log messages in the page cache (0: all)
  SourceLoc loc;
};

/// `spread:` default: processes launched together register over a second or two (JVM start,
/// client start), not at one instant (scenarios/README.md cites the real-cluster logs).
inline constexpr SimTime kDefaultStartSpread = 2 * kSecond;

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
  std::vector<std::string> ids;      ///< clients.ids: client n's exact first id (an imported live group, a replayed one); the pattern for later ones
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
  RebalanceMode rebalance = RebalanceMode::CLIENT;  ///< `rebalance:` client | server | sticky | uniform | pop
  /// `message_request_mode: pop` (rebalance: server): the broker's MessageRequestModeManager
  /// entry for the group's topics, as mqadmin setConsumeMode -m POP sets it before the run.
  bool pop_request_mode = false;
  int pop_share_queue_num = 0;  ///< `pop_share_queue_num:` (setConsumeMode -q, default 0)
  SimTime spread_ms = kDefaultStartSpread;  ///< `spread:` the t=0 clients' JVM starts, uniform in [0, spread)
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
  int pull_threshold_for_queue = 1000;  ///< pullThresholdForQueue
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
  SimTime spread_ms = kDefaultStartSpread;  ///< start/restart/rolling_restart: JVM start offset in [0, spread)
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
  SimTime duration_ms = 10 * kMinute;  ///< `phase` included
  SimTime phase_ms = 0;  ///< `phase:` every event and `duration` were shifted later by this (scenario/phase.h)
  /// Which draw of the start-spread streams this run takes: `--phases` re-seeds them per phase k.
  std::uint64_t spread_draw = 0;
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
