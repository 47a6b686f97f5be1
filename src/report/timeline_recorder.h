// Records what the HTML page, the Perfetto trace and the CSV timelines draw: ownership intervals
// per (client, queue), orphan and overlap periods per (group, queue), load per client as a step
// function, backlog at every sample tick, and instants (rebalances that changed something,
// notifications, expiries, lock failures, lifecycle, scenario events).
//
// Memory: intervals and load steps grow with ownership changes only; backlog grows with the
// sample cadence (at most ~200 ticks per run, simulation.h), so 1,000 clients x 10,000 queues
// x 24 h stays in the tens of MiB. Instants are capped (kMaxInstants), the rest only counted.
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

/// A stretch during which a group's subscribable queue had no live owner (orphan; counted only
/// while the group has a live client, like the metrics) or two or more live owners (overlap).
struct QueuePeriod {
  GroupIndex group;
  QueueIndex queue;
  SimTime start;
  SimTime end;  ///< -1 while open
};

struct TimelineInstant {
  SimTime at;
  ClientIndex client;  ///< -1: not about one client (scenario events)
  std::string kind;    ///< rebalance, notify, channel_expired, lock_failed, started, stopped, ..., event
  std::string detail;
};

/// Load step: from `at` on, `client` owns `load` queues (coalesced per instant).
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
  std::vector<OwnershipInterval> intervals;  ///< in opening order
  std::vector<QueuePeriod> orphans;          ///< in closing order
  std::vector<QueuePeriod> overlaps;         ///< in closing order
  std::vector<TimelineInstant> instants;
  std::vector<LoadSample> loads;      ///< step changes in time order
  std::vector<BacklogSample> backlog;  ///< at sample ticks, in emission order
  std::vector<SimTime> sampleTicks;    ///< distinct sample times
  /// By ClientIndex: [started, ended) of the process; -1 = never started / still running at the end.
  std::vector<std::pair<SimTime, SimTime>> lifetimes;
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
  struct QueueState {
    std::int32_t owners = 0;  ///< live owners in this group
    bool subscribable = false;
    SimTime orphanSince = -1;
    SimTime overlapSince = -1;
  };
  struct GroupState {
    std::set<std::string> topics;  ///< subscriptions plus %RETRY%group when clustering
    bool broadcasting = false;     ///< every client owns every queue: several owners are no overlap
    std::int32_t live = 0;
    std::vector<QueueState> queues;  ///< by QueueIndex, grown on demand
  };
  struct ClientState {
    bool alive = false;
    bool paused = false;
    std::set<QueueIndex> held;  ///< non-dropped process queues, live or not
  };

  void setLive(ClientIndex c, bool live, SimTime at);
  void own(ClientIndex c, QueueIndex q, bool gain, SimTime at);
  void setLoad(ClientIndex c, SimTime at);
  void refresh(GroupIndex g, QueueIndex q, SimTime at);
  QueueState& queueState(GroupIndex g, QueueIndex q);
  ClientState& client(ClientIndex c, const RunCatalog& catalog);
  void instant(SimTime at, ClientIndex c, std::string kind, std::string detail);
  void finish(SimTime at);
  template <class E>
  void record(const E& e, const RunCatalog& catalog);

  Timeline t_;
  std::vector<GroupState> groups_;
  std::vector<ClientState> clients_;                                ///< by ClientIndex
  std::vector<GroupIndex> groupOf_;                                 ///< by ClientIndex
  std::map<std::pair<ClientIndex, QueueIndex>, std::size_t> open_;  ///< -> index in intervals
  std::vector<std::size_t> lastLoad_;                               ///< by ClientIndex: index in loads, or npos
};

}  // namespace rmqsim
