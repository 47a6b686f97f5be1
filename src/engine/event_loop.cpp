#include "engine/event_loop.h"

#include <algorithm>

#include "engine/sim_assert.h"

namespace rmqsim {

namespace {
constexpr std::size_t kPrefetchAhead = 4;       ///< events; how far ahead step() fetches slots
constexpr std::size_t kKeptBucketCapacity = 256;  ///< events; a larger bucket's memory is released when drained

// A recycled index from `freeList`, else a new element at the end of `pool`.
template <typename Pool>
std::uint32_t takeIndex(std::vector<std::uint32_t>& freeList, Pool& pool) {
  if (!freeList.empty()) {
    const std::uint32_t i = freeList.back();
    freeList.pop_back();
    return i;
  }
  pool.emplace_back();
  return static_cast<std::uint32_t>(pool.size() - 1);
}
}  // namespace

std::uint32_t EventLoop::bucketFor(SimTime at) {
  std::uint32_t& recent = recent_[static_cast<std::uint64_t>(at) & (kRecentSize - 1)];
  if (recent != UINT32_MAX && buckets_[recent].at == at) return recent;
  const std::uint32_t b = takeIndex(freeBuckets_, buckets_);
  buckets_[b].at = at;
  times_.push_back(Due{at, nextOrder_++, b});
  std::push_heap(times_.begin(), times_.end(), laterTime);
  recent = b;
  return b;
}

std::uint32_t EventLoop::place(SimTime at) {
  SIM_ASSERT(at >= now_, now_, "EventLoop", "event scheduled in the past at " + formatSimTime(at));
  std::uint32_t slot;
  if (!freeSlots_.empty()) {
    slot = freeSlots_.back();
    freeSlots_.pop_back();
  } else {
    if ((slotCount_ & (kChunkSize - 1)) == 0) chunks_.push_back(std::make_unique<Slot[]>(kChunkSize));
    slot = slotCount_++;
  }
  slotAt(slot).live = true;
  buckets_[bucketFor(at)].slots.push_back(slot);  // append order = scheduling order
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

bool EventLoop::step(SimTime until) {
  while (!times_.empty() && times_.front().at <= until) {
    const SimTime at = times_.front().at;
    const std::uint32_t b = times_.front().bucket;
    Bucket& bucket = buckets_[b];
    if (bucket.head == bucket.slots.size()) {
      // Drained (events run at this instant may have appended, so only now is it retired).
      // Keeps its capacity for the next instant, unless a burst grew it: recycled buckets would
      // each keep the largest burst they ever held, and memory would grow with the run (issue 16).
      if (bucket.slots.capacity() > kKeptBucketCapacity) bucket.slots = std::vector<std::uint32_t>();
      else bucket.slots.clear();
      bucket.head = 0;
      bucket.at = kNever;  // a stale recent_ entry no longer matches
      std::pop_heap(times_.begin(), times_.end(), laterTime);
      times_.pop_back();
      freeBuckets_.push_back(b);
      continue;
    }
    const std::uint32_t slotIndex = bucket.slots[bucket.head++];
    --queued_;
    Slot& s = slotAt(slotIndex);
    // The slot is cold (among tens of thousands pending): fetch one a few events ahead in this
    // instant while these run; the load was most of step()'s time in a fleet's run.
    if (bucket.head + kPrefetchAhead < bucket.slots.size()) {
      const char* ahead = reinterpret_cast<const char*>(&slotAt(bucket.slots[bucket.head + kPrefetchAhead]));
      __builtin_prefetch(ahead);
      __builtin_prefetch(ahead + sizeof(Slot) - 1);
    }
    if (!s.live) {  // cancelled
      retire(s);
      freeSlot(slotIndex);
      continue;
    }
    SIM_ASSERT(at >= now_, now_, "EventLoop", "virtual time went backwards");
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

bool EventLoop::runUntil(SimTime until) {
  while (true) {
    if (stopFlag_ && stopFlag_->load(std::memory_order_relaxed)) return false;
    if (maxEvents_ > 0 && executed_ >= maxEvents_) return false;
    if (!step(until)) break;
  }
  if (until > now_) now_ = until;
  return true;
}

}  // namespace rmqsim
