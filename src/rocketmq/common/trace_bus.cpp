#include "rocketmq/common/trace_bus.h"

#include <string_view>
#include <type_traits>

#include "util/fnv.h"

namespace rmqsim {

QueueIndex TraceBus::internQueue(const MessageQueue& mq) {
  auto it = queueIndex_.find(mq);
  if (it != queueIndex_.end()) return it->second;
  const auto q = static_cast<QueueIndex>(catalog_.queues.size());
  catalog_.queues.push_back(mq);
  queueTopics_.push_back(internTopic(mq.topic));
  queueIndex_.emplace(mq, q);
  return q;
}

TopicIndex TraceBus::internTopic(std::string_view topic) {
  auto it = topicIndex_.find(topic);
  if (it != topicIndex_.end()) return it->second;
  const auto t = static_cast<TopicIndex>(topicNames_.size());
  topicNames_.emplace_back(topic);
  topicIndex_.emplace(std::string(topic), t);
  return t;
}

ClientIndex TraceBus::addClient(ClientInfo info) {
  catalog_.clients.push_back(std::move(info));
  return static_cast<ClientIndex>(catalog_.clients.size() - 1);
}

namespace {
// The stream's fingerprint folds whole 64-bit words (one multiply each; FNV-1a's byte loop was
// about 5 % of a churn run's 42 million events): only runs are compared by it, never files.
struct WordHash {
  std::uint64_t h;
  void i64(std::int64_t v) {
    h = (h ^ static_cast<std::uint64_t>(v)) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 32;
  }
  void str(std::string_view s) {
    Fnv bytes;
    bytes.str(s);
    i64(static_cast<std::int64_t>(bytes.h));
  }
  /// str() of a name that recurs (a broker, a topic).
  void str(std::string_view s, TraceBus::NameHashes& memo) { i64(static_cast<std::int64_t>(memo.of(s))); }
};

}  // namespace

std::uint64_t TraceBus::NameHashes::learn(std::string_view s, std::uint64_t w0, std::uint64_t w1) {
  Fnv bytes;
  bytes.str(s);
  if (s.size() <= 16 && known.size() < kKept) known.push_back(Known{w0, w1, s.size(), bytes.h});
  return bytes.h;
}

void TraceBus::emit(const SimEvent& ev) {
  WordHash f{fingerprint_};
  f.i64(static_cast<std::int64_t>(ev.index()));
  std::visit(
      [&f, this](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        f.i64(e.at);
        if constexpr (std::is_same_v<T, EvClientLifecycle>) { f.i64(e.client); f.i64(static_cast<int>(e.what)); }
        else if constexpr (std::is_same_v<T, EvQueueAdded> || std::is_same_v<T, EvQueueRemoved>) { f.i64(e.client); f.i64(e.queue); }
        else if constexpr (std::is_same_v<T, EvQueueLocked>) { f.i64(e.client); f.i64(e.queue); f.i64(e.locked); }
        else if constexpr (std::is_same_v<T, EvRebalance>) { f.i64(e.client); f.str(e.topic, names_); f.i64(e.changed * 4 + e.balanced * 2 + e.ok); }
        else if constexpr (std::is_same_v<T, EvSteadyRebalances>) { f.i64(e.client); f.i64(e.count); }
        else if constexpr (std::is_same_v<T, EvNotify> || std::is_same_v<T, EvChannelExpired>) { f.i64(e.client); f.str(e.broker, names_); }
        else if constexpr (std::is_same_v<T, EvLockFailed>) { f.i64(e.client); f.i64(e.queue); }
        else if constexpr (std::is_same_v<T, EvDelivered>) { f.i64(e.client); f.i64(e.queue); f.i64(e.from); f.i64(e.to); }
        else if constexpr (std::is_same_v<T, EvQueueSample>) { f.i64(e.group); f.i64(e.queue); f.i64(e.maxOffset); f.i64(e.committedOffset); }
        else if constexpr (std::is_same_v<T, EvQueueSetChanged>) { f.str(e.topic); for (auto q : e.queues) f.i64(q); }
        else if constexpr (std::is_same_v<T, EvScenarioEvent>) { f.i64(e.index); f.str(e.action); f.str(e.target); }
        else if constexpr (std::is_same_v<T, EvRunEnd>) { f.i64(e.partial); }
        else if constexpr (std::is_same_v<T, EvPopConsumed>) { f.i64(e.client); f.i64(e.messages); f.i64(e.duplicates); }
        else if constexpr (std::is_same_v<T, EvPopRevived>) { f.i64(e.client); f.i64(e.messages); f.i64(e.duplicates); f.i64(e.overdueMsgMs); }
        else if constexpr (std::is_same_v<T, EvPopBlocked>) { f.i64(e.client); f.i64(e.queue); f.i64(e.blockedMs); }
      },
      ev);
  fingerprint_ = f.h;
  ++emitted_;
  for (TraceSink* s : sinks_) s->onEvent(ev, catalog_);
}

}  // namespace rmqsim
