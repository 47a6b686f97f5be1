// twin of client/src/main/java/org/apache/rocketmq/client/impl/consumer/DefaultMQPushConsumerImpl.java,
// 4.9.x and 5.x; differences: the pull/consume loop is a fluid model, not one event per pull:
// the client's capacity (messages/s) is shared evenly over the queues it is actively pulling
// (after the pull dispatch delay, link and broker up, orderly: lock valid), each queue's consumed
// offset advances lazily and is reported as EvDelivered ranges when a stretch of consumption ends
// (drop, death, sample tick, end of run); each pulled queue commits through its pulls
// (PullCommitSource: the broker reads what the latest pull carried while the queue is pulled).
#pragma once

#include <memory>
#include <vector>

#include "rocketmq/broker/pull_commit_source.h"
#include "rocketmq/client/consume_message_orderly_service.h"
#include "rocketmq/client/rebalance_push_impl.h"
#include "rocketmq/client/remote_broker_offset_store.h"

namespace rmqsim {

class DefaultMQPushConsumerImpl final : public PullCommitSource {
 public:
  explicit DefaultMQPushConsumerImpl(MQClientInstance& client);

  /// copySubscription: the topics plus %RETRY%<group> in clustering.
  void copySubscription();
  /// Starts the orderly lock timer (clustering).
  void startConsumeService();
  /// Graceful shutdown: unlock (orderly), persist every offset, then the caller unregisters.
  Task<void> shutdownConsumeService();
  void persistConsumerOffset();
  /// The persist tick as it runs at `at` (now, or a steady tick the fast-forward accounts for).
  void persistConsumerOffsetAt(SimTime at);
  /// `count` steady persist ticks at first, first + period, ...: the same state as running them
  /// (fast-forward), with the last tick's commits.
  void skipSteadyPersistTicks(SimTime first, SimTime period, std::int64_t count);
  /// updateTopicSubscribeInfo from a changed route.
  void updateTopicSubscribeInfo(const std::string& topic, std::shared_ptr<const MqView> view);

  RebalancePushImpl& rebalanceImpl() { return rebalanceImpl_; }
  RemoteBrokerOffsetStore& offsetStore() { return offsetStore_; }
  ConsumeMessageOrderlyService& orderlyService() { return orderlyService_; }

  // Fluid consumption.
  /// Brings every queue's consumed offset up to now and recomputes the shares.
  void reshare();
  /// The process died: its pulls stop reaching the brokers now.
  void stopPulling() { updatePullingBrokers({}); }
  /// Brings every queue's consumed offset up to now (shares unchanged).
  void advanceAll();
  void advanceAllAt(SimTime now);
  /// Reports the consumed range not yet reported.
  void flushDeliveries();
  /// Called just before a process queue is dropped: final advance and report.
  void onDropping(ProcessQueue& pq);
  /// What the queue's latest pull before `now` carried as commitOffset (PullCommitSource).
  std::int64_t pullCommitOffset(QueueIndex mq, SimTime now) const override;
  /// dispatchPullRequest: new queues start pulling after `delay`.
  void executePullRequestLater(const std::vector<QueueIndex>& added, SimTime delay);

 private:
  void advance(ProcessQueue& pq, SimTime now);
  /// advance(pq, t) at each of the ticks.
  void advanceOverTicks(ProcessQueue& pq, SimTime first, SimTime period, std::int64_t count);
  void emitDelivered(ProcessQueue& pq);
  /// The consumed offset advance() would reach at `now`, without advancing.
  double consumedAt(const ProcessQueue& pq, SimTime now) const;
  /// consumedAt with the broker's max offset at `now` already read (`cap`).
  double consumedUpTo(const ProcessQueue& pq, SimTime now, double cap) const;
  /// The queue's ProcessQueue (null: not in the table). pullCommitOffset's look-up: the entry
  /// after the last one found is tried first (a sample reads a client's queues in queue order).
  const ProcessQueue* findProcessQueue(QueueIndex mq) const;
  /// The next findProcessQueue tries `pq`'s entry first (a detach asks for it at once).
  void hintProcessQueue(const ProcessQueue& pq) const;
  /// Attaches the queue's pulls to its broker's offsets (pulling) or detaches them (stopped).
  void setPullCommits(ProcessQueue& pq, bool pulling);
  bool isActive(const ProcessQueue& pq, SimTime now);
  /// The queue's pull loop reaches its broker now (pulls are sent, whether they succeed or not).
  bool isPulling(const ProcessQueue& pq, SimTime now) const;
  /// A pull that reaches the broker now fails with SUBSCRIPTION_NOT_EXIST: backs off (true) or not.
  bool pullFails(ProcessQueue& pq, SimTime now);
  /// Tells the brokers whose channel carries pulls now, and opens the channels they need.
  void updatePullingBrokers(std::vector<Broker*> pulling);

  MQClientInstance& client_;
  RebalancePushImpl rebalanceImpl_;
  RemoteBrokerOffsetStore offsetStore_;
  ConsumeMessageOrderlyService orderlyService_;
  std::vector<Broker*> pullingBrokers_;  ///< brokers the pull loop sends to (the broker's channel activity)
  // pullCommitOffset's constants, read once (the latency and the setup are fixed for the run).
  const double roundTrip_;            ///< the mean round trip, seconds
  const double flowControlInterval_;  ///< roundTrip_ + PULL_TIME_DELAY_MILLS_WHEN_CACHE_FLOW_CONTROL
  const double pullBatchSize_;
  const double pullThresholdForQueue_;
  mutable std::size_t lookupHint_ = 0;  ///< findProcessQueue's first guess (a table position)
  SimTime retryScheduledAt_ = -1;  ///< the last pull retry wake-up scheduled (one per retry time)
};

}  // namespace rmqsim
