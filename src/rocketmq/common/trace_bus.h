// Where the model's SimEvents go: the run catalog (client and queue names behind compact
// indices), the registered sinks, and a running fingerprint (FNV-1a of every event).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class TraceBus {
 public:
  /// Adds a sink; sinks see every later event in order.
  void addSink(TraceSink* sink) { sinks_.push_back(sink); }
  /// Adds a sink ahead of the others (the invariant checker: a broken invariant stops the run
  /// before any report sees the event).
  void addSinkFirst(TraceSink* sink) { sinks_.insert(sinks_.begin(), sink); }
  /// The index of a queue, interning it on first use.
  QueueIndex internQueue(const MessageQueue& mq);
  const MessageQueue& queue(QueueIndex q) const { return catalog_.queues[static_cast<std::size_t>(q)]; }
  /// The index of a topic name, interning it on first use: the clients compare and look up
  /// topics as integers (the names' memcmp was several percent of a churn run).
  TopicIndex internTopic(std::string_view topic);
  /// The interned topic of a queue.
  TopicIndex topicOf(QueueIndex q) const { return queueTopics_[static_cast<std::size_t>(q)]; }
  /// The name behind a topic index; the reference stays valid for the bus's life.
  const std::string& topicName(TopicIndex t) const { return topicNames_[static_cast<std::size_t>(t)]; }
  /// Registers a client process (before any event names it).
  ClientIndex addClient(ClientInfo info);
  const RunCatalog& catalog() const { return catalog_; }
  /// Sends one event to every sink and folds it into the fingerprint.
  void emit(const SimEvent& ev);
  std::uint64_t fingerprint() const { return fingerprint_; }
  std::int64_t emitted() const { return emitted_; }

 private:
  RunCatalog catalog_;
  std::map<MessageQueue, QueueIndex> queueIndex_;
  std::vector<TopicIndex> queueTopics_;             ///< by QueueIndex
  std::map<std::string, TopicIndex, std::less<>> topicIndex_;
  std::deque<std::string> topicNames_;              ///< by TopicIndex (a deque: references stay valid)
  std::vector<TraceSink*> sinks_;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  std::int64_t emitted_ = 0;
};

}  // namespace rmqsim
