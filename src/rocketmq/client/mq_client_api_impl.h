// twin of client/src/main/java/org/apache/rocketmq/client/impl/MQClientAPIImpl.java (the synchronous
// calls of the rebalance path) over remoting's NettyRemotingAbstract.invokeSyncImpl, 4.9.x and 5.x;
// differences: a call is a request message and a reply message, each with the network's latency;
// the target answers from its state when the request arrives; when either message is lost the
// awaiting thread resumes empty-handed at the call's timeout (RemotingTimeoutException).
// Channels (NettyRemotingClient.channelTables): a call on a closed channel connects first; the
// connect is instant to a reachable node, refused after a round trip by a killed process's host
// (RemotingConnectException), and given up after connect_timeout to a lost host or across a cut
// link. A timed-out call closes its channel (clientCloseSocketIfTimeout, both lines); its FIN
// reaches the broker only if the link lets it, else the broker keeps that connection open beside
// the next one. The table is the process's only one: a broker's entry names the connection there.
#pragma once

#include <coroutine>
#include <cstdint>
#include <memory>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/sim_network.h"
#include "engine/task.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class Broker;
class MQClientInstance;
class NameServer;
struct ConsumerData;
struct TopicRouteData;

class MQClientAPIImpl {
 public:
  explicit MQClientAPIImpl(MQClientInstance& client) : client_(client) {}

  /// One call in flight: the target's handler, its answer, and where the waiting thread reads it.
  struct PendingCall {
    // One per call (half a million in a 300-client cut): recycled by size like coroutine frames.
    static void* operator new(std::size_t n) { return task_detail::FramePool::allocate(n); }
    static void operator delete(void* p, std::size_t n) noexcept { task_detail::FramePool::deallocate(p, n); }
    virtual ~PendingCall() = default;
    virtual void answer() = 0;  ///< at the target, when the request arrives
    virtual void deliver() = 0; ///< at the client, when the reply arrives
    std::coroutine_handle<> waiting;
    NodeId target = 0;
    SimTime timeout = 0;
    SimTime deadline = 0;  ///< send time + timeout
    Random* rng = nullptr;  ///< the stream both messages' latencies come from (null: the process's)
    /// The route and consumer-list queries are the steady state's periodic work
    /// (SimNetwork::unsteadyInFlight does not count them).
    bool steady = false;
    bool connectOnly = false;  ///< no request: only the connect is awaited (4.9's oneway path)
    bool timedOut = false;     ///< a message was lost on a silent path: the call fails at the deadline
  };
  template <class T>
  struct TypedCall : PendingCall {
    std::optional<T> answerValue;
    std::optional<T>* slot = nullptr;  ///< in the waiting frame
    void deliver() override { slot->swap(answerValue); }
  };
  template <class T, class F>
  struct CallOf final : TypedCall<T> {
    explicit CallOf(F f) : handler(std::move(f)) {}
    F handler;
    void answer() override { this->answerValue.emplace(handler()); }
  };

  /// Awaitable result of one synchronous call: the reply, or nullopt after the timeout.
  template <class T>
  struct Call {
    MQClientAPIImpl* api;
    std::unique_ptr<TypedCall<T>> call;
    std::optional<T> reply;

    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) {
      call->slot = &reply;
      call->waiting = h;
      api->invokeSync(std::move(call));
    }
    std::optional<T> await_resume() { return std::move(reply); }
  };

  /// GET_ROUTEINFO_BY_TOPIC; the reply is null for TOPIC_NOT_EXIST.
  /// `rng`: the calling thread's latency stream (the route poll's own; see MQClientInstance).
  Call<std::shared_ptr<const TopicRouteData>> getTopicRouteInfoFromNameServer(NameServer& ns, const std::string& topic,
                                                                             Random& rng);
  /// GET_CONSUMER_LIST_BY_GROUP (null when the broker does not know the group); `rng`: the
  /// rebalance thread's latency stream.
  Call<std::shared_ptr<const std::vector<std::string>>> getConsumerIdListByGroup(Broker& b, const std::string& group,
                                                                                 Random& rng);
  /// QUERY_ASSIGNMENT (5.x): the broker's assignment for this client, null for "skip the update";
  /// `rng`: the rebalance thread's latency stream.
  Call<std::shared_ptr<const std::vector<QueueIndex>>> queryAssignment(Broker& b, const std::string& topic, Random& rng);
  /// LOCK_BATCH_MQ: the queues the broker locked for this client.
  Call<std::vector<QueueIndex>> lockBatchMQ(Broker& b, std::vector<QueueIndex> mqs);
  /// QUERY_CONSUMER_OFFSET: -1 when the broker has no offset for the queue.
  Call<std::int64_t> queryConsumerOffset(Broker& b, QueueIndex mq);
  /// GET_MAX_OFFSET (MQAdminImpl.maxOffset).
  Call<std::int64_t> getMaxOffset(Broker& b, QueueIndex mq);
  /// SEARCH_OFFSET_BY_TIMESTAMP (MQAdminImpl.searchOffset).
  Call<std::int64_t> searchOffset(Broker& b, QueueIndex mq, SimTime timestamp);
  /// HEART_BEAT, synchronous (MQClientAPIImpl.sendHearbeat, mqClientApiTimeout); the periodic
  /// heartbeat sends it to a broker it cannot reach at once, so its scheduler thread waits.
  Call<bool> sendHeartbeat(Broker& b, std::shared_ptr<const ConsumerData> data, Random& rng);
  /// UNLOCK_BATCH_MQ, synchronous (RebalanceImpl.unlockAll(false): timeout 1000 ms).
  Call<bool> unlockBatchMQ(Broker& b, std::vector<QueueIndex> mqs);
  /// UNREGISTER_CLIENT (MQClientAPIImpl.unregisterClient, mqClientApiTimeout).
  Call<bool> unregisterClient(Broker& b, const ConsumerData& data);
  /// Whether a oneway to `target` can be written now: its channel is open, or a connect succeeds
  /// at once (which opens it).
  bool channelReady(NodeId target);
  /// The open channel to `target`: its id there (0: none).
  std::uint64_t channelId(NodeId target) const {
    const auto i = static_cast<std::size_t>(target);
    return i < channelTables_.size() ? channelTables_[i] : 0;
  }
  /// A connection to `target` opened now (`id`: its name there, never 0).
  void channelCreated(NodeId target, std::uint64_t id) {
    const auto i = static_cast<std::size_t>(target);
    if (i >= channelTables_.size()) channelTables_.resize(i + 1, 0);
    channelTables_[i] = id;
  }
  /// Waits out a connect to `target` that channelReady() said cannot succeed now: 4.9's oneway
  /// (createChannel awaits the connect), resuming at connect_timeout, or a round trip if refused.
  Call<bool> awaitConnect(NodeId target);

  /// The process died: replies and timeouts still in flight resume nothing.
  void cancelAll() { pending_.clear(); }

 private:
  template <class T, class F>
  Call<T> makeCall(NodeId target, SimTime timeout, F handler, Random* rng = nullptr, bool steady = false) {
    auto c = std::make_unique<CallOf<T, F>>(std::move(handler));
    c->target = target;
    c->timeout = timeout;
    c->rng = rng;
    c->steady = steady;
    return Call<T>{this, std::move(c), std::nullopt};
  }
  void invokeSync(std::unique_ptr<PendingCall> call);
  Random& streamOf(const PendingCall& call);
  /// The request or the reply was lost: fail a round trip later if the target's host resets the
  /// connection, else at the deadline.
  void lost(std::uint64_t id);
  void failAt(std::uint64_t id, SimTime at);
  void resume(std::uint64_t id, bool replied);
  /// getAndCreateChannel on a reachable target with no channel: connects (instant).
  void connect(NodeId target);

  MQClientInstance& client_;
  std::uint64_t nextId_ = 1;
  using Pending = std::vector<std::pair<std::uint64_t, std::unique_ptr<PendingCall>>>;
  Pending::iterator find(std::uint64_t id);
  /// Calls in flight (a handful per process); messages carry only (this, id), so a call dropped
  /// meanwhile is simply absent.
  Pending pending_;
  /// The channel to `target` closed (its entry removed from channelTables).
  void channelClosed(NodeId target) {
    const auto i = static_cast<std::size_t>(target);
    if (i < channelTables_.size()) channelTables_[i] = 0;
  }
  /// NettyRemotingClient.channelTables: by target node, the id there (0: no channel). Dense: the
  /// targets are the name servers and brokers, the run's first nodes, and every send reads it.
  std::vector<std::uint64_t> channelTables_;
};

}  // namespace rmqsim
