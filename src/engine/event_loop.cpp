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
  std::push_heap(times_.begin(), times_.end(), laterTime);
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

std::uint32_t EventLoop::place(SimTime at) {
  if (at < now_) [[unlikely]] inThePast(at);
  std::uint32_t slot;
  if (!freeSlots_.empty()) [[likely]] {
    slot = freeSlots_.back();
    freeSlots_.pop_back();
  } else {
    slot = newSlot();
  }
  slotAt(slot).live = true;
  // The instant's bucket through the direct-mapped table; a miss (a new instant, or one evicted
  // by a colliding one) opens a bucket.
  std::uint32_t b = recent_[static_cast<std::uint64_t>(at) & (kRecentSize - 1)];
  if (b == UINT32_MAX || buckets_[b].at != at) [[unlikely]] b = newBucket(at);
  Bucket& bucket = buckets_[b];
  if (bucket.size == bucket.capacity) [[unlikely]] grow(bucket);
  bucket.slots[bucket.size++] = slot;  // append order = scheduling order
  ++queued_;
  return slot;
}

void EventLoop::cancel(EventHandle& h) {
  if (pending(h)) {
    Slot& s = slotAt(h.slot);
    s.live = false;
    s.cb = nullptr;  // free captured state now; the bucket entry is skipped when reached
  }
  h = EventHandle{};
}

bool EventLoop::pending(const EventHandle& h) const {
  if (!h.valid() || h.slot >= slotCount_) return false;
  const Slot& s = slotAt(h.slot);
  return s.generation == h.generation && s.live;
}

void EventLoop::retire(Slot& s) {
  s.live = false;
  if (++s.generation == 0) s.generation = 1;  // 0 marks the empty handle
}

void EventLoop::freeSlot(std::uint32_t slot) {
  slotAt(slot).cb = nullptr;
  freeSlots_.push_back(slot);
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
  std::pop_heap(times_.begin(), times_.end(), laterTime);
  times_.pop_back();
  freeBuckets_.push_back(b);
}

inline bool EventLoop::runNext(SimTime until) {
  while (!times_.empty()) {
    const Due& top = times_.front();
    const SimTime at = top.at;
    if (at > until) return false;
    Bucket& bucket = buckets_[top.bucket];
    if (bucket.head == bucket.size) {
      retireFront();
      continue;
    }
    const std::uint32_t slotIndex = bucket.slots[bucket.head++];
    --queued_;
    // The slot is cold (among tens of thousands pending): fetch one a few events ahead in this
    // instant while these run; the load was most of step()'s time in a fleet's run. Its first
    // line holds all that most events read (Slot).
    if (bucket.head + kPrefetchAhead < bucket.size) __builtin_prefetch(&slotAt(bucket.slots[bucket.head + kPrefetchAhead]));
    Slot& s = slotAt(slotIndex);
    if (!s.live) {  // cancelled
      retire(s);
      freeSlot(slotIndex);
      continue;
    }
    if (at < now_) [[unlikely]] timeWentBack();
    now_ = at;
    // Run in place: the slot is no longer pending (its handle is stale) but not free either, so
    // nothing scheduled by the callback can reuse it; it is freed afterwards.
    retire(s);
    ++executed_;
    s.cb.invokeOnce();  // runs and destroys the callable
    freeSlots_.push_back(slotIndex);
    return true;
  }
  return false;
}

bool EventLoop::step(SimTime until) { return runNext(until); }

bool EventLoop::runUntil(SimTime until) {
  while (true) {
    if (stopFlag_ && stopFlag_->load(std::memory_order_relaxed)) return false;
    if (maxEvents_ > 0 && executed_ >= maxEvents_) return false;
    if (!runNext(until)) break;
  }
  if (until > now_) now_ = until;
  return true;
}

}  // namespace rmqsim
