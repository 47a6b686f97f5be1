// twin of broker/src/main/java/org/apache/rocketmq/broker/BrokerController.java (with
// DefaultConsumerIdsChangeListener, ClientManageProcessor and the message store's offsets), 4.9.x and 5.x;
// differences: one master per name; the message store is fluid (max offset = produced count,
// driven by src/sim/traffic); requests arrive as simulated messages or synchronous calls.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/random.h"
#include "engine/timer.h"
#include "rocketmq/broker/client_housekeeping_service.h"
#include "rocketmq/broker/consumer_manager.h"
#include "rocketmq/broker/consumer_offset_manager.h"
#include "rocketmq/broker/netty_remoting_server.h"
#include "rocketmq/broker/query_assignment_processor.h"
#include "rocketmq/broker/rebalance_lock_manager.h"
#include "rocketmq/broker/topic_config_manager.h"
#include "rocketmq/client/model_context.h"

namespace rmqsim {

/// The consumer data a heartbeat carries (HeartbeatData.consumerDataSet, one group).
struct ConsumerData {
  std::string groupName;
  GroupIndex group = 0;
  bool broadcasting = false;
  std::set<std::string> topics;
  int retryQueueNums = 1;                   ///< subscription group retryQueueNums
  bool notifyConsumerIdsChangedEnable = true;  ///< subscription group flag
};

class Broker {
 public:
  Broker(ModelContext& ctx, std::string name);
  const std::string& name() const { return name_; }
  NodeId node() const { return node_; }
  bool isUp() const { return up_; }

  /// Boots the broker: registers at once (alreadyRegistered: applied without latency, for the
  /// cluster that exists before t=0), then every broker_register_interval; starts housekeeping.
  void start(bool alreadyRegistered = false);
  /// Process killed: the name servers see the connection close and drop the broker at once.
  void kill();
  /// Host lost: nothing is sent; the name servers expire it.
  void crash();
  /// registerBrokerAll: sends the topic table to every name server.
  void registerBrokerAll(bool direct = false);
  /// Changes a topic's read = write queue count and re-registers at once.
  void setQueues(const std::string& topic, int queues);

  // Requests from clients (the caller checked the network).
  /// HEART_BEAT from the client, on its newest connection here.
  void heartbeat(ClientIndex client, const std::string& clientId, const ConsumerData& data);
  /// The steady-state heartbeat, applied at send time with its arrival time `at`: true when it
  /// only refreshes the channel's timestamp (known channel, same id and subscriptions, retry
  /// topic present), which is all such a heartbeat does on arrival. Saves one event per
  /// heartbeat and broker; anything else goes through heartbeat() as a message.
  bool refreshHeartbeat(ClientIndex client, const std::string& clientId, const std::shared_ptr<const ConsumerData>& data,
                        SimTime at);
  void unregisterClient(ClientIndex client, const ConsumerData& data);
  /// The client's end of connection `id` closed and its FIN arrived (CLOSE event).
  void channelClosed(ClientIndex client, std::uint64_t id);
  // The client's connection (NettyRemotingServer): opened by its first message, closed by either side.
  /// The client connects now: its new channel's id.
  std::uint64_t acceptChannel(NodeId clientNode, ClientIndex client) { return remotingServer_.accept(clientNode, client); }
  /// The client's channel `id` is still open at this broker (up, not closed by idle or scan).
  bool channelOpen(NodeId clientNode, std::uint64_t id) const { return up_ && remotingServer_.isOpen(clientNode, id); }
  /// The client's pull loop runs over its channel now (continuous traffic), or stopped now.
  void setPulling(NodeId clientNode, bool pulling) { remotingServer_.setPulling(clientNode, pulling); }
  /// Traffic on the client's channel at `at` (a message the fast-forward accounts for unsent).
  void touchChannel(NodeId clientNode, SimTime at) { remotingServer_.touch(clientNode, at); }
  /// PullMessageProcessor's group check: a pull without subscription data (postSubscriptionWhenPull
  /// false) fails with SUBSCRIPTION_NOT_EXIST unless a heartbeat of the group brought the topic's
  /// subscription (J4 :172-196, J5 :415-449).
  bool pullSubscriptionExists(const std::string& group, const std::string& topic) const {
    return consumerManager_.hasSubscription(group, topic);
  }
  /// GET_CONSUMER_LIST_BY_GROUP. A list equal to one another broker holds for the group is
  /// answered with that broker's list object (the clients' caches then meet one list, not four).
  std::shared_ptr<const std::vector<std::string>> getConsumerIdListByGroup(const std::string& group) const;
  /// QUERY_ASSIGNMENT (5.x, rebalance: server / sticky / uniform); null: skip the update.
  std::shared_ptr<const std::vector<QueueIndex>> queryAssignment(const QueryAssignmentRequest& req) {
    return queryAssignmentProcessor_.queryAssignment(req);
  }
  /// The what-if modes' answer with this broker as the group's coordinator.
  std::shared_ptr<const std::vector<QueueIndex>> queryAssignmentAsCoordinator(const QueryAssignmentRequest& req) {
    return queryAssignmentProcessor_.answerAsCoordinator(req);
  }
  std::vector<QueueIndex> lockBatchMQ(GroupIndex group, const std::vector<QueueIndex>& mqs, const std::string& clientId);
  void unlockBatchMQ(GroupIndex group, const std::vector<QueueIndex>& mqs, const std::string& clientId);
  /// A oneway commit sent now, arriving at `at` (ConsumerOffsetManager keeps it until then).
  void updateConsumerOffset(GroupIndex group, QueueIndex mq, std::int64_t offset, SimTime at, SimTime sentAt);
  /// ConsumerManageProcessor.queryConsumerOffset: the committed offset; with none, 0 while the
  /// queue's first message is still in memory (J4 ConsumerManageProcessor.java:136-149, minOffset <= 0
  /// && !checkInDiskByConsumeOffset; J5 :329-345, checkInMemByConsumeOffset, the client never sets
  /// setZeroIfNotFound=false); else -1 (QUERY_NOT_FOUND: the client falls back to consume_from).
  std::int64_t queryConsumerOffset(GroupIndex group, QueueIndex mq) const;
  /// The committed offset alone (-1 none): what the lag samples read.
  std::int64_t committedOffset(GroupIndex group, QueueIndex mq) const { return offsetManager_.queryOffset(group, mq, ctx_.now()); }
  /// A consumer's pulls of the queue reach this master from now on / stop now (PullCommitSource).
  void attachPuller(GroupIndex group, QueueIndex mq, const PullCommitSource* source) {
    offsetManager_.attachPuller(group, mq, source);
  }
  void detachPuller(GroupIndex group, QueueIndex mq, const PullCommitSource* source) {
    offsetManager_.detachPuller(group, mq, source, ctx_.now());
  }
  /// How many of the newest commit-log messages the page cache holds (0: all of them).
  void setInMemoryMessages(std::int64_t n) { inMemoryMessages_ = n; }
  /// checkInDiskByConsumeOffset(topic, queueId, 0) negated: the queue's first message is in memory.
  bool firstMessageInMemory(QueueIndex mq, SimTime now) const;

  // The fluid message store.
  /// Messages appended to the queue so far (its max offset). Inline: the clients' consume loops
  /// ask it millions of times. A queue the broker lacks reads as all zeros: 0.
  std::int64_t maxOffset(QueueIndex mq, SimTime now) const {
    const auto i = static_cast<std::size_t>(mq);
    if (i >= store_.size()) return 0;
    const StoreQueue& s = store_[i];
    return floorToInt(s.base + s.rate * static_cast<double>(now - s.baseTime) / 1000.0);
  }
  /// Messages per second producers now append to the queue (0 when the broker has no such queue).
  double produceRate(QueueIndex mq) const {
    const StoreQueue* sq = findStore(mq);
    return sq ? sq->rate : 0.0;
  }
  /// searchOffset: the max offset the queue had at time `ts`.
  std::int64_t searchOffset(QueueIndex mq, SimTime ts, SimTime now) const;
  /// Producers now append `ratePerSecond` messages/s to the queue (0 = none).
  void setProduceRate(QueueIndex mq, double ratePerSecond, SimTime now);

  const TopicConfigManager& topicConfigManager() const { return topicConfigManager_; }
  TopicConfigManager& topicConfigManager() { return topicConfigManager_; }
  const ConsumerManager& consumerManager() const { return consumerManager_; }
  /// The group lists the client, with this id, on its newest connection here (the steady-state check).
  bool hasConsumerChannel(const std::string& group, ClientIndex client, const std::string& clientId) const {
    return consumerManager_.hasChannel(group, currentKey(client), clientId);
  }
  const RebalanceLockManager& lockManager() const { return lockManager_; }
  /// Folds the consumer table's heartbeat times and the committed offsets into `f` (the fast-forward's tests).
  void digest(Fnv& f) const {
    consumerManager_.digest(f);
    offsetManager_.digest(f);
  }
  /// No consumer change waits to be notified (the batched notifications are sent).
  bool notificationsSent() const { return batchedNotify_.empty(); }

 private:
  /// What maxOffset reads, 32 bytes a queue (the rate history is kept apart: rarely read).
  struct StoreQueue {
    double base = 0;  ///< exact (fractional) count at baseTime
    SimTime baseTime = 0;
    double rate = 0;  ///< messages per second
    bool present = false;  ///< the broker has this queue (a produce rate was set)
  };
  struct Segment {
    SimTime time;
    double count;
    double rate;
  };
  /// std::floor then the cast, without the libm call (the build targets plain SSE2): truncation,
  /// one down for a negative non-integer. Same value for every count in range.
  static std::int64_t floorToInt(double x) {
    const auto t = static_cast<std::int64_t>(x);
    return static_cast<double>(t) > x ? t - 1 : t;
  }
  void onConsumerIdsChanged(const std::string& group, const std::vector<ChannelKey>& channels);
  void notifyConsumerIdsChanged(const std::string& group, const std::vector<ChannelKey>& channels);
  /// A consumer-id-change notification arriving at its client.
  struct NotifyArrival {
    Broker* broker;
    const std::string* groupName;
    void operator()(ChannelKey ch) const;
  };
  void flushBatchedNotifications();
  /// The group's name, kept for the broker's life (a notification in flight points to it).
  const std::string* internGroup(const std::string& group);
  /// The client's node (fixed for its life), from a dense table: the fan-out reads it per channel.
  NodeId clientNode(ClientIndex client) const {
    const auto i = static_cast<std::size_t>(client);
    return i < clientNodes_.size() && clientNodes_[i] >= 0 ? clientNodes_[i] : lookUpClientNode(client);
  }
  NodeId lookUpClientNode(ClientIndex client) const;
  void onChannelExpired(const std::string& group, const ClientChannelInfo& info);
  void onChannelIdle(ClientIndex client, std::uint64_t id);
  /// The consumer table's key for what the client sends now: its newest connection here.
  ChannelKey currentKey(ClientIndex client) const;
  /// A write on a connection whose client end is closed: the client's host answers with a reset
  /// (its socket is gone), which closes the connection here one round trip later.
  void writeToClosed(ChannelKey key);
  void onConnectionReset(ChannelKey key);
  void goDown();
  /// The invariant's failure, apart: the commit path stays small.
  [[noreturn, gnu::cold, gnu::noinline]] void commitPassesMaxOffset(QueueIndex mq, std::int64_t offset) const;

  ModelContext& ctx_;
  std::string name_;
  NodeId node_;
  Random rng_;
  bool up_ = false;
  TopicConfigManager topicConfigManager_;
  ConsumerManager consumerManager_;
  NettyRemotingServer remotingServer_;
  ClientHousekeepingService housekeeping_;
  RebalanceLockManager lockManager_;
  ConsumerOffsetManager offsetManager_;
  QueryAssignmentProcessor queryAssignmentProcessor_;
  Timer registerTimer_;
  Timer notifyTimer_;
  std::map<std::string, std::vector<ChannelKey>> batchedNotify_;  ///< !realTimeNotifyConsumerChange
  /// By queue index (dense over the run's queues): maxOffset is on the consume loop's hot path.
  std::vector<StoreQueue> store_;
  std::vector<std::vector<Segment>> history_;  ///< by queue index: each rate change, for searchOffset
  const StoreQueue* findStore(QueueIndex mq) const {
    const auto i = static_cast<std::size_t>(mq);
    return i < store_.size() && store_[i].present ? &store_[i] : nullptr;
  }
  std::int64_t inMemoryMessages_ = 0;
  std::vector<bool> notifyInFlight_;  ///< by ClientIndex: one NOTIFY per client on the wire at a time
  std::set<std::string, std::less<>> groupNames_;  ///< internGroup's names
  mutable std::vector<NodeId> clientNodes_;  ///< by ClientIndex, -1: not looked up yet
  /// What refreshHeartbeat learnt of a client's heartbeat body (the same object for the process's
  /// life; held, so its address stays its): the facts it checks that do not change, and where
  /// its group's entry was.
  struct SteadyHeartbeat {
    std::shared_ptr<const ConsumerData> data;
    bool retryTopicFound = false;
    ConsumerManager::RefreshHint hint;
  };
  std::vector<SteadyHeartbeat> steadyHeartbeats_;  ///< by ClientIndex
};

}  // namespace rmqsim
