// Records what the HTML page, the Perfetto trace and the CSV timelines draw: ownership intervals
// per (client, queue), orphan and overlap periods per (group, queue), load per client as a step
// function, backlog at every sample tick, and instants (rebalances that changed something,
// notifications, expiries, lock failures, lifecycle, scenario events).
//
// Memory: every stream is a delta-coded varint log (timeline_encoding.h): an ownership change
// takes 2 to 4 bytes, a load step, a period or a backlog sample 4 to 6; the live state (owners per
// queue, open ownerships, held sets) is bounded by clients x queues. Backlog grows with the
// sample cadence (at most ~200 ticks per run, simulation.h). Instants are capped (kMaxInstants),
// the rest only counted.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "report/timeline_encoding.h"
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

/// One ownership change as recorded: `client` gained or lost live ownership of `queue`.
struct OwnerChange {
  SimTime at;
  ClientIndex client;
  QueueIndex queue;
  bool gain;
};

/// What the recorder keeps, compact (timeline_encoding.h): each stream a varint log decoded in
/// append order by the forEach* readers. The vector-returning accessors materialise a stream
/// (tests, small runs); the renderers stream instead.
struct Timeline {
  SimTime end = 0;
  std::vector<SimTime> sampleTicks;  ///< distinct sample times
  /// By ClientIndex: [started, ended) of the process; -1 = never started / still running at the end.
  std::vector<std::pair<SimTime, SimTime>> lifetimes;
  std::map<std::string, std::vector<QueueIndex>> queueSets;  ///< latest subscribable queues per topic
  std::size_t droppedInstants = 0;                           ///< beyond kMaxInstants

  ByteLog changeLog;  ///< OwnerChange in event order (time order); the end of the run closes what is open
  ByteLog loadLog;    ///< LoadSample, step changes in time order
  ByteLog backlogLog;  ///< BacklogSample, in emission order
  ByteLog orphanLog, overlapLog;  ///< QueuePeriod, in closing order
  ByteLog instantLog;             ///< TimelineInstant, kind and detail in `strings`
  StringTable strings;
  std::size_t changeCount = 0, loadCount = 0, backlogCount = 0, orphanCount = 0, overlapCount = 0, instantCount = 0;

  template <class F>
  void forEachChange(F&& f) const;
  template <class F>
  void forEachLoad(F&& f) const;
  template <class F>
  void forEachBacklog(F&& f) const;
  template <class F>
  void forEachOrphan(F&& f) const { forEachPeriod(orphanLog, f); }
  template <class F>
  void forEachOverlap(F&& f) const { forEachPeriod(overlapLog, f); }
  template <class F>
  void forEachInstant(F&& f) const;

  std::vector<OwnershipInterval> intervals() const;  ///< in opening order; end -1 if never closed
  std::vector<QueuePeriod> orphans() const;
  std::vector<QueuePeriod> overlaps() const;
  std::vector<TimelineInstant> instants() const;
  std::vector<LoadSample> loads() const;
  std::vector<BacklogSample> backlog() const;
  /// Heap bytes of the streams (chunks held), for the memory figures and tests.
  std::size_t encodedBytes() const;

 private:
  template <class F>
  static void forEachPeriod(const ByteLog& log, F& f);
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
    std::int32_t lastLoad = -1;          ///< latest load step's value, -1 = none yet
    std::size_t pendingLoad = kNoLoad;  ///< its index in pendingLoads_ while at the current instant
  };
  static constexpr std::size_t kNoLoad = static_cast<std::size_t>(-1);
  /// Previous record's fields, which the next one is delta-coded against.
  struct Cursor {
    SimTime at = 0;
    ClientIndex client = -1;
    QueueIndex queue = 0;
  };

  void setLive(ClientIndex c, bool live, SimTime at);
  void own(ClientIndex c, QueueIndex q, bool gain, SimTime at);
  void logChange(ClientIndex c, QueueIndex q, bool gain, SimTime at);
  void setLoad(ClientIndex c, SimTime at);
  void flushLoads();
  void refresh(GroupIndex g, QueueIndex q, SimTime at);
  void period(ByteLog& log, Cursor& cur, GroupIndex g, QueueIndex q, SimTime start, SimTime end);
  QueueState& queueState(GroupIndex g, QueueIndex q);
  ClientState& client(ClientIndex c, const RunCatalog& catalog);
  void instant(SimTime at, ClientIndex c, std::string_view kind, std::string_view detail);
  void finish(SimTime at);
  template <class E>
  void record(const E& e, const RunCatalog& catalog);

  Timeline t_;
  std::vector<GroupState> groups_;
  std::vector<ClientState> clients_;                 ///< by ClientIndex
  std::vector<GroupIndex> groupOf_;                  ///< by ClientIndex
  std::set<std::pair<ClientIndex, QueueIndex>> open_;  ///< live ownerships (open intervals)
  std::vector<LoadSample> pendingLoads_;             ///< steps of the current instant, still coalescing
  SimTime pendingAt_ = 0;
  Cursor changeCur_, loadCur_, backlogCur_, orphanCur_, overlapCur_, instantCur_;
};

template <class F>
void Timeline::forEachChange(F&& f) const {
  ByteLog::Reader r(changeLog);
  SimTime at = 0;
  ClientIndex client = -1;
  QueueIndex queue = 0;
  while (!r.done()) {
    const std::uint64_t head = r.getU();
    at += zigzagDecode(head >> 1);
    if (head & 1) client = static_cast<ClientIndex>(r.getU());
    const std::uint64_t qv = r.getU();
    queue += static_cast<QueueIndex>(zigzagDecode(qv >> 1));
    f(OwnerChange{at, client, queue, (qv & 1) != 0});
  }
}

template <class F>
void Timeline::forEachLoad(F&& f) const {
  ByteLog::Reader r(loadLog);
  SimTime at = 0;
  while (!r.done()) {
    at += r.getS();
    const auto client = static_cast<ClientIndex>(r.getU());
    f(LoadSample{at, client, static_cast<std::int32_t>(r.getU())});
  }
}

template <class F>
void Timeline::forEachBacklog(F&& f) const {
  ByteLog::Reader r(backlogLog);
  SimTime at = 0;
  QueueIndex queue = 0;
  while (!r.done()) {
    at += r.getS();
    const auto group = static_cast<GroupIndex>(r.getU());
    queue += static_cast<QueueIndex>(r.getS());
    f(BacklogSample{at, group, queue, static_cast<std::int64_t>(r.getU())});
  }
}

template <class F>
void Timeline::forEachPeriod(const ByteLog& log, F& f) {
  ByteLog::Reader r(log);
  SimTime end = 0;
  QueueIndex queue = 0;
  while (!r.done()) {
    end += r.getS();
    const auto length = static_cast<SimTime>(r.getU());
    const auto group = static_cast<GroupIndex>(r.getU());
    queue += static_cast<QueueIndex>(r.getS());
    f(QueuePeriod{group, queue, end - length, end});
  }
}

/// Instants as views into the string table: `kind` and `detail` are stored once each.
struct InstantRef {
  SimTime at;
  ClientIndex client;
  const std::string& kind;
  const std::string& detail;
};

template <class F>
void Timeline::forEachInstant(F&& f) const {
  ByteLog::Reader r(instantLog);
  SimTime at = 0;
  while (!r.done()) {
    at += r.getS();
    const auto client = static_cast<ClientIndex>(static_cast<std::int64_t>(r.getU()) - 1);
    const std::string& kind = strings.at(r.getU());
    f(InstantRef{at, client, kind, strings.at(r.getU())});
  }
}

}  // namespace rmqsim
