#include "report/timeline_recorder.h"

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
  (void)scenario_;
  if (const auto* e = std::get_if<EvClientLifecycle>(&ev)) {
    static const char* kNames[] = {"started", "stopped", "killed", "crashed", "paused", "resumed"};
    instant(e->at, e->client, kNames[static_cast<int>(e->what)], "");
    switch (e->what) {
      case ClientLifecycle::STARTED: live_.insert(e->client); break;
      case ClientLifecycle::PAUSED:
        paused_.insert(e->client);
        for (QueueIndex q : held_[e->client]) close(e->client, q, e->at);
        break;
      case ClientLifecycle::RESUMED:
        paused_.erase(e->client);
        for (QueueIndex q : held_[e->client]) open(e->client, q, e->at);
        break;
      default:
        for (QueueIndex q : held_[e->client]) close(e->client, q, e->at);
        held_.erase(e->client);
        live_.erase(e->client);
        paused_.erase(e->client);
    }
  } else if (const auto* e = std::get_if<EvQueueAdded>(&ev)) {
    held_[e->client].insert(e->queue);
    if (live_.count(e->client) && !paused_.count(e->client)) open(e->client, e->queue, e->at);
  } else if (const auto* e = std::get_if<EvQueueRemoved>(&ev)) {
    held_[e->client].erase(e->queue);
    close(e->client, e->queue, e->at);
  } else if (const auto* e = std::get_if<EvRebalance>(&ev)) {
    if (e->changed || !e->ok) instant(e->at, e->client, "rebalance", e->topic + (e->ok ? " changed" : " failed"));
  } else if (const auto* e = std::get_if<EvNotify>(&ev)) {
    instant(e->at, e->client, "notify", "NOTIFY_CONSUMER_IDS_CHANGED from " + e->broker);
  } else if (const auto* e = std::get_if<EvChannelExpired>(&ev)) {
    instant(e->at, e->client, "channel_expired", "expired by " + e->broker);
  } else if (const auto* e = std::get_if<EvLockFailed>(&ev)) {
    instant(e->at, e->client, "lock_failed", catalog.queues[static_cast<std::size_t>(e->queue)].toString());
  } else if (const auto* e = std::get_if<EvQueueSample>(&ev)) {
    sampleLoads(e->at);
    t_.backlog.push_back(BacklogSample{e->at, e->group, e->queue, std::max<std::int64_t>(0, e->maxOffset - std::max<std::int64_t>(0, e->committedOffset))});
  } else if (const auto* e = std::get_if<EvQueueSetChanged>(&ev)) {
    t_.queueSets[e->topic] = e->queues;
  } else if (const auto* e = std::get_if<EvScenarioEvent>(&ev)) {
    instant(e->at, -1, "event", e->action + (e->target.empty() ? "" : " " + e->target));
  } else if (const auto* e = std::get_if<EvRunEnd>(&ev)) {
    sampleLoads(e->at);
    for (auto& iv : t_.intervals)
      if (iv.end < 0) iv.end = e->at;
    open_.clear();
    t_.end = e->at;
  }
}

}  // namespace rmqsim
