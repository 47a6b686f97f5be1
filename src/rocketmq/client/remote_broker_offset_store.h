// twin of client/src/main/java/org/apache/rocketmq/client/consumer/store/RemoteBrokerOffsetStore.java
// (and LocalFileOffsetStore for broadcasting), 4.9.x and 5.x; differences: a broadcasting
// client's local offsets live as long as the process (no file survives a restart).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "engine/task.h"
#include "rocketmq/client/mq_client_api_impl.h"
#include "rocketmq/common/sim_event.h"
#include "util/flat_map.h"

namespace rmqsim {

class MQClientInstance;
class Broker;

class RemoteBrokerOffsetStore {
 public:
  RemoteBrokerOffsetStore(MQClientInstance& client, GroupIndex group, bool local)
      : client_(client), group_(group), local_(local) {}

  /// Records the consumed offset in memory (updateOffset, increaseOnly=false).
  void updateOffset(QueueIndex mq, std::int64_t offset) { offsetTable_[mq] = offset; }
  /// What readOffsetFromStore answers, awaited: at once (the local store, no broker) or the
  /// QUERY_CONSUMER_OFFSET call's reply. An awaitable, not a coroutine: no frame per added queue.
  struct OffsetRead {
    std::optional<MQClientAPIImpl::Call<std::int64_t>> call;  ///< absent: answered at once
    std::int64_t answer = -1;
    bool await_ready() const noexcept { return !call; }
    void await_suspend(std::coroutine_handle<> h) { call->await_suspend(h); }
    std::int64_t await_resume() {
      if (!call) return answer;
      const auto reply = call->await_resume();
      return reply ? *reply : -2;  // a timeout: readOffset's "other exception"
    }
  };
  /// READ_FROM_STORE: the broker's committed offset; -1 none; -2 the request failed. Await it
  /// where it is made: the request leaves when awaited.
  OffsetRead readOffsetFromStore(QueueIndex mq);
  /// Sends one queue's offset to its broker (oneway UPDATE_CONSUMER_OFFSET).
  void persist(QueueIndex mq);
  /// persist() with the queue's broker already resolved (the persist tick's hot path).
  void persist(QueueIndex mq, Broker* broker);
  /// persist(mq, broker) as sent at `sentAt` (now, or a steady tick the fast-forward accounts for).
  void persist(QueueIndex mq, Broker* broker, SimTime sentAt);
  /// persistAll over the given queues (the process-queue table).
  void persistAll(const std::vector<QueueIndex>& mqs);
  void removeOffset(QueueIndex mq) { offsetTable_.erase(mq); }
  bool hasOffset(QueueIndex mq) const { return offsetTable_.count(mq) > 0; }
  const FlatMap<QueueIndex, std::int64_t>& offsetTable() const { return offsetTable_; }

 private:
  /// The oneway UPDATE_CONSUMER_OFFSET of `offset`, if `broker` is reached now.
  void send(QueueIndex mq, std::int64_t offset, Broker* broker, SimTime sentAt);
  MQClientInstance& client_;
  GroupIndex group_;
  bool local_;
  FlatMap<QueueIndex, std::int64_t> offsetTable_;  ///< updated on every consume step: contiguous
  std::map<QueueIndex, std::int64_t> localStore_;  ///< LocalFileOffsetStore's "file"
};

}  // namespace rmqsim
