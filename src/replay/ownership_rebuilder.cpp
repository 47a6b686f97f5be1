#include "replay/ownership_rebuilder.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace rmqsim {

namespace {

constexpr int kMaxQueuesPerTopic = 65536;  ///< a scenario's limit per topic and broker

std::string seconds(SimTime ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

struct Candidate {
  ReplayClient client;
  std::vector<const TimedRecord*> records;
  std::int64_t startEpoch = 0;
};

struct ResultSeen {
  SimTime at;
  int client;
  int cidAllSize;
};

class Rebuilder {
 public:
  explicit Rebuilder(const ReplayInput& in) : in_(in) {}

  ReplayStory build() {
    story_.layout = in_.layout;
    story_.warnings = in_.warnings;
    collectCandidates();
    if (cands_.empty()) return std::move(story_);
    story_.t0EpochMs = cands_.front().startEpoch;
    for (const ClientLife& l : in_.lives) story_.endMs = std::max(story_.endMs, l.lastMs - story_.t0EpochMs);
    for (std::size_t c = 0; c < cands_.size(); ++c) replayClient(static_cast<int>(c));
    decideSilentEnds();
    for (auto& c : cands_) story_.clients.push_back(std::move(c.client));
    std::stable_sort(story_.changes.begin(), story_.changes.end(),
                     [](const OwnershipChange& a, const OwnershipChange& b) { return a.at < b.at; });
    buildQueueSets();
    return std::move(story_);
  }

 private:
  SimTime rel(std::int64_t epoch) const { return epoch - story_.t0EpochMs; }

  void collectCandidates() {
    for (const ClientLife& life : in_.lives) {
      std::map<std::string, Candidate> byGroup;
      for (const TimedRecord& r : life.records) {
        if (r.rec.group.empty()) continue;
        Candidate& c = byGroup[r.rec.group];
        if (c.records.empty()) {
          c.client.clientId = life.clientId;
          c.client.group = r.rec.group;
          c.client.source = life.source;
          c.client.lastLine = life.lastLine;
          c.startEpoch = life.firstMs;
        }
        if (r.rec.kind == RecordKind::CONSUMER_START && c.records.empty()) c.startEpoch = r.epochMs;
        c.records.push_back(&r);
        c.client.lastLineMs = life.lastMs;  // relative once t0 is known
      }
      if (byGroup.empty() && !life.records.empty())
        story_.warnings.push_back(life.source + " (" + life.clientId + ") has no consumer-group line: not a consumer, left out");
      for (auto& [g, c] : byGroup) cands_.push_back(std::move(c));
    }
    std::stable_sort(cands_.begin(), cands_.end(), [](const Candidate& a, const Candidate& b) {
      return a.startEpoch != b.startEpoch ? a.startEpoch < b.startEpoch : a.client.source < b.client.source;
    });
    for (Candidate& c : cands_) {
      c.client.startMs = c.startEpoch - cands_.front().startEpoch;
      c.client.lastLineMs -= cands_.front().startEpoch;
    }
  }

  void change(SimTime at, int client, const MessageQueue& q, bool gained) {
    story_.changes.push_back(OwnershipChange{at, client, q, gained});
    queuesSeen_[q.topic].insert(q);
  }

  void replayClient(int ci) {
    Candidate& c = cands_[static_cast<std::size_t>(ci)];
    std::set<MessageQueue> held;
    std::map<MessageQueue, SimTime> dropping;  // removal under way since
    GroupFacts& facts = story_.groups[c.client.group];
    for (const TimedRecord* tr : c.records) {
      const LogRecord& r = tr->rec;
      const SimTime at = std::max<SimTime>(0, rel(tr->epochMs));
      if (c.client.end == LifeEnd::STOPPED) break;
      switch (r.kind) {
        case RecordKind::DROP_HINT:
          if (held.count(*r.mq) && !dropping.count(*r.mq)) dropping[*r.mq] = at;
          break;
        case RecordKind::ADD_MQ:
          dropping.erase(*r.mq);
          if (held.insert(*r.mq).second) change(at, ci, *r.mq, true);
          noteTopic(facts, r.mq->topic, c.client.group);
          break;
        case RecordKind::REMOVE_MQ: {
          auto d = dropping.find(*r.mq);
          const SimTime since = d == dropping.end() ? at : d->second;
          if (d != dropping.end()) dropping.erase(d);
          if (held.erase(*r.mq)) change(since, ci, *r.mq, false);
          break;
        }
        case RecordKind::RESULT_CHANGED: {
          story_.rebalances.push_back(ClientMark{at, ci, r.topic, std::nullopt});
          if (!r.strategy.empty()) facts.strategy = r.strategy;
          noteTopic(facts, r.topic, c.client.group);
          results_.push_back(ResultSeen{at, ci, r.cidAllSize});
          if (r.mqAllSize >= 0) mqAllSizes_.push_back({at, r.topic, r.mqAllSize});
          reconcile(ci, at, r, held, tr);
          break;
        }
        case RecordKind::NOTIFY:
          story_.notifications.push_back(ClientMark{at, ci, r.broker, std::nullopt});
          break;
        case RecordKind::LOCK_FAILED:
          facts.orderly = true;
          story_.lockFailures.push_back(ClientMark{at, ci, {}, r.mq});
          break;
        case RecordKind::UNREGISTER:
          if (c.client.leaveMs < 0) c.client.leaveMs = at;
          break;
        case RecordKind::CONSUMER_SHUTDOWN:
          c.client.end = LifeEnd::STOPPED;
          c.client.endMs = at;
          if (c.client.leaveMs < 0) c.client.leaveMs = at;
          break;
        default:
          break;
      }
    }
  }

  /// The set a "rebalanced result changed" line prints is the table after the round: a queue
  /// missing from the add/remove lines (a rotated-away line) is corrected here, and said.
  void reconcile(int ci, SimTime at, const LogRecord& r, std::set<MessageQueue>& held, const TimedRecord* tr) {
    if (r.resultSet.empty() && r.mqAllSize < 0) return;
    const std::set<MessageQueue> want(r.resultSet.begin(), r.resultSet.end());
    std::vector<MessageQueue> extra, missing;
    for (const MessageQueue& q : held)
      if (q.topic == r.topic && !want.count(q)) extra.push_back(q);
    for (const MessageQueue& q : want)
      if (!held.count(q)) missing.push_back(q);
    for (const MessageQueue& q : extra) held.erase(q), change(at, ci, q, false);
    for (const MessageQueue& q : missing) held.insert(q), change(at, ci, q, true);
    for (const MessageQueue& q : want) queuesSeen_[q.topic].insert(q);
    if (!extra.empty() || !missing.empty())
      story_.warnings.push_back(tr->file + ":" + std::to_string(tr->line) + ": the rebalance result of " +
                                cands_[static_cast<std::size_t>(ci)].client.clientId + " differs from its add/remove lines by " +
                                std::to_string(extra.size() + missing.size()) + " queue(s) (lines missing from the log?); the result set is taken");
  }

  void noteTopic(GroupFacts& f, const std::string& topic, const std::string& group) {
    if (topic.empty() || topic == "%RETRY%" + group) return;
    if (std::find(f.topics.begin(), f.topics.end(), topic) == f.topics.end()) f.topics.push_back(topic);
  }

  bool aliveAt(const ReplayClient& c, SimTime t) const {
    return c.startMs <= t && (c.endMs < 0 || c.endMs > t);
  }

  /// A client whose log just ends: the first group-mate result that counts fewer consumers
  /// than are alive shows the broker dropped it; the group-mates' first notification after its
  /// last line (and before that result) is when the broker learnt it.
  void decideSilentEnds() {
    std::vector<int> silent;
    for (std::size_t i = 0; i < cands_.size(); ++i)
      if (cands_[i].client.end != LifeEnd::STOPPED) silent.push_back(static_cast<int>(i));
    std::stable_sort(silent.begin(), silent.end(), [this](int a, int b) {
      return cands_[static_cast<std::size_t>(a)].client.lastLineMs < cands_[static_cast<std::size_t>(b)].client.lastLineMs;
    });
    std::sort(results_.begin(), results_.end(), [](const ResultSeen& a, const ResultSeen& b) { return a.at < b.at; });
    for (int ci : silent) {
      ReplayClient& c = cands_[static_cast<std::size_t>(ci)].client;
      const SimTime last = c.lastLineMs;
      SimTime shrink = -1;
      for (const ResultSeen& r : results_) {
        const ReplayClient& mate = cands_[static_cast<std::size_t>(r.client)].client;
        if (r.at <= last || r.client == ci || mate.group != c.group || r.cidAllSize < 0) continue;
        int alive = 0;
        for (const Candidate& o : cands_)
          if (o.client.group == c.group && aliveAt(o.client, r.at)) ++alive;
        if (r.cidAllSize < alive) {
          shrink = r.at;
          break;
        }
      }
      if (shrink < 0) {
        if (story_.endMs - last <= kKillDetectionWindow) continue;  // the logs were simply collected then
        c.end = LifeEnd::CRASHED;
        c.endMs = c.leaveMs = last;
        story_.warnings.push_back(c.clientId + "'s log ends at " + seconds(last) + " (" + c.lastLine + ") without a shutdown, " +
                                  seconds(story_.endMs - last) + " before the others', and no group-mate's result shows it gone: taken as crashed at its last line");
        continue;
      }
      SimTime detected = shrink;
      for (const ClientMark& n : story_.notifications) {
        const ReplayClient& mate = cands_[static_cast<std::size_t>(n.client)].client;
        if (n.at > last && n.at <= shrink && n.client != ci && mate.group == c.group) {
          detected = std::min(detected, n.at);
        }
      }
      if (detected - last <= kKillDetectionWindow) {
        c.end = LifeEnd::KILLED;
        c.endMs = c.leaveMs = detected;
        story_.warnings.push_back(c.clientId + "'s log ends at " + seconds(last) + " (" + c.lastLine + ") without a shutdown; its group-mates were notified at " +
                                  seconds(detected) + ": taken as killed then (its connections closed: kill -9, OOM); the moment of death itself is not in any client log");
      } else {
        c.end = LifeEnd::CRASHED;
        c.endMs = c.leaveMs = last;
        story_.warnings.push_back(c.clientId + "'s log ends at " + seconds(last) + " (" + c.lastLine + ") without a shutdown; its group-mates learnt of it only at " +
                                  seconds(detected) + " (channel expiry): taken as crashed at its last line");
      }
    }
  }

  void buildQueueSets() {
    std::sort(mqAllSizes_.begin(), mqAllSizes_.end(), [](const SizeSeen& a, const SizeSeen& b) { return a.at < b.at; });
    for (const auto& [topic, seen] : queuesSeen_) {
      std::set<std::string> brokers;
      for (const MessageQueue& q : seen) brokers.insert(q.brokerName);
      int size = -1;
      for (const SizeSeen& s : mqAllSizes_) {
        if (s.topic != topic || s.size == size) continue;
        if (s.size > kMaxQueuesPerTopic) {
          story_.warnings.push_back("topic " + topic + ": mqAllSize=" + std::to_string(s.size) + " is beyond " +
                                    std::to_string(kMaxQueuesPerTopic) + " queues; the queues named in the logs are taken");
          continue;
        }
        const bool first = size < 0;
        size = s.size;
        QueueSetChange qc{first ? 0 : s.at, topic, {}};
        if (brokers.size() == 1) {
          for (int i = 0; i < size; ++i) qc.queues.push_back(MessageQueue{topic, *brokers.begin(), i});
        } else {
          qc.queues.assign(seen.begin(), seen.end());
          if (!first) continue;  // several brokers: which one changed is not in the line
          if (static_cast<int>(seen.size()) != size)
            story_.warnings.push_back("topic " + topic + ": " + std::to_string(size) + " queues reported, " +
                                      std::to_string(seen.size()) + " named in the logs; the named ones are taken");
        }
        story_.queueSets.push_back(std::move(qc));
      }
      if (size < 0) story_.queueSets.push_back(QueueSetChange{0, topic, std::vector<MessageQueue>(seen.begin(), seen.end())});
    }
    std::stable_sort(story_.queueSets.begin(), story_.queueSets.end(),
                     [](const QueueSetChange& a, const QueueSetChange& b) { return a.at < b.at; });
  }

  struct SizeSeen {
    SimTime at;
    std::string topic;
    int size;
  };

  const ReplayInput& in_;
  ReplayStory story_;
  std::vector<Candidate> cands_;
  std::vector<ResultSeen> results_;
  std::vector<SizeSeen> mqAllSizes_;
  std::map<std::string, std::set<MessageQueue>> queuesSeen_;
};

}  // namespace

ReplayStory rebuildOwnership(const ReplayInput& input) { return Rebuilder(input).build(); }

}  // namespace rmqsim
