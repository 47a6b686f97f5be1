// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/RebalanceImpl.java, 4.9.x and 5.x;
// differences: rebalance: pop runs no round (PopMessageProcessor shares messages); the 5.x server-side path (clientRebalance false: getRebalanceResultFromBroker)
// is in rebalance_server_path.cpp; queues are
// interned indices; the synchronous calls (consumer list, lock, offset query) are coroutines
// awaiting MQClientAPIImpl; unlocks are oneway messages (the sync unlock's reply is never used).
// 4.9.x: no rebalanceLater after a lock failure (Behaviour::lock_failure_rebalance_later).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/task.h"
#include "rocketmq/client/allocation_cache.h"
#include "rocketmq/client/process_queue.h"
#include "rocketmq/client/remote_broker_offset_store.h"
#include "util/flat_map.h"

namespace rmqsim {

class MQClientInstance;

class RebalanceImpl {
 public:
  explicit RebalanceImpl(MQClientInstance& client);
  virtual ~RebalanceImpl() = default;

  /// One round over every subscribed topic; false when some topic was not balanced.
  Task<bool> doRebalance(bool isOrder);
  /// LOCK_BATCH_MQ for one queue (synchronous); true when the broker granted it.
  Task<bool> lock(QueueIndex mq);
  /// Renews the locks of every held queue, per broker (ConsumeMessageOrderlyService's timer).
  Task<void> lockAll();
  /// UNLOCK_BATCH_MQ for one queue (oneway).
  void unlock(QueueIndex mq);
  /// Releases every held lock (orderly shutdown).
  /// unlockAll(false), at shutdown: UNLOCK_BATCH_MQ per broker, synchronous (lockBatchMQ's 1 s
  /// timeout); a broker that cannot answer holds the shutdown thread, and its queues stay locked.
  Task<void> unlockAll();
  /// Drops every process queue (shutdown / death); emits their removal.
  void destroy();
  /// A granted lock: locked, timestamp now (a lock reported expired is reported held again).
  void renewLock(ProcessQueue& pq);
  /// The client-side lock expired (ProcessQueue.isLockExpired): reported once as not locked.
  void reportLockExpired(ProcessQueue& pq);

  /// Adds a topic to subscriptionInner (copySubscription, before the start).
  void subscribe(const std::string& topic);
  const std::set<std::string>& subscriptionInner() const { return subscriptionInner_; }
  /// A subscribed topic with its interned index.
  struct Subscribed {
    std::string topic;
    TopicIndex index;
  };
  /// subscriptionInner in its order, with the indices: fixed once started.
  const std::vector<Subscribed>& subscribed() const { return subscribed_; }
  /// By topic index (the round looks its topic up as an integer).
  FlatMap<TopicIndex, std::shared_ptr<const MqView>>& topicSubscribeInfoTable() { return topicSubscribeInfoTable_; }
  FlatMap<QueueIndex, ProcessQueue>& processQueueTable() { return processQueueTable_; }
  const FlatMap<QueueIndex, ProcessQueue>& processQueueTable() const { return processQueueTable_; }
  /// popProcessQueueTable: the queues POP assignments (message_request_mode: pop) let it pop.
  const std::set<QueueIndex>& popProcessQueueTable() const { return popProcessQueueTable_; }
  /// The steady-state check (clustering): the topic's last round is remembered for the current
  /// queue view, process-queue table and this consumer list, so the next round changes nothing.
  bool remembers(TopicIndex topic, const std::shared_ptr<const CidView>& cids) const;
  /// The steady-state check (broadcasting): the topic's whole view is held, nothing dropped.
  bool holdsWholeView(TopicIndex topic) const;

 protected:
  /// Runs on the rebalance thread and waits for its synchronous heartbeats.
  virtual Task<void> messageQueueChanged(std::string topic) = 0;
  virtual bool removeUnnecessaryMessageQueue(QueueIndex mq, ProcessQueue& pq) = 0;
  /// computePullFromWhere's first step, the offset store's READ_FROM_STORE, awaited by the round
  /// itself: its usual answer (an offset) needs no coroutine frame.
  virtual RemoteBrokerOffsetStore::OffsetRead readOffset(QueueIndex mq) = 0;
  /// computePullFromWhere's rest, after readOffset's `lastOffset`; -1 when the start offset
  /// cannot be computed (the queue is skipped this round).
  virtual Task<std::int64_t> computePullFromWhere(QueueIndex mq, std::int64_t lastOffset) = 0;
  virtual void removeDirtyOffset(QueueIndex mq) = 0;
  virtual void dispatchPullRequest(const std::vector<QueueIndex>& added, SimTime delay) = 0;
  /// Marks a process queue dropped (it stops being an owner).
  void setDropped(ProcessQueue& pq);
  void setLocked(ProcessQueue& pq, bool locked);

  MQClientInstance& client_;

 private:
  /// RebalancePushImpl.clientRebalance (5.x): false sends the topic's round to the broker.
  // The per-topic steps take the topic's index (its name: ctx.trace.topicName).
  bool clientRebalance(TopicIndex topic) const;
  /// QUERY_ASSIGNMENT, then updateMessageQueueAssignment (PULL assignments: the same table
  /// update as the client path); false when unbalanced or the broker gave no valid result.
  Task<bool> getRebalanceResultFromBroker(TopicIndex topic, bool isOrder);
  Task<bool> rebalanceByTopic(TopicIndex topic, bool isOrder);
  Task<bool> updateProcessQueueTableInRebalance(TopicIndex topic, std::vector<QueueIndex> mqSet, bool isOrder);
  /// updateMessageQueueAssignment's POP half: the topic's pop queues become `mqSet`; true if changed.
  bool updatePopProcessQueueTable(TopicIndex topic, const std::vector<QueueIndex>& mqSet);
  std::vector<QueueIndex> getWorkingMessageQueue(TopicIndex topic) const;
  void rememberRound(TopicIndex topic, const std::shared_ptr<const MqView>& mqs,
                     const std::shared_ptr<const CidView>& cids, const std::vector<QueueIndex>& queues);
  bool ofTopic(QueueIndex mq, TopicIndex topic) const;

  /// The inputs of a topic's last round that ended balanced with nothing left to retry. The same
  /// inputs again (same interned views: same content) and an untouched table give the same
  /// result, so the round is answered without re-running allocate and the table scan; so does
  /// an untouched table with a new consumer list whose allocation is the same. Holding
  /// the views keeps their addresses from being reused.
  struct RoundMemo {
    std::shared_ptr<const MqView> mqs;
    std::shared_ptr<const CidView> cids;
    std::uint64_t tableVersion = 0;
    SimTime validUntil = 0;  ///< before any process queue could become pull-expired
    std::vector<QueueIndex> queues;  ///< the allocation it held (its working queues)
  };

  const std::size_t clientIdHash_;  ///< CidView::idHash of the client's id (fixed), for allocate
  std::set<std::string> subscriptionInner_;
  std::vector<Subscribed> subscribed_;  ///< subscriptionInner_ walked without tree hops
  FlatMap<TopicIndex, RoundMemo> memo_;  ///< by topic (a handful): contiguous, no node hops
  std::uint64_t tableVersion_ = 0;  ///< bumped on every add, drop or removal
  FlatMap<TopicIndex, std::shared_ptr<const MqView>> topicSubscribeInfoTable_;
  FlatMap<QueueIndex, ProcessQueue> processQueueTable_;  ///< walked on every tick: contiguous
  std::set<QueueIndex> popProcessQueueTable_;  ///< no per-queue state: PopMessageProcessor keeps it
};

}  // namespace rmqsim
