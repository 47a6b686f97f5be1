// twin of broker/src/main/java/org/apache/rocketmq/broker/processor/PopMessageProcessor.java with
// AckMessageProcessor.java and PopReviveService.java (5.x), as the proxy serves gRPC push
// consumers (rebalance: pop); differences: the fluid message model, stepped once a second: each
// running client pops, from every broker it reaches, its consume rate's worth of the messages
// not yet popped (revived ones first), spread evenly over the topic's queues (queue id -1: no
// queue is anyone's); it consumes and acks them at the next step (one step of messages is in
// flight per client). A batch not acked by its invisible deadline (pop_invisible_time) is
// revived at the first step pop_revive_interval past it and popped again. One processor for
// the cluster, keeping each broker's state apart; the proxy's auto-renew and its
// clear-on-disconnect are not modelled (a dead client's messages wait for the deadline), nor is
// the pop offset commit (the pop offset is the broker's memory and survives nothing).
// Two more kinds of group step here: FIFO (orderly + rebalance: pop; the proxy lists every
// queue to every client and pops with order=true): ConsumerOrderInfoManager lets one batch per
// queue per group be in flight, so the queue waits for its ack or for popTime + invisible time
// (no revive: the next pop re-reads from the unacked offset); and server-assigned POP
// (rebalance: server + message_request_mode: pop): each client pops only the queues of its
// popProcessQueueTable (allocate4Pop), each queue's messages shared among its holders.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/timer.h"
#include "rocketmq/client/model_context.h"

namespace rmqsim {

class PopMessageProcessor {
 public:
  /// queuesOf(topic): the topic's readable queues on live brokers now (sorted).
  using QueuesOf = std::function<const std::vector<QueueIndex>&(const std::string&)>;
  PopMessageProcessor(ModelContext& ctx, QueuesOf queuesOf);

  /// Starts the once-a-second step (only runs with a pop group call it: others have no events).
  void start();
  void stop() { timer_.cancel(); }
  /// The group's pop offset of the queue (what it has handed out), for the lag samples.
  std::int64_t popOffset(GroupIndex g, QueueIndex q) const;

 private:
  /// Messages popped by one client from one broker in one step, not acked yet.
  struct Batch {
    ClientIndex client = 0;
    std::string broker;
    std::int64_t messages = 0;
    SimTime deadline = 0;   ///< popTime + invisible time
    QueueIndex queue = -1;  ///< FIFO: the one queue it blocks (-1: messages of any queue)
    SimTime poppedAt = 0;
    bool consumed = false;  ///< the client's listener had them (partitioned: the ack is lost)
    bool revived = false;   ///< made visible again and put back for redelivery
  };
  void step();
  void ackOrConsume(SimTime now);
  void revive(SimTime now);
  /// (client, messages it may pop from one broker this step), per broker name.
  using Poppers = std::map<std::string, std::vector<std::pair<MQClientInstance*, std::int64_t>>>;
  Poppers poppers(const std::vector<MQClientInstance*>& running) const;
  void pop(SimTime now, GroupIndex g, const std::vector<MQClientInstance*>& running);
  void popFifo(SimTime now, GroupIndex g, const std::vector<MQClientInstance*>& running);
  void popAssigned(SimTime now, GroupIndex g, const std::vector<MQClientInstance*>& running);
  /// A FIFO batch's queue stood blocked past the next step's ack: emit the excess.
  void released(const Batch& b, SimTime now);
  /// Takes up to `want` messages of group g from broker b: revived ones first, then the queues.
  std::int64_t take(GroupIndex g, const std::string& broker, std::int64_t want, SimTime now);
  std::int64_t available(GroupIndex g, const std::string& broker, SimTime now);
  std::vector<QueueIndex> queuesOn(GroupIndex g, const std::string& broker) const;
  bool reaches(const MQClientInstance& c, const std::string& broker) const;

  ModelContext& ctx_;
  QueuesOf queuesOf_;
  Timer timer_;
  std::vector<Batch> inFlight_;  ///< in pop order: deterministic
  std::map<std::pair<GroupIndex, QueueIndex>, std::int64_t> popOffset_;
  std::map<std::pair<GroupIndex, std::string>, std::int64_t> revived_;  ///< back for redelivery
  std::map<GroupIndex, std::vector<std::string>> topics_;               ///< from the clients' setup
  std::map<std::pair<GroupIndex, std::string>, std::size_t> fifoCursor_;  ///< FIFO: next client to hand a queue
};

}  // namespace rmqsim
