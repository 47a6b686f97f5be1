// What the logs of a group show, on a clock that starts at the first client's start: the
// clients (one per process run and group), every ownership change, the rebalances,
// notifications and lock failures, the topics' queues. Built by ownership_rebuilder, read by
// episode_detector, scenario_writer and replay_events.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/sim_time.h"
#include "rocketmq/common/message_queue.h"

namespace rmqsim {

enum class LifeEnd {
  RUNNING,  ///< still logging at the end of the logs
  STOPPED,  ///< "the consumer [G] shutdown OK"
  KILLED,   ///< the log ends, the others were notified soon after (the channel closed)
  CRASHED,  ///< the log ends, the others noticed long after (channel expiry) or never
};

struct ReplayClient {
  std::string clientId;
  std::string group;
  std::string source;  ///< file (and merged prefix) it came from
  SimTime startMs = 0;
  SimTime leaveMs = -1;  ///< the episode time: unregister (stop), detection (kill), last line (crash)
  SimTime endMs = -1;    ///< when it stopped owning: shutdown OK, detection, last line; -1 running
  LifeEnd end = LifeEnd::RUNNING;
  SimTime lastLineMs = 0;
  std::string lastLine;  ///< "file:line"
};

struct OwnershipChange {
  SimTime at = 0;
  int client = 0;
  MessageQueue mq;
  bool gained = false;
};

struct ClientMark {  ///< a rebalance that changed the table, a notification, a refused lock
  SimTime at = 0;
  int client = 0;
  std::string text;  ///< topic or broker address
  std::optional<MessageQueue> mq;  ///< a refused lock's queue
};

struct QueueSetChange {
  SimTime at = 0;
  std::string topic;
  std::vector<MessageQueue> queues;  ///< sorted
};

struct GroupFacts {
  std::string strategy = "AVG";
  bool orderly = false;
  std::vector<std::string> topics;  ///< subscribed topics seen, the retry topic excluded
};

struct ReplayStory {
  std::int64_t t0EpochMs = 0;
  SimTime endMs = 0;
  std::string layout;
  std::vector<ReplayClient> clients;  ///< start order
  std::vector<OwnershipChange> changes;  ///< time order
  std::vector<ClientMark> rebalances, notifications, lockFailures;
  std::map<std::string, GroupFacts> groups;
  std::vector<QueueSetChange> queueSets;  ///< the first per topic at t=0, then changes (mqAllSize)
  std::vector<std::string> warnings;
};

}  // namespace rmqsim
