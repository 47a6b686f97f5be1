// The discrete-event core: virtual time in integer milliseconds and a total event order.
//
// Ordering rule: every scheduled event gets the key (due time, sequence number), the sequence
// being a per-loop counter incremented on every schedule. Events run in increasing key order, so
// events due at the same millisecond run in the order they were scheduled. Cancellation is by
// handle: the event's slot is flagged and skipped when popped (never searched in the heap).
// Time never goes backwards and nothing may be scheduled in the past (SIM_ASSERT).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/sim_time.h"

namespace rmqsim {

/// Identifies one scheduled event; a default handle refers to nothing.
struct EventHandle {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;  ///< 0 = empty handle
  bool valid() const { return generation != 0; }
};

class EventLoop {
 public:
  using Callback = std::function<void()>;

  /// Schedules `cb` at absolute time `at` (>= now()); returns a handle for cancel().
  EventHandle schedule(SimTime at, Callback cb);
  /// Schedules `cb` `delay` ms from now (delay >= 0).
  EventHandle scheduleAfter(SimTime delay, Callback cb) { return schedule(now_ + delay, std::move(cb)); }
  /// Cancels a pending event; harmless for fired, cancelled or empty handles.
  void cancel(EventHandle& h);
  /// True while the event is scheduled and not cancelled.
  bool pending(const EventHandle& h) const;

  /// Runs events due at or before `until`, then sets now() to `until`. Returns false when stopped
  /// early (stop flag or event limit); now() is then the time of the last event run.
  bool runUntil(SimTime until);
  /// Runs the single next event if one is due at or before `until`; false otherwise.
  bool step(SimTime until);

  SimTime now() const { return now_; }
  /// Events run so far (cancelled ones excluded).
  std::int64_t eventCount() const { return executed_; }
  /// Events waiting (including cancelled ones not yet popped).
  std::size_t queued() const { return heap_.size(); }
  /// Stop conditions: an external flag (SIGINT) and a limit on events run (0 = none).
  void setStopFlag(const std::atomic<bool>* flag) { stopFlag_ = flag; }
  void setMaxEvents(std::int64_t maxEvents) { maxEvents_ = maxEvents; }

 private:
  struct Entry {
    SimTime at;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  struct Slot {
    Callback cb;
    std::uint32_t generation = 1;
    bool live = false;
  };
  static bool later(const Entry& a, const Entry& b) { return a.at != b.at ? a.at > b.at : a.seq > b.seq; }
  void releaseSlot(std::uint32_t slot);

  SimTime now_ = 0;
  std::uint64_t nextSeq_ = 0;
  std::int64_t executed_ = 0;
  std::int64_t maxEvents_ = 0;
  const std::atomic<bool>* stopFlag_ = nullptr;
  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> freeSlots_;
};

}  // namespace rmqsim
