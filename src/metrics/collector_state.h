// The collector's running state per queue, group and client (internal to metrics/): what is
// owned now, by whom, and the running counts that the time integrals multiply.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/sim_time.h"
#include "metrics/duplicate_counter.h"
#include "metrics/index_set.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

/// What ownership changes and refreshes of the expected owners read, in one cache line (the
/// delivered offsets are kept apart, in GroupState::delivered: deliveries touch nothing else).
struct alignas(64) QueueState {
  bool inUniverse = false;            ///< subscribable now (latest EvQueueSetChanged of its topic)
  bool matches = true;                ///< owners == expected
  int consuming = 0;                  ///< orderly: live owners that also hold a valid broker lock
  ClientIndex lastOwner = -1;         ///< the last client that started owning it (even if gone)
  int orphanWindow = -1;              ///< the event window in which that stretch began
  SimTime orphanSince = -1;           ///< unowned (and subscribable) since
  IndexSet owners;                    ///< live holders, sorted
  IndexSet expected;                  ///< the strategy's owners for the current membership, sorted
};
static_assert(sizeof(QueueState) == 64, "a queue's state is one cache line");

/// A group's QueueState per queue index, dense (queue indices are the catalog's, 0..n-1): the
/// ownership handlers look a queue up on every move, and a tree lookup was a tenth of the churn runs.
/// A queue never touched reads as a default QueueState, as with the map it replaces.
class QueueTable {
 public:
  QueueState& operator[](QueueIndex q) {
    const auto i = static_cast<std::size_t>(q);
    if (i >= states_.size()) [[unlikely]] grow(i);
    return states_[i];
  }
  /// The state of queue q, null if never touched.
  const QueueState* find(QueueIndex q) const {
    const auto i = static_cast<std::size_t>(q);
    return i < states_.size() ? &states_[i] : nullptr;
  }
  std::size_t size() const { return states_.size(); }
  QueueState& at(std::size_t i) { return states_[i]; }

 private:
  [[gnu::noinline]] void grow(std::size_t i) { states_.resize(i + 1); }
  std::vector<QueueState> states_;
};

struct GroupState {
  std::string name;
  bool broadcasting = false;
  bool orderly = false;
  bool pop = false;  ///< rebalance: pop: no ownership (orphan/overlap 0, converged while anyone lives)
  std::vector<std::string> topics;                           ///< subscribe list, then the retry topic
  std::map<std::string, std::vector<QueueIndex>> universe;   ///< topic -> subscribable queues
  std::map<std::string, std::uint64_t> universeVersion;      ///< topic -> bumped on every change
  IndexSet live;  ///< live clients, sorted (a refresh copies them: contiguous, no tree walk)
  QueueTable queues;
  std::vector<DuplicateCounter> delivered;  ///< per queue index, grown on first delivery
  // Running counts over universe queues, kept exact on every ownership change.
  std::int64_t orphanCount = 0;     ///< no owner
  std::int64_t overlapExcess = 0;   ///< sum of max(0, owners - 1)
  std::int64_t notExactlyOne = 0;   ///< owners != 1
  std::int64_t mismatches = 0;      ///< owners differ from the expected ones
  /// The what-if assignors (rebalance: sticky / uniform) answer from history, so convergence
  /// means "complete, loads within one" per topic (sticky) or over the group (uniform).
  enum class Target { STRATEGY, BALANCED_PER_TOPIC, BALANCED_OVERALL } target = Target::STRATEGY;
  std::int64_t noConsumer = 0;      ///< orderly: no owner holding a valid lock
  bool expectedDirty = true;        ///< membership or queue set changed since the last refresh
  bool everLive = false;  ///< a group that lost all its clients has not converged; one not started yet is ignored
  // Totals for this group.
  std::int64_t queueMoves = 0;
  std::int64_t minMoves = 0;
  std::int64_t overlapQueueMs = 0;  ///< integrals kept in integer queue-milliseconds: exact
  std::int64_t orphanQueueMs = 0;
  std::int64_t orphanConsumingQueueMs = 0;
  std::int64_t rebalances = 0;
  std::int64_t changedRebalances = 0;
  std::int64_t duplicates = 0;
  std::int64_t skippedMessages = 0;
  std::int64_t maxLag = 0;
  std::int64_t redeliveries = 0;
  std::int64_t overdueMsgMs = 0;
  std::int64_t fifoBlockedMs = 0;  ///< FIFO pop: queue x ms blocked behind a late batch
  std::map<ClientIndex, std::int64_t> popConsumed;  ///< pop: messages consumed per client
};

struct ClientState {
  GroupIndex group = 0;
  bool alive = false;
  bool paused = false;
  IndexSet held;    ///< non-dropped process queues, live or not
  IndexSet locked;  ///< orderly: queues whose broker lock the client holds (its view)
};

}  // namespace rmqsim
