// Records what the HTML page, the Perfetto trace and the CSV timelines draw: ownership intervals
// per (client, queue), instants (rebalances that changed something, notifications, expiries,
// lock failures, lifecycle, scenario events), and load and backlog at every sample tick.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"

namespace rmqsim {

struct OwnershipInterval {
  ClientIndex client;
  QueueIndex queue;
  SimTime start;
  SimTime end;  ///< -1 while open; closed at the end of the run
};

struct TimelineInstant {
  SimTime at;
  ClientIndex client;  ///< -1: not about one client (scenario events)
  std::string kind;    ///< rebalance, notify, channel_expired, lock_failed, started, stopped, ..., event
  std::string detail;
};

struct LoadSample {
  SimTime at;
  ClientIndex client;
  std::int32_t load;
};

struct BacklogSample {
  SimTime at;
  GroupIndex group;
  QueueIndex queue;
  std::int64_t backlog;
};

struct Timeline {
  SimTime end = 0;
  std::vector<OwnershipInterval> intervals;
  std::vector<TimelineInstant> instants;
  std::vector<LoadSample> loads;
  std::vector<BacklogSample> backlog;
  std::map<std::string, std::vector<QueueIndex>> queueSets;  ///< latest subscribable queues per topic
  std::size_t droppedInstants = 0;                           ///< beyond kMaxInstants
};

class TimelineRecorder : public TraceSink {
 public:
  explicit TimelineRecorder(const Scenario& scenario);
  void onEvent(const SimEvent& ev, const RunCatalog& catalog) override;
  const Timeline& timeline() const { return t_; }

  static constexpr std::size_t kMaxInstants = 200000;

 private:
  void open(ClientIndex c, QueueIndex q, SimTime at);
  void close(ClientIndex c, QueueIndex q, SimTime at);
  void instant(SimTime at, ClientIndex c, std::string kind, std::string detail);
  void sampleLoads(SimTime at);
  template <class E>
  void record(const E& e, const RunCatalog& catalog);

  const Scenario& scenario_;
  Timeline t_;
  std::map<std::pair<ClientIndex, QueueIndex>, std::size_t> open_;  ///< -> index in intervals
  std::map<ClientIndex, std::set<QueueIndex>> held_;
  std::set<ClientIndex> live_;
  std::set<ClientIndex> paused_;
  SimTime lastLoadSample_ = -1;
};

}  // namespace rmqsim
