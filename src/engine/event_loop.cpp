#include "engine/event_loop.h"

#include <algorithm>
#include <cstdlib>

#include "engine/sim_assert.h"

namespace rmqsim {

namespace {
constexpr std::uint32_t kPrefetchAhead = 4;       ///< events; how far ahead step() fetches slots
constexpr std::uint32_t kKeptBucketCapacity = 256;  ///< events; a larger bucket's memory is released when drained
constexpr std::uint32_t kFirstBucketCapacity = 8;
}  // namespace

std::uint32_t EventLoop::newSlot() {
  if ((slotCount_ & (kChunkSize - 1)) == 0) chunks_.push_back(std::make_unique<Slot[]>(kChunkSize));
  if (slotCount_ == kDeadSlot) ++slotCount_;  // never an event's
  return slotCount_++;
}

std::uint32_t EventLoop::newBucket(SimTime at) {
  std::uint32_t b;
  if (!freeBuckets_.empty()) {
    b = freeBuckets_.back();
    freeBuckets_.pop_back();
  } else {
    buckets_.emplace_back();
    b = static_cast<std::uint32_t>(buckets_.size() - 1);
  }
  buckets_[b].at = at;
  times_.push_back(Due{at, nextOrder_++, b});
  std::push_heap(times_.begin(), times_.end(), LaterTime{});
  recent_[static_cast<std::uint64_t>(at) & (kRecentSize - 1)] = b;
  return b;
}

void EventLoop::grow(Bucket& b) {
  const std::uint32_t capacity = b.capacity == 0 ? kFirstBucketCapacity : 2 * b.capacity;
  auto slots = std::make_unique_for_overwrite<std::uint32_t[]>(capacity);
  std::copy(b.slots.get(), b.slots.get() + b.size, slots.get());
  b.slots = std::move(slots);
  b.capacity = capacity;
}

void EventLoop::inThePast(SimTime at) const {
  SIM_ASSERT(at >= now_, now_, "EventLoop", "event scheduled in the past at " + formatSimTime(at));
  std::abort();  // unreachable: the assertion above fails
}

void EventLoop::timeWentBack() const {
  SIM_ASSERT(false, now_, "EventLoop", "virtual time went backwards");
  std::abort();
}

EventHandle EventLoop::place(SimTime at) {
  if (at < now_) [[unlikely]] inThePast(at);
  // The instant's bucket through the direct-mapped table; a miss (a new instant, or one evicted
  // by a colliding one) opens a bucket.
  std::uint32_t b = recent_[static_cast<std::uint64_t>(at) & (kRecentSize - 1)];
  if (b == UINT32_MAX || buckets_[b].at != at) [[unlikely]] b = newBucket(at);
  Bucket& bucket = buckets_[b];
  if (bucket.size == bucket.capacity) [[unlikely]] grow(bucket);
  std::uint32_t slot = freeHead_;
  if (slot == kDeadSlot) [[unlikely]] slot = newSlot();
  Slot& s = slotAt(slot);
  freeHead_ = s.nextFree;  // a new slot's is kDeadSlot: the list was empty
  const std::uint32_t position = bucket.size++;
  bucket.slots[position] = slot;  // append order = scheduling order
  ++queued_;
  return EventHandle{slot, s.generation, b, position};
}

void EventLoop::cancel(EventHandle& h) {
  if (pending(h)) {
    // A pending event's bucket is not drained, so its entry is still where it was put.
    buckets_[h.bucket].slots[h.position] = kDeadSlot;  // skipped when reached
    Slot& s = slotAt(h.slot);
    s.cb = nullptr;  // free captured state now
    retire(s);
    freeSlot(h.slot, s);
  }
  h = EventHandle{};
}

bool EventLoop::pending(const EventHandle& h) const {
  if (!h.valid() || h.slot >= slotCount_) return false;
  const Slot& s = slotAt(h.slot);
  return s.generation == h.generation;
}

void EventLoop::retire(Slot& s) {
  if (++s.generation == 0) s.generation = 1;  // 0 marks the empty handle
}

void EventLoop::retireFront() {
  // Drained (events run at this instant may have appended, so only now is it retired).
  // Keeps its capacity for the next instant, unless a burst grew it: recycled buckets would
  // each keep the largest burst they ever held, and memory would grow with the run (issue 16).
  const std::uint32_t b = times_.front().bucket;
  Bucket& bucket = buckets_[b];
  if (bucket.capacity > kKeptBucketCapacity) {
    bucket.slots.reset();
    bucket.capacity = 0;
  }
  bucket.size = 0;
  bucket.head = 0;
  bucket.at = kNever;  // a stale recent_ entry no longer matches
  std::pop_heap(times_.begin(), times_.end(), LaterTime{});
  times_.pop_back();
  freeBuckets_.push_back(b);
}

inline bool EventLoop::runEntry(std::uint32_t b, SimTime at) {
  Bucket& bucket = buckets_[b];
  const std::uint32_t slotIndex = bucket.slots[bucket.head++];
  --queued_;
  // The slot is cold (among tens of thousands pending): fetch one a few events ahead in this
  // instant while these run; the load was most of step()'s time in a fleet's run. Its first
  // line holds all that most events read (Slot).
  if (bucket.head + kPrefetchAhead < bucket.size) __builtin_prefetch(&slotAt(bucket.slots[bucket.head + kPrefetchAhead]));
  if (slotIndex == kDeadSlot) return false;  // cancelled
  Slot& s = slotAt(slotIndex);
  if (at < now_) [[unlikely]] timeWentBack();
  now_ = at;
  // Run in place: the slot is no longer pending (its handle is stale) but not free either, so
  // nothing scheduled by the callback can reuse it; it is freed afterwards.
  retire(s);
  ++executed_;
  s.cb.invokeOnce();  // runs and destroys the callable
  freeSlot(slotIndex, s);
  return true;
}

bool EventLoop::step(SimTime until) {
  while (!times_.empty()) {
    const Due& top = times_.front();
    if (top.at > until) return false;
    if (buckets_[top.bucket].head == buckets_[top.bucket].size) {
      retireFront();
      continue;
    }
    if (runEntry(top.bucket, top.at)) return true;
  }
  return false;
}

bool EventLoop::runUntil(SimTime until) {
  while (!times_.empty() && times_.front().at <= until) {
    // The whole instant, in order: its bucket stays on top of the heap meanwhile (nothing is
    // scheduled before now, and a second bucket for now is ordered after this one).
    const std::uint32_t b = times_.front().bucket;
    const SimTime at = times_.front().at;
    do {
      if (stopRequested()) return false;
      if (buckets_[b].head == buckets_[b].size) break;
      runEntry(b, at);
    } while (true);
    retireFront();
  }
  if (stopRequested()) return false;
  if (until > now_) now_ = until;
  return true;
}

}  // namespace rmqsim
