// twin of client/src/main/java/org/apache/rocketmq/client/impl/MQClientAPIImpl.java (the synchronous
// calls of the rebalance path) over remoting's NettyRemotingAbstract.invokeSyncImpl, 4.9.x and 5.x;
// differences: a call is a request message and a reply message, each with the network's latency;
// the target answers from its state when the request arrives; when either message is lost the
// awaiting thread resumes empty-handed at the call's timeout (RemotingTimeoutException).
#pragma once

#include <coroutine>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/sim_network.h"
#include "engine/task.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class Broker;
class MQClientInstance;
class NameServer;
struct TopicRouteData;

class MQClientAPIImpl {
 public:
  explicit MQClientAPIImpl(MQClientInstance& client) : client_(client) {}

  /// Awaitable result of one synchronous call: the reply, or nullopt after the timeout.
  template <class T>
  struct Call {
    MQClientAPIImpl* api;
    NodeId target;
    SimTime timeout;
    std::function<T()> handler;  ///< runs at the target when the request arrives
    std::optional<T> reply;

    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) { api->invokeSync(*this, h); }
    std::optional<T> await_resume() { return std::move(reply); }
  };

  /// GET_ROUTEINFO_BY_TOPIC; the reply is null for TOPIC_NOT_EXIST.
  Call<std::shared_ptr<const TopicRouteData>> getTopicRouteInfoFromNameServer(NameServer& ns, std::string topic);
  /// GET_CONSUMER_LIST_BY_GROUP (null when the broker does not know the group).
  Call<std::shared_ptr<const std::vector<std::string>>> getConsumerIdListByGroup(Broker& b, std::string group);
  /// LOCK_BATCH_MQ: the queues the broker locked for this client.
  Call<std::vector<QueueIndex>> lockBatchMQ(Broker& b, std::vector<QueueIndex> mqs);
  /// QUERY_CONSUMER_OFFSET: -1 when the broker has no offset for the queue.
  Call<std::int64_t> queryConsumerOffset(Broker& b, QueueIndex mq);
  /// GET_MAX_OFFSET (MQAdminImpl.maxOffset).
  Call<std::int64_t> getMaxOffset(Broker& b, QueueIndex mq);
  /// SEARCH_OFFSET_BY_TIMESTAMP (MQAdminImpl.searchOffset).
  Call<std::int64_t> searchOffset(Broker& b, QueueIndex mq, SimTime timestamp);

  /// The process died: replies and timeouts still in flight resume nothing.
  void cancelAll() { pending_.clear(); }
  std::size_t inFlight() const { return pending_.size(); }

 private:
  template <class T>
  void invokeSync(Call<T>& call, std::coroutine_handle<> h);
  NodeId self() const;
  Random& rng();
  SimTime now() const;
  void deliver(std::function<void()> fn);  ///< at the client: deferred while paused, dropped once dead
  void scheduleTimeout(std::uint64_t id, SimTime deadline);
  void complete(std::uint64_t id);

  MQClientInstance& client_;
  std::uint64_t nextId_ = 1;
  std::map<std::uint64_t, std::coroutine_handle<>> pending_;  ///< awaiting threads by call id
  SimNetwork& net();
};

template <class T>
void MQClientAPIImpl::invokeSync(Call<T>& call, std::coroutine_handle<> h) {
  const std::uint64_t id = nextId_++;
  pending_.emplace(id, h);
  const SimTime deadline = now() + call.timeout;
  auto onLost = [this, id, deadline] { scheduleTimeout(id, deadline); };
  // The call lives in the suspended frame while `id` is pending, so the reply may write into it.
  std::optional<T>* slot = &call.reply;
  const NodeId target = call.target;
  net().send(self(), target, rng(), [this, id, target, slot, onLost, handler = std::move(call.handler)] {
    net().send(target, self(), rng(), [this, id, slot, value = handler()]() mutable {
      deliver([this, id, slot, v = std::move(value)]() mutable {
        if (!pending_.count(id)) return;  // timed out meanwhile, or the process died
        slot->emplace(std::move(v));
        complete(id);
      });
    }, onLost);
  }, onLost);
}

}  // namespace rmqsim
