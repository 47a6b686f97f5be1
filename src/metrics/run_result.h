// What one run measured (contract §3/§4), as plain data for the JSON and text reports, `check`
// and `sweep`. Times in the report are seconds; internally milliseconds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/sim_time.h"
#include "metrics/balance.h"

namespace rmqsim {

/// The run-wide figures that also exist per group (the summary, and each group's share of it).
struct Totals {
  std::int64_t rebalances = 0;          ///< EvRebalance count: rebalanceByTopic runs (one per client, topic and round)
  std::int64_t changedRebalances = 0;   ///< of those, runs that changed the process-queue table
  std::int64_t queueMoves = 0;
  std::int64_t minMoves = 0;            ///< sum over events (their judged groups)
  double overlapQueueSeconds = 0;
  double orphanQueueSeconds = 0;
  double orphanConsumingQueueSeconds = 0;  ///< orderly groups: queues with no owner holding a valid lock
  std::int64_t duplicates = 0;
  std::int64_t skippedMessages = 0;  ///< never delivered, below a delivered offset (a start past them)
  std::int64_t maxLag = 0;
  // rebalance: pop groups only (no queue ownership, so no orphans nor overlaps there):
  std::int64_t redeliveries = 0;             ///< popped messages revived past their invisible time
  double invisiblePastDeadlineMsgS = 0;      ///< messages x seconds between the deadline and the revive
  double fifoBlockedQueueS = 0;  ///< FIFO pop: queue x seconds blocked behind a batch not acked at the next step
};

struct Summary : Totals {
  std::int64_t notifications = 0;
  std::int64_t channelExpiries = 0;
  std::int64_t lockFailures = 0;
};

/// Per scenario event: the window from the event to the next one (or the end of the run).
struct EventMetrics {
  SimTime at = 0;
  std::string action;
  std::string target;
  std::optional<double> convergenceSeconds;  ///< nullopt: never converged in the window
  std::int64_t queueMoves = 0;
  std::int64_t minMoves = 0;
  double overlapQueueSeconds = 0;
  double orphanQueueSeconds = 0;
  std::int64_t duplicates = 0;
  std::int64_t skippedMessages = 0;
  std::int64_t rebalances = 0;
  std::int64_t redeliveries = 0;         ///< pop groups: see Totals
  double invisiblePastDeadlineMsgS = 0;  ///< pop groups: see Totals
  /// Groups whose convergence is judged: the event's group, or every group (broker events).
  std::vector<std::string> groups;
  /// Per broker: the longest time one of its queues stayed unowned (s), for plain-language warnings.
  std::map<std::string, double> longestOrphanByBroker;
};

struct TopicFinal {
  std::string topic;
  BalanceStats balance;
};

struct GroupFinal {
  std::string name;
  std::string strategy;
  bool broadcasting = false;
  bool orderly = false;
  bool pop = false;                   ///< rebalance: pop: no queues, messages shared (message_share)
  bool popAssigned = false;           ///< pop by rebalance: server + message_request_mode: pop
  /// Pop groups: every client that consumed (by name) -> its fraction of the group's messages.
  std::map<std::string, double> messageShare;
  BalanceStats balance;               ///< loads summed over the group's topics (retry included)
  std::vector<TopicFinal> topics;
  std::map<std::string, std::int64_t> loadByClient;  ///< live clients by name
  /// Live clients sharing one client id: id -> client names (the known RocketMQ failure).
  std::map<std::string, std::vector<std::string>> sharedIds;
  /// queue ("topic@broker:id") -> owner names (empty: unowned), in MessageQueue order.
  std::vector<std::pair<std::string, std::vector<std::string>>> assignment;
  std::int64_t unownedQueues = 0;     ///< subscribable queues with no owner at the end
  Totals totals;                      ///< this group's share of the summary
};

struct RunResult {
  SimTime endTime = 0;
  bool partial = false;
  Summary summary;
  std::vector<EventMetrics> events;
  std::vector<GroupFinal> groups;
  BalanceStats all;  ///< all groups: sums, worst imbalance, min Jain, all complete
};

}  // namespace rmqsim
