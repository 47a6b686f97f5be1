#include "engine/event_loop.h"

#include <algorithm>

#include "engine/sim_assert.h"

namespace rmqsim {

EventHandle EventLoop::schedule(SimTime at, Callback cb) {
  SIM_ASSERT(at >= now_, now_, "EventLoop", "event scheduled in the past at " + formatSimTime(at));
  std::uint32_t slot;
  if (!freeSlots_.empty()) {
    slot = freeSlots_.back();
    freeSlots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.cb = std::move(cb);
  s.live = true;
  heap_.push_back(Entry{at, nextSeq_++, slot});
  std::push_heap(heap_.begin(), heap_.end(), later);
  return EventHandle{slot, s.generation};
}

void EventLoop::cancel(EventHandle& h) {
  if (pending(h)) {
    Slot& s = slots_[h.slot];
    s.live = false;
    s.cb = nullptr;  // free captured state now; the heap entry is skipped when popped
  }
  h = EventHandle{};
}

bool EventLoop::pending(const EventHandle& h) const {
  return h.valid() && h.slot < slots_.size() && slots_[h.slot].generation == h.generation && slots_[h.slot].live;
}

void EventLoop::releaseSlot(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.live = false;
  s.cb = nullptr;
  if (++s.generation == 0) s.generation = 1;  // 0 marks the empty handle
  freeSlots_.push_back(slot);
}

bool EventLoop::step(SimTime until) {
  while (!heap_.empty() && heap_.front().at <= until) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    Entry e = heap_.back();
    heap_.pop_back();
    Slot& s = slots_[e.slot];
    if (!s.live) {
      releaseSlot(e.slot);
      continue;
    }
    SIM_ASSERT(e.at >= now_, now_, "EventLoop", "virtual time went backwards");
    now_ = e.at;
    Callback cb = std::move(s.cb);
    releaseSlot(e.slot);
    ++executed_;
    cb();
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
