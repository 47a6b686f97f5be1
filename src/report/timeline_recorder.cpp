#include "report/timeline_recorder.h"

#include <type_traits>

namespace rmqsim {

TimelineRecorder::TimelineRecorder(const Scenario& scenario) : scenario_(scenario) {}

void TimelineRecorder::open(ClientIndex c, QueueIndex q, SimTime at) {
  if (open_.count({c, q})) return;
  open_[{c, q}] = t_.intervals.size();
  t_.intervals.push_back(OwnershipInterval{c, q, at, -1});
}

void TimelineRecorder::close(ClientIndex c, QueueIndex q, SimTime at) {
  auto it = open_.find({c, q});
  if (it == open_.end()) return;
  t_.intervals[it->second].end = at;
  open_.erase(it);
}

void TimelineRecorder::instant(SimTime at, ClientIndex c, std::string kind, std::string detail) {
  if (t_.instants.size() >= kMaxInstants) {
    ++t_.droppedInstants;
    return;
  }
  t_.instants.push_back(TimelineInstant{at, c, std::move(kind), std::move(detail)});
}

void TimelineRecorder::sampleLoads(SimTime at) {
  if (at == lastLoadSample_) return;
  lastLoadSample_ = at;
  for (ClientIndex c : live_) {
    if (paused_.count(c)) continue;
    auto it = held_.find(c);
    t_.loads.push_back(LoadSample{at, c, it == held_.end() ? 0 : static_cast<std::int32_t>(it->second.size())});
  }
}

void TimelineRecorder::onEvent(const SimEvent& ev, const RunCatalog& catalog) {
  std::visit([&](const auto& e) { record(e, catalog); }, ev);
}

template <class E>
void TimelineRecorder::record(const E& e, const RunCatalog& catalog) {
  using T = E;
  (void)e;
  (void)scenario_;
  (void)catalog;
  if constexpr (std::is_same_v<T, EvClientLifecycle>) {
    static const char* kNames[] = {"started", "stopped", "killed", "crashed", "paused", "resumed"};
    instant(e.at, e.client, kNames[static_cast<int>(e.what)], "");
    switch (e.what) {
      case ClientLifecycle::STARTED: live_.insert(e.client); break;
      case ClientLifecycle::PAUSED:
        paused_.insert(e.client);
        for (QueueIndex q : held_[e.client]) close(e.client, q, e.at);
        break;
      case ClientLifecycle::RESUMED:
        paused_.erase(e.client);
        for (QueueIndex q : held_[e.client]) open(e.client, q, e.at);
        break;
      default:
        for (QueueIndex q : held_[e.client]) close(e.client, q, e.at);
        held_.erase(e.client);
        live_.erase(e.client);
        paused_.erase(e.client);
    }
  } else if constexpr (std::is_same_v<T, EvQueueAdded>) {
    held_[e.client].insert(e.queue);
    if (live_.count(e.client) && !paused_.count(e.client)) open(e.client, e.queue, e.at);
  } else if constexpr (std::is_same_v<T, EvQueueRemoved>) {
    held_[e.client].erase(e.queue);
    close(e.client, e.queue, e.at);
  } else if constexpr (std::is_same_v<T, EvRebalance>) {
    if (e.changed || !e.ok) instant(e.at, e.client, "rebalance", e.topic + (e.ok ? " changed" : " failed"));
  } else if constexpr (std::is_same_v<T, EvNotify>) {
    instant(e.at, e.client, "notify", "NOTIFY_CONSUMER_IDS_CHANGED from " + e.broker);
  } else if constexpr (std::is_same_v<T, EvChannelExpired>) {
    instant(e.at, e.client, "channel_expired", "expired by " + e.broker);
  } else if constexpr (std::is_same_v<T, EvLockFailed>) {
    instant(e.at, e.client, "lock_failed", catalog.queues[static_cast<std::size_t>(e.queue)].toString());
  } else if constexpr (std::is_same_v<T, EvQueueSample>) {
    sampleLoads(e.at);
    t_.backlog.push_back(BacklogSample{e.at, e.group, e.queue, std::max<std::int64_t>(0, e.maxOffset - std::max<std::int64_t>(0, e.committedOffset))});
  } else if constexpr (std::is_same_v<T, EvQueueSetChanged>) {
    t_.queueSets[e.topic] = e.queues;
  } else if constexpr (std::is_same_v<T, EvScenarioEvent>) {
    instant(e.at, -1, "event", e.action + (e.target.empty() ? "" : " " + e.target));
  } else if constexpr (std::is_same_v<T, EvRunEnd>) {
    sampleLoads(e.at);
    for (auto& iv : t_.intervals)
      if (iv.end < 0) iv.end = e.at;
    open_.clear();
    t_.end = e.at;
  }
}

}  // namespace rmqsim
