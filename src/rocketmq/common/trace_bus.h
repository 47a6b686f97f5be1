// Where the model's SimEvents go: the run catalog (client and queue names behind compact
// indices), the registered sinks, and a running fingerprint (FNV-1a of every event).
#pragma once

#include <cstdint>
#include <cstring>
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

  /// The fingerprint's FNV-1a of the names events carry (brokers, topics: a handful, repeated in
  /// millions of events), remembered for names of up to 16 bytes: the name's two words compared
  /// with each known one's instead of a byte loop.
  struct NameHashes {
    static constexpr std::size_t kKept = 16;  ///< names remembered (the first ones seen)
    struct Known {
      std::uint64_t w0, w1;  ///< the name's bytes, as NameHashes::of packs them
      std::size_t size;
      std::uint64_t h;
    };
    std::vector<Known> known;
    /// Inline: most events with a name are looked up here (the miss hashes and learns it).
    std::uint64_t of(std::string_view s) {
      const std::size_t n = s.size();
      if (n > 16) return learn(s, 0, 0);  // a long name: hashed each time
      // Two words: 8-16 bytes as two overlapping loads; shorter byte by byte, zero-padded.
      std::uint64_t w0 = 0, w1 = 0;
      if (n >= 8) {
        std::memcpy(&w0, s.data(), 8);
        std::memcpy(&w1, s.data() + n - 8, 8);
      } else {
        for (std::size_t i = 0; i < n; ++i) w0 |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
      }
      for (const Known& k : known)
        if (k.w0 == w0 && k.w1 == w1 && k.size == n) return k.h;
      return learn(s, w0, w1);
    }
    std::uint64_t learn(std::string_view s, std::uint64_t w0, std::uint64_t w1);
  };

 private:
  RunCatalog catalog_;
  std::map<MessageQueue, QueueIndex> queueIndex_;
  std::vector<TopicIndex> queueTopics_;             ///< by QueueIndex
  std::map<std::string, TopicIndex, std::less<>> topicIndex_;
  std::deque<std::string> topicNames_;              ///< by TopicIndex (a deque: references stay valid)
  std::vector<TraceSink*> sinks_;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  std::int64_t emitted_ = 0;
  NameHashes names_;
};

}  // namespace rmqsim
