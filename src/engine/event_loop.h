// The discrete-event core: virtual time in integer milliseconds and a total event order.
//
// Ordering rule: events run in increasing (due time, scheduling order), so events due at the
// same millisecond run in the order they were scheduled. Cancellation is by
// handle, which knows where the event's entry is: the entry is overwritten with the dead slot
// (skipped when popped, never searched) and the event's slot is recycled at once.
// Time never goes backwards and nothing may be scheduled in the past (SIM_ASSERT).
//
// Storage: FIFO buckets of events due at one instant and a min-heap of buckets by (instant,
// creation order). Appending to a bucket keeps the sequence order for free, and a fleet's
// clients share instants (their timers tick at the same milliseconds, replies land within the
// latency range), so the heap holds a few hundred buckets while they hold thousands of events.
// An instant's bucket is found through a direct-mapped table (instant mod its size); when two
// pending instants collide there, the evicted one gets a second bucket on its next schedule,
// which is ordered after its first: still (time, sequence) order.
//
// Steady state allocates nothing: callbacks live in their slots (InlineCallback), and slots,
// buckets and their vectors are recycled.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/inline_callback.h"
#include "engine/sim_time.h"

namespace rmqsim {

/// Identifies one scheduled event; a default handle refers to nothing.
struct EventHandle {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;  ///< 0 = empty handle
  std::uint32_t bucket = 0;      ///< where its entry is: the bucket and the position there
  std::uint32_t position = 0;
  bool valid() const { return generation != 0; }
};

class EventLoop {
 public:
  using Callback = InlineCallback;

  /// Schedules `cb` at absolute time `at` (>= now()); returns a handle for cancel(). A lambda is
  /// built in the event's slot (no temporary callback to move from).
  template <class F>
  EventHandle schedule(SimTime at, F&& cb) {
    const EventHandle h = place(at);
    Slot& s = slotAt(h.slot);
    if constexpr (std::is_same_v<std::decay_t<F>, Callback>) s.cb = std::move(cb);
    else s.cb.emplace(std::forward<F>(cb));
    return h;
  }
  /// Schedules `cb` `delay` ms from now (delay >= 0).
  template <class F>
  EventHandle scheduleAfter(SimTime delay, F&& cb) {
    return schedule(now_ + delay, std::forward<F>(cb));
  }
  /// Cancels a pending event; harmless for fired, cancelled or empty handles.
  void cancel(EventHandle& h);
  /// True while the event is scheduled and not cancelled.
  bool pending(const EventHandle& h) const;
  /// The pending event `h` is the last scheduled at its instant so far: an event scheduled next
  /// at that instant would run right after it (SimFanout appends to such an event).
  bool lastAtItsInstant(const EventHandle& h) const { return pending(h) && pendingLastAtItsInstant(h); }
  /// lastAtItsInstant for an event known to be pending (no look at its slot).
  bool pendingLastAtItsInstant(const EventHandle& h) const {
    const Bucket& b = buckets_[h.bucket];
    return recent_[static_cast<std::uint64_t>(b.at) & (kRecentSize - 1)] == h.bucket && b.size == h.position + 1;
  }
  /// A limit on events run is set: an event's contents then decide where a run stops.
  bool limited() const { return maxEvents_ > 0; }

  /// Runs events due at or before `until`, then sets now() to `until`. Returns false when stopped
  /// early (stop flag or event limit); now() is then the time of the last event run.
  bool runUntil(SimTime until);
  /// Runs the single next event if one is due at or before `until`; false otherwise.
  bool step(SimTime until);

  SimTime now() const { return now_; }
  /// Events run so far (cancelled ones excluded).
  std::int64_t eventCount() const { return executed_; }
  /// Events waiting (including cancelled ones not yet popped).
  std::size_t queued() const { return queued_; }
  /// Stop conditions: an external flag (SIGINT) and a limit on events run (0 = none).
  void setStopFlag(const std::atomic<bool>* flag) { stopFlag_ = flag; }
  void setMaxEvents(std::int64_t maxEvents) { maxEvents_ = maxEvents; }

 private:
  /// 128 bytes on a cache-line boundary: the header and the first 48 bytes of the callable
  /// (all a delivered message reads) are one line. Pending while its generation is a handle's:
  /// running or cancelling an event advances it.
  struct alignas(64) Slot {
    std::uint32_t generation = 1;
    std::uint32_t nextFree = 0;  ///< while free: the next free slot (kDeadSlot ends the list)
    Callback cb;
  };
  /// Slot 0 holds no event: a cancelled event's entry names it (its line is always cached, so
  /// the look-ahead prefetch of such an entry costs nothing), and it ends the free list.
  static constexpr std::uint32_t kDeadSlot = 0;
  /// Free slots are a list through the slots (the last freed first: its lines are warm), so
  /// freeing one touches nothing else and never reallocates.
  void freeSlot(std::uint32_t i, Slot& s) {
    s.nextFree = freeHead_;
    freeHead_ = i;
  }
  static_assert(sizeof(Slot) == 128, "a slot is two cache lines");
  /// Slots live in fixed chunks (a running callback stays put while others are scheduled);
  /// a power of two per chunk makes an index two shifts, not a deque's arithmetic.
  static constexpr std::uint32_t kChunkBits = 9;
  static constexpr std::uint32_t kChunkSize = 1u << kChunkBits;
  Slot& slotAt(std::uint32_t i) { return chunks_[i >> kChunkBits][i & (kChunkSize - 1)]; }
  const Slot& slotAt(std::uint32_t i) const { return chunks_[i >> kChunkBits][i & (kChunkSize - 1)]; }
  /// Takes a slot for an event at `at` (callback empty) and appends it to its instant.
  EventHandle place(SimTime at);
  /// The events due at one instant, in scheduling order; `head` is the next to run. Its own
  /// array, not a vector: appending is a compare and a store, growth is out of line.
  struct Bucket {
    SimTime at = kNever;  ///< kNever while free
    std::unique_ptr<std::uint32_t[]> slots;
    std::uint32_t size = 0;
    std::uint32_t capacity = 0;
    std::uint32_t head = 0;
  };
  struct Due {
    SimTime at;
    std::uint64_t order;  ///< creation order: a second bucket for an instant runs after the first
    std::uint32_t bucket;
  };
  /// The heap's order; a function object, so the heap operations inline it (a function
  /// pointer was a call per comparison).
  struct LaterTime {
    bool operator()(const Due& a, const Due& b) const { return a.at != b.at ? a.at > b.at : a.order > b.order; }
  };
  static constexpr std::size_t kRecentSize = 16384;  ///< power of two; about 16 s of instants
  // The rare paths, out of line so the per-event ones stay short.
  [[gnu::noinline]] std::uint32_t newSlot();              ///< a slot never used (a new chunk every kChunkSize)
  [[gnu::noinline]] std::uint32_t newBucket(SimTime at);  ///< a bucket for `at`, pushed on the heap
  [[gnu::noinline]] static void grow(Bucket& b);          ///< doubles its array
  [[gnu::noinline]] void retireFront();                   ///< the drained bucket on top of the heap is recycled
  [[noreturn, gnu::cold, gnu::noinline]] void inThePast(SimTime at) const;
  [[noreturn, gnu::cold, gnu::noinline]] void timeWentBack() const;
  /// Pops the next entry of bucket `b` (due at `at`) and runs its event; false if it was cancelled.
  bool runEntry(std::uint32_t b, SimTime at);
  /// The stop flag is raised or the event limit reached (runUntil checks before every event).
  bool stopRequested() const {
    return (stopFlag_ && stopFlag_->load(std::memory_order_relaxed)) || (maxEvents_ > 0 && executed_ >= maxEvents_);
  }
  static void retire(Slot& s);  ///< its handles go stale: not pending, cancel() does nothing

  SimTime now_ = 0;
  std::int64_t executed_ = 0;
  std::int64_t maxEvents_ = 0;
  const std::atomic<bool>* stopFlag_ = nullptr;
  std::size_t queued_ = 0;
  std::vector<Due> times_;  ///< min-heap of the buckets with events
  std::uint64_t nextOrder_ = 0;
  std::vector<std::uint32_t> recent_ = std::vector<std::uint32_t>(kRecentSize, UINT32_MAX);  ///< instant -> bucket
  std::vector<Bucket> buckets_;
  std::vector<std::uint32_t> freeBuckets_;
  std::vector<std::unique_ptr<Slot[]>> chunks_;
  std::uint32_t slotCount_ = 0;  ///< slots ever made (kDeadSlot included)
  std::uint32_t freeHead_ = kDeadSlot;
};

}  // namespace rmqsim
