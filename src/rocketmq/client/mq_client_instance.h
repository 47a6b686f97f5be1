// twin of client/src/main/java/org/apache/rocketmq/client/impl/factory/MQClientInstance.java, 4.9.x and 5.x;
// differences: one simulated process with one push consumer; its threads are coroutines that
// suspend on synchronous requests (MQClientAPIImpl); a paused process defers everything addressed
// to it until it resumes; a dead one drops its threads mid-request. The route poll, heartbeat,
// offset persistence and rebalanceLater share one scheduler thread (scheduledExecutorService is
// single-threaded), so a tick blocked on a timeout holds back the ticks due behind it.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/random.h"
#include "engine/task.h"
#include "engine/timer.h"
#include "rocketmq/client/mq_client_api_impl.h"
#include "rocketmq/client/model_context.h"
#include "rocketmq/client/rebalance_service.h"
#include "rocketmq/common/rebalance_mode.h"
#include "rocketmq/namesrv/route_info_manager.h"
#include "strategy/allocate_message_queue_strategy.h"
#include "util/flat_map.h"
#include "util/fnv.h"

namespace rmqsim {

class Broker;
struct ConsumerData;
class DefaultMQPushConsumerImpl;

enum class ConsumeFromWhereKind { CONSUME_FROM_LAST_OFFSET, CONSUME_FROM_FIRST_OFFSET, CONSUME_FROM_TIMESTAMP };

/// Everything one consumer process is configured with (from the scenario, by src/sim).
struct ConsumerSetup {
  ClientIndex index = 0;
  std::string clientId;
  GroupIndex group = 0;
  std::string groupName;
  std::vector<std::string> topics;  ///< subscribed topics (the retry topic is added in clustering)
  bool broadcasting = false;
  bool orderly = false;
  ConsumeFromWhereKind consumeFromWhere = ConsumeFromWhereKind::CONSUME_FROM_LAST_OFFSET;
  SimTime consumeTimestamp = 0;
  int retryQueueNums = 1;
  bool notifyConsumerIdsChangedEnable = true;
  double consumeRatePerSecond = 1000;
  RebalanceMode rebalanceMode = RebalanceMode::CLIENT;  ///< who assigns the queues (issue 17)
  /// The brokers' MessageRequestModeManager entry for the group (message_request_mode: pop):
  /// QUERY_ASSIGNMENT answers through allocate4Pop and the client pops its queues.
  bool popRequestMode = false;
  int popShareQueueNum = 0;
  int pullBatchSize = 32;            ///< DefaultMQPushConsumer.pullBatchSize
  int pullThresholdForQueue = 1000;  ///< DefaultMQPushConsumer.pullThresholdForQueue
  std::shared_ptr<const AllocateMessageQueueStrategy> strategy;
  std::uint64_t rngStreamKey = 0;  ///< unused when 0; the stream is derived from the process name
  std::string processName;          ///< "GROUP-N" plus incarnation, for the PRNG stream
};

class MQClientInstance {
 public:
  MQClientInstance(ModelContext& ctx, ConsumerSetup setup);
  ~MQClientInstance();

  ModelContext& ctx() { return ctx_; }
  NodeId node() const { return node_; }
  ClientIndex index() const { return setup_.index; }
  const std::string& getClientId() const { return setup_.clientId; }
  const ConsumerSetup& setup() const { return setup_; }
  Random& rng() { return rng_; }
  /// The periodic activities draw from streams of their own, so that skipping an activity's
  /// steady ticks (fast-forward) cannot shift another's draws.
  CounterRandom& persistRng() { return persistRng_; }
  bool isRunning() const { return state_ == State::RUNNING; }
  bool isAlive() const { return state_ == State::RUNNING || state_ == State::PAUSED; }
  DefaultMQPushConsumerImpl& consumer() { return *consumer_; }

  // Lifecycle verbs (the scenario's actions).
  void start();     ///< DefaultMQPushConsumerImpl.start
  /// Graceful stop (DefaultMQPushConsumerImpl.shutdown): unlock (orderly), persist, unregister,
  /// then the process ends. Its synchronous calls to a broker it cannot reach hold the exit.
  void shutdown();
  /// The shutdown thread is about to wait on a call: the process stops all but that thread.
  void shutdownBlocks();
  void kill();      ///< process dies: the OS closes its connections
  void crash();     ///< host lost: nothing is sent
  void pause();     ///< frozen (GC, SIGSTOP)
  void resume();

  /// NOTIFY_CONSUMER_IDS_CHANGED from a broker.
  void notifyConsumerIdsChanged(const std::string& group, const std::string& brokerName);
  /// The client's part of the world changed (links, brokers): re-evaluate consumption.
  void worldChanged();
  /// Reports consumption so far (sample ticks and the end of the run).
  void flushDeliveries();

  // Called by the consumer and rebalance code.
  Task<bool> doRebalance();
  void rebalanceImmediately() { rebalanceService_.wakeup(); }
  void rebalanceLater(SimTime delay);
  /// Null when no broker of the topic answered (Java logs and returns null).
  Task<std::shared_ptr<const std::vector<std::string>>> findConsumerIdList(std::string topic, std::string group);
  /// 5.x queryAssignment: QUERY_ASSIGNMENT to a random broker of the route (null: no broker,
  /// timeout, or the broker's "skip the update").
  Task<std::shared_ptr<const std::vector<QueueIndex>>> queryAssignment(std::string topic);
  Task<void> updateTopicRouteInfoFromNameServer();
  Task<bool> updateTopicRouteInfoFromNameServer(std::string topic);
  /// sendHeartbeatToAllBrokerWithLock as the start-up and rebalance threads call it: synchronous
  /// per broker (sendHeartbeatWaiting); false when brokerAddrTable is empty.
  Task<bool> sendHeartbeatToAllBrokerWithLock();
  MQClientAPIImpl& api() { return api_; }
  /// Runs `thread` as one of this process's threads (ended if the process dies).
  void spawn(Task<void> thread) { threads_.spawn(std::move(thread)); }
  /// Runs `fn` now if running, at resume if paused, never once dead (input addressed to the process).
  /// A template: the common case (running) calls `fn` in place, no std::function is built.
  template <class F>
  void deliverOrDefer(F&& fn) {
    if (state_ == State::RUNNING) fn();
    else if (state_ == State::PAUSED) deferred_.emplace_back(std::forward<F>(fn));
  }
  /// The broker a synchronous request goes to (known from the routes), or null. The request
  /// itself may still be lost on the way and time out.
  Broker* brokerForCall(const std::string& brokerName);
  /// brokerForCall(the queue's broker name), without comparing names.
  Broker* brokerForCall(QueueIndex mq) { return knownBroker(ctx_.brokerOf(mq)); }
  /// Sends a oneway request as a network message (it arrives after the latency, or is lost).
  void sendToBroker(const std::string& brokerName, std::function<void(Broker&)> request);
  void sendToBroker(Broker& broker, std::function<void(Broker&)> request);
  /// Runs `fn` after `delay` in this process (deferred while paused, dropped once dead).
  void schedule(SimTime delay, std::function<void()> fn);
  /// MQClientInstance.scheduledExecutorService: runs `job` now when the scheduler thread is idle,
  /// else once the jobs due before it are done (Java runs them late, in due order).
  void executeScheduled(std::function<void()> job);
  /// Called last in a job: the scheduler thread stays busy until `blocking` ends.
  void blockScheduler(Task<void> blocking);
  bool schedulerIdle() const { return !schedulerBusy_ && schedulerQueue_.empty(); }
  const std::set<std::string>& brokerAddrTable() const { return brokerAddrTable_; }
  /// The channel to `b` before sending to it (NettyRemotingClient.getAndCreateChannel): a closed
  /// one (broker restarted, or it closed the channel: idle, expiry) is replaced by a new
  /// connection, whose ACTIVE event runs onChannelActive unless a heartbeat opened it.
  void ensureChannel(Broker& b, bool byHeartbeat);
  /// MQClientAPIImpl connected to `target` now: its id for the connection (a broker's names it in
  /// its consumer table; a name server's is 1).
  std::uint64_t channelConnected(NodeId target);
  /// The client closed its end of connection `id` to `target`: the FIN, lost on a cut link.
  void sendFin(NodeId target, std::uint64_t id);

  // Fast-forward (steady_state_skip.cpp, docs/performance.md). While nothing but the clients'
  // steady periodic work can happen before a horizon, each periodic activity, at the end of a
  // tick, accounts at once for its ticks that end before the horizon (their draws, commits and
  // heartbeat times) and moves its timer past them: the same state, without their events.
  /// This process's part of the steady-state check: running, heartbeating every broker of its
  /// routes, its routes those the name server gives, and (clustering) every topic's last
  /// round remembered with the consumer list every broker of the topic gives now.
  bool isSteady();
  /// The horizon for this process's periodic work, or 0 (not running, orderly or broadcasting).
  SimTime steadyHorizon(bool forCommits = false) const;
  /// One steady rebalance round starting at `start` (its draws): returns when it ends.
  SimTime drawSteadyRound(SimTime start);
  /// How long a steady round or route poll can last at most (two messages per topic).
  SimTime steadyCallSlack() const;
  /// Folds the state the fast-forward must leave as running every tick would (timers, streams,
  /// consumption, offsets) into `f`: its tests compare it with and without.
  void digest(Fnv& f);

 private:
  enum class State { CREATED, RUNNING, PAUSED, DEAD };
  void startScheduledTask();
  void stopTimers();
  void die(ClientLifecycle how, bool closeChannels);
  Task<void> startTail();
  Task<void> shutdownThread();
  Task<void> unregisterClient();
  /// findBrokerAddrByTopic: a random broker of the route, after one route update if none.
  Task<Broker*> findBrokerByTopic(std::string topic);
  /// findBrokerByTopic's second try: the route updated, then a random broker of it.
  Task<Broker*> findBrokerAfterRouteUpdate(std::string topic);
  /// A random broker's name from the topic's route as known now (one draw), or null (no route:
  /// no draw; or an empty name).
  const std::string* pickBrokerName(const std::string& topic);
  /// 5.2+ channel event listener: heartbeat the broker, then rebalanceImmediately if it answered.
  void onChannelActive(Broker& b);
  /// ensureChannel's rare part, apart (the open channel's check stays small): the channel to `b`
  /// is closed.
  [[gnu::noinline]] void reopenChannel(Broker& b, bool byHeartbeat);
  /// A new connection to `b` (the broker keeps an older one it never saw close beside it).
  std::uint64_t openChannel(Broker& b, bool byHeartbeat);
  /// The broker on `node` (null: none), from ModelContext::brokersByNode. Inline: the tap asks
  /// for every message sent.
  Broker* brokerAt(NodeId node) const {
    if (ctx_.brokersByNodeCount != ctx_.brokers.size()) [[unlikely]] return lookUpBrokerAt(node);
    const auto i = static_cast<std::size_t>(node);
    return i < ctx_.brokersByNode.size() ? ctx_.brokersByNode[i] : nullptr;
  }
  /// Builds brokersByNode for the brokers there are now, then brokerAt.
  [[gnu::noinline]] Broker* lookUpBrokerAt(NodeId node) const;
  const std::shared_ptr<const ConsumerData>& heartbeatData();
  Task<void> routePollThread();
  Task<void> schedulerJob(Task<void> blocking);
  /// The periodic heartbeat: oneway-like to brokers that answer at once; a synchronous call that
  /// waits for its failure to any other (sendHeartbeatToAllBroker is synchronous in Java).
  void heartbeatTick();
  /// One heartbeat per broker in turn: at once to those that answer at once (their round trip
  /// is not modelled), else a synchronous call that holds the thread until it fails.
  Task<void> sendHeartbeatWaiting();
  /// Every broker answers at once: the heartbeats leave now, nothing waits.
  void sendHeartbeatNow();
  void heartbeatTo(Broker* b);
  void prepareHeartbeat();
  /// The persist tick; 4.9 waits for each connect to a broker it cannot reach (oneway calls
  /// block on createChannel), 5.3 does not.
  void persistTick();
  Task<void> persistWaitingConnects();
  /// How many of the timer's next ticks the fast-forward may account for now (each ending
  /// `slack` after it starts, before the horizon).
  std::int64_t steadyTicks(const Timer& timer, SimTime slack, bool forCommits) const;
  void skipSteadyPersistTicks();
  void skipSteadyHeartbeats();
  void skipSteadyRoutePolls();

  ModelContext& ctx_;
  ConsumerSetup setup_;
  NodeId node_;
  Random rng_;
  CounterRandom persistRng_;  ///< offset commits (counter-based: skipped a tick at a time)
  Random heartbeatRng_;  ///< heartbeats
  Random routeRng_;      ///< route queries
  Random rebalanceRng_;  ///< the rebalance round's broker choice and consumer-list queries
  Random finRng_;        ///< the FINs of channels closed after a timeout
  State state_ = State::CREATED;
  std::size_t namesrvIndex_ = 0;
  Timer routeTimer_;
  Timer heartbeatTimer_;
  Timer persistTimer_;
  RebalanceService rebalanceService_;
  MQClientAPIImpl api_;
  TaskScope threads_;  ///< after api_: destroyed first, while pending calls can still be dropped
  bool routePolling_ = false;
  bool stopping_ = false;  ///< the shutdown thread waits on a call (the process ends when it is done)
  bool schedulerBusy_ = false;  ///< the scheduler thread waits on a synchronous call
  std::deque<std::function<void()>> schedulerQueue_;  ///< ticks due meanwhile, in due order
  std::unique_ptr<DefaultMQPushConsumerImpl> consumer_;
  FlatMap<std::string, std::shared_ptr<const TopicRouteData>> topicRouteTable_;
  std::set<std::string> brokerAddrTable_;
  /// brokerAddrTable_ with each name resolved (null: no such broker), rebuilt with it: the
  /// per-queue calls find their broker in a handful of entries instead of two tree lookups.
  std::vector<std::pair<std::string, Broker*>> addrBrokers_;
  Broker* knownBroker(const std::string& brokerName) const {
    for (const auto& [name, b] : addrBrokers_)
      if (name == brokerName) return b;
    return nullptr;
  }
  /// knownBroker(broker's name) for a resolved broker: the same entry, by address.
  Broker* knownBroker(Broker* broker) const {
    if (!broker) return nullptr;  // no such broker: knownBroker(name) is null too
    for (const auto& [name, b] : addrBrokers_)
      if (b == broker) return b;
    return nullptr;
  }
  std::set<std::string> connectedBrokers_;  ///< brokers this process opened a channel to
  std::shared_ptr<const ConsumerData> heartbeatData_;  ///< built at the first heartbeat
  std::vector<Broker*> heartbeatTargets_;  ///< brokerAddrTable_ resolved (null: no such broker)
  bool heartbeatTargetsStale_ = true;
  std::vector<std::function<void()>> deferred_;
};

}  // namespace rmqsim
