// Typed records of what the simulated cluster did: the one stream that metrics, reports and
// the Perfetto trace consume (separate from human logs). Entities are compact indices into
// the RunCatalog so the hot path never copies strings.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/sim_time.h"
#include "rocketmq/common/message_queue.h"

namespace rmqsim {

using ClientIndex = std::int32_t;  ///< index into RunCatalog::clients, in creation order
using QueueIndex = std::int32_t;   ///< index into RunCatalog::queues (interned MessageQueue)
using GroupIndex = std::int32_t;   ///< index into Scenario::groups
using TopicIndex = std::int32_t;   ///< an interned topic name (TraceBus::internTopic)

/// One simulated consumer process (a restart with a new id is a new client).
struct ClientInfo {
  std::string name;      ///< "GROUP-N"
  std::string clientId;  ///< RocketMQ id, e.g. "10.0.0.3@4711#123456789"
  GroupIndex group = 0;
};

/// Names behind the indices; grows during the run (new clients, new queues).
struct RunCatalog {
  std::vector<ClientInfo> clients;
  std::vector<MessageQueue> queues;
};

enum class ClientLifecycle { STARTED, STOPPED, KILLED, CRASHED, PAUSED, RESUMED };

struct EvClientLifecycle { SimTime at; ClientIndex client; ClientLifecycle what; };
/// A client created a non-dropped ProcessQueue (it now owns and will pull the queue).
struct EvQueueAdded { SimTime at; ClientIndex client; QueueIndex queue; };
/// A client dropped and removed a ProcessQueue.
struct EvQueueRemoved { SimTime at; ClientIndex client; QueueIndex queue; };
/// Orderly mode: the client's broker lock on the queue became valid / stopped being valid.
struct EvQueueLocked { SimTime at; ClientIndex client; QueueIndex queue; bool locked; };
/// One rebalanceByTopic run on a client; changed = process-queue table changed.
struct EvRebalance { SimTime at; ClientIndex client; std::string topic; bool changed; bool balanced; bool ok; };
/// Fast-forward: `count` rebalanceByTopic runs of the client's steady rounds, each unchanged,
/// balanced and ok, accounted for at once (they all end before the next change can happen).
struct EvSteadyRebalances { SimTime at; ClientIndex client; std::int64_t count; };
/// A broker told the client NOTIFY_CONSUMER_IDS_CHANGED.
struct EvNotify { SimTime at; ClientIndex client; std::string broker; };
/// A broker's housekeeping scan expired the client's channel.
struct EvChannelExpired { SimTime at; ClientIndex client; std::string broker; bool idle; };  ///< idle: closed by the idle handler (CHANGE), not the scan
/// An orderly lock request was refused by the broker.
struct EvLockFailed { SimTime at; ClientIndex client; QueueIndex queue; };
/// Messages [from, to) of the queue were handed to the client's listener.
struct EvDelivered { SimTime at; ClientIndex client; QueueIndex queue; std::int64_t from; std::int64_t to; };
/// Periodic sample of a queue for a group: produced (max) offset and committed offset at the broker.
struct EvQueueSample { SimTime at; GroupIndex group; QueueIndex queue; std::int64_t maxOffset; std::int64_t committedOffset; };
/// Ground truth: the subscribable queues of a topic changed (broker lost/back, set_queues).
struct EvQueueSetChanged { SimTime at; std::string topic; std::vector<QueueIndex> queues; };
/// A scenario event fired (index into Scenario::events; rolling restarts fire once).
struct EvScenarioEvent { SimTime at; std::int32_t index; std::string action; std::string target; };
/// The end of the run (the last record of every stream).
struct EvRunEnd { SimTime at; bool partial; };
/// rebalance: pop: the client consumed `messages` it had popped; `duplicates` of them had been
/// revived (and handed out again) before it got to them, or had been consumed before.
struct EvPopConsumed { SimTime at; ClientIndex client; std::int64_t messages; std::int64_t duplicates; };
/// rebalance: pop: `messages` popped by the client and never acked were revived (made visible
/// again for redelivery), `overdueMsgMs` after their invisible deadline in total (messages x ms);
/// `duplicates` of them the client had consumed (its ack was lost): the redelivery repeats them.
struct EvPopRevived { SimTime at; ClientIndex client; std::int64_t messages; std::int64_t duplicates; std::int64_t overdueMsgMs; };
/// FIFO pop: the client's batch of `queue` was released (acked or visible again) `blockedMs`
/// after the step its ack was due: the queue's later messages waited that long behind it.
struct EvPopBlocked { SimTime at; ClientIndex client; QueueIndex queue; std::int64_t blockedMs; };

using SimEvent = std::variant<EvClientLifecycle, EvQueueAdded, EvQueueRemoved, EvQueueLocked, EvRebalance,
                              EvSteadyRebalances, EvNotify, EvChannelExpired, EvLockFailed, EvDelivered, EvQueueSample,
                              EvQueueSetChanged, EvScenarioEvent, EvRunEnd, EvPopConsumed, EvPopRevived,
                              EvPopBlocked>;

/// Receives the event stream in order; catalog entries exist before any event names them.
class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void onEvent(const SimEvent& ev, const RunCatalog& catalog) = 0;
};

}  // namespace rmqsim
