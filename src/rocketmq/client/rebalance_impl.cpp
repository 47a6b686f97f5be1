#include "rocketmq/client/rebalance_impl.h"

#include <algorithm>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/default_mq_push_consumer_impl.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/common/mix_all.h"

namespace rmqsim {

RebalanceImpl::RebalanceImpl(MQClientInstance& client)
    : client_(client), clientIdHash_(CidView::idHash(client.setup().clientId)) {}

void RebalanceImpl::subscribe(const std::string& topic) {
  if (!subscriptionInner_.insert(topic).second) return;
  subscribed_.clear();
  for (const std::string& t : subscriptionInner_) subscribed_.push_back(Subscribed{t, client_.ctx().trace.internTopic(t)});
}

bool RebalanceImpl::ofTopic(QueueIndex mq, TopicIndex topic) const { return client_.ctx().trace.topicOf(mq) == topic; }

Task<bool> RebalanceImpl::doRebalance(bool isOrder) {
  bool balanced = true;
  // rebalance: pop (5.x gRPC push consumers via the proxy): no queue is ever assigned, the
  // broker shares every queue's messages (PopMessageProcessor), so there is no round to run.
  if (client_.setup().rebalanceMode == RebalanceMode::POP) co_return true;
  for (const Subscribed& sub : subscribed_) {  // fixed once started: safe across waits
    const TopicIndex topic = sub.index;
    const bool topicBalanced =
        clientRebalance(topic) ? co_await rebalanceByTopic(topic, isOrder) : co_await getRebalanceResultFromBroker(topic, isOrder);
    if (!topicBalanced) balanced = false;
  }
  co_return balanced;
}

Task<bool> RebalanceImpl::rebalanceByTopic(TopicIndex topicIndex, bool isOrder) {
  ModelContext& ctx = client_.ctx();
  const ConsumerSetup& s = client_.setup();
  const std::string& topic = ctx.trace.topicName(topicIndex);
  bool balanced = true, changed = false, ok = true;
  auto mqIt = topicSubscribeInfoTable_.find(topicIndex);
  std::shared_ptr<const MqView> mqSet = mqIt == topicSubscribeInfoTable_.end() ? nullptr : mqIt->second;
  if (s.broadcasting) {
    if (mqSet) {
      changed = co_await updateProcessQueueTableInRebalance(topicIndex, mqSet->queues, false);
      if (changed) co_await messageQueueChanged(topic);
      balanced = mqSet->queues == getWorkingMessageQueue(topicIndex);
    } else {
      ok = false;
    }
  } else {
    auto cidRaw = co_await client_.findConsumerIdList(topic, s.groupName);
    if (!mqSet && ctx.log.enabled() && !isRetryTopic(topic))
      ctx.log.warn(ctx.now(), "RebalanceImpl", "doRebalance, " + s.groupName + ", but the topic[" + topic + "] not exist.");
    if (!cidRaw && ctx.log.enabled())
      ctx.log.warn(ctx.now(), "RebalanceImpl", "doRebalance, " + s.groupName + " " + topic + ", get consumer id list failed");
    if (mqSet && cidRaw) {
      auto cidAll = ctx.alloc.cidView(cidRaw);
      auto m = memo_.find(topicIndex);
      const bool tableAsRemembered = m != memo_.end() && m->second.mqs == mqSet &&
                                     m->second.tableVersion == tableVersion_ && ctx.now() < m->second.validUntil;
      if (tableAsRemembered && m->second.cids == cidAll) {
        ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, false, true, true});
        co_return true;
      }
      AllocationOutcome out = ctx.alloc.allocate(s.group, s.groupName, *s.strategy, s.clientId, clientIdHash_, mqSet, cidAll);
      if (tableAsRemembered && !out.error && out.queues == m->second.queues) {
        // A new consumer list, the same answer (most rounds of a churn: AVG moves only the
        // clients whose blocks shift). The table holds exactly these queues, none dropped or
        // pull-expired, so updateProcessQueueTableInRebalance would drop and add nothing:
        // unchanged and balanced, as below, without the table scans.
        rememberRound(topicIndex, mqSet, cidAll, out.queues);
        ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, false, true, true});
        co_return true;
      }
      if (m != memo_.end()) {  // forgotten: no views match it; its list stays for rememberRound to overwrite
        m->second.mqs.reset();
        m->second.cids.reset();
      }
      if (out.error) {
        if (ctx.log.enabled())
          ctx.log.warn(ctx.now(), "RebalanceImpl", "allocate message queue exception. strategy name: " +
                                                       s.strategy->getName() + ", ex: " + *out.error);
        ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, false, false, false});
        co_return false;
      }
      changed = co_await updateProcessQueueTableInRebalance(topicIndex, out.queues, isOrder);
      if (changed) {
        if (ctx.log.enabled())
          ctx.log.info(ctx.now(), "RebalanceImpl",
                       "client rebalanced result changed. allocateMessageQueueStrategyName=" + s.strategy->getName() +
                           ", group=" + s.groupName + ", topic=" + topic + ", clientId=" + s.clientId +
                           ", mqAllSize=" + std::to_string(mqSet->queues.size()) +
                           ", cidAllSize=" + std::to_string(cidAll->cidAll.size()) +
                           ", rebalanceResultSize=" + std::to_string(out.queues.size()));
        co_await messageQueueChanged(topic);
      }
      balanced = out.queues == getWorkingMessageQueue(topicIndex);
      if (balanced) rememberRound(topicIndex, mqSet, cidAll, out.queues);
    } else {
      ok = false;  // Java skips the topic and leaves `balanced` true
    }
  }
  ctx.trace.emit(EvRebalance{ctx.now(), s.index, topic, changed, balanced, ok});
  co_return balanced;
}

void RebalanceImpl::rememberRound(TopicIndex topic, const std::shared_ptr<const MqView>& mqs,
                                  const std::shared_ptr<const CidView>& cids, const std::vector<QueueIndex>& queues) {
  SimTime validUntil = kNever;
  for (const auto& [mq, pq] : processQueueTable_) {
    if (pq.topic != topic) continue;
    if (pq.dropped) return;  // a removal still to retry (orderly): the next round has work
    validUntil = std::min(validUntil, pq.lastPullTimestamp + client_.ctx().timing().pull_max_idle_time);
  }
  // Field by field: a remembered allocation's list is overwritten in place (no allocation).
  RoundMemo& memo = memo_[topic];
  memo.mqs = mqs;
  memo.cids = cids;
  memo.tableVersion = tableVersion_;
  memo.validUntil = validUntil;
  memo.queues = queues;
}

bool RebalanceImpl::remembers(TopicIndex topic, const std::shared_ptr<const CidView>& cids) const {
  auto m = memo_.find(topic);
  auto v = topicSubscribeInfoTable_.find(topic);
  return cids && m != memo_.end() && v != topicSubscribeInfoTable_.end() && m->second.mqs == v->second &&
         m->second.cids == cids && m->second.tableVersion == tableVersion_;
}

bool RebalanceImpl::holdsWholeView(TopicIndex topic) const {
  auto v = topicSubscribeInfoTable_.find(topic);
  if (v == topicSubscribeInfoTable_.end() || !v->second) return false;
  for (const auto& [mq, pq] : processQueueTable_)
    if (pq.dropped) return false;
  return v->second->queues == getWorkingMessageQueue(topic);
}

std::vector<QueueIndex> RebalanceImpl::getWorkingMessageQueue(TopicIndex topic) const {
  std::vector<QueueIndex> out;
  out.reserve(processQueueTable_.size() + popProcessQueueTable_.size());  // one allocation at most
  for (const auto& [mq, pq] : processQueueTable_)
    if (!pq.dropped && pq.topic == topic) out.push_back(mq);
  if (popProcessQueueTable_.empty()) return out;  // sorted: the table is ordered by index
  for (QueueIndex mq : popProcessQueueTable_)
    if (ofTopic(mq, topic)) out.push_back(mq);
  std::sort(out.begin(), out.end());
  return out;
}

void RebalanceImpl::setDropped(ProcessQueue& pq) {
  if (pq.dropped) return;
  ModelContext& ctx = client_.ctx();
  client_.consumer().onDropping(pq);
  pq.dropped = true;
  ++tableVersion_;
  if (pq.locked && client_.setup().orderly) setLocked(pq, false);
  ctx.trace.emit(EvQueueRemoved{ctx.now(), client_.index(), pq.mq});
}

void RebalanceImpl::renewLock(ProcessQueue& pq) {
  if (pq.lockExpiryReported) {
    // The expired lock was reported as lost (it gated consumption): report it back.
    pq.lockExpiryReported = false;
    if (pq.locked) client_.ctx().trace.emit(EvQueueLocked{client_.ctx().now(), client_.index(), pq.mq, true});
  }
  setLocked(pq, true);
  pq.lastLockTimestamp = client_.ctx().now();
}

void RebalanceImpl::reportLockExpired(ProcessQueue& pq) {
  if (pq.lockExpiryReported || !pq.locked) return;
  pq.lockExpiryReported = true;
  client_.ctx().trace.emit(EvQueueLocked{client_.ctx().now(), client_.index(), pq.mq, false});
}

void RebalanceImpl::setLocked(ProcessQueue& pq, bool locked) {
  if (pq.locked == locked) return;
  pq.locked = locked;
  if (!locked && pq.lockExpiryReported) {
    pq.lockExpiryReported = false;  // already reported as not locked
    return;
  }
  if (client_.setup().orderly && !client_.setup().broadcasting)
    client_.ctx().trace.emit(EvQueueLocked{client_.ctx().now(), client_.index(), pq.mq, locked});
}

Task<bool> RebalanceImpl::updateProcessQueueTableInRebalance(TopicIndex topic, std::vector<QueueIndex> mqSet,
                                                             bool isOrder) {
  ModelContext& ctx = client_.ctx();
  bool changed = false;
  // Drop process queues no longer ours, or whose pulling stalled.
  std::vector<QueueIndex> removeQueues;
  for (auto& [mq, pq] : processQueueTable_) {
    if (pq.topic != topic) continue;
    const bool allocated = std::binary_search(mqSet.begin(), mqSet.end(), mq);
    if (!allocated || pq.isPullExpired(ctx.now(), ctx.timing().pull_max_idle_time)) {
      setDropped(pq);
      if (removeQueues.empty()) removeQueues.reserve(processQueueTable_.size());  // one allocation, not log2(n)
      removeQueues.push_back(mq);
    }
  }
  // Java erases each queue as removeUnnecessaryMessageQueue agrees. Nothing reads the table in
  // between (the offset commits and unlocks only send), so the agreed ones go afterwards, in one
  // pass: removeQueues is in table order, and keeps the agreed ones.
  std::size_t agreed = 0;
  auto next = removeQueues.begin();
  for (auto& [mq, pq] : processQueueTable_) {
    if (next == removeQueues.end()) break;
    if (mq != *next) continue;
    ++next;
    if (removeUnnecessaryMessageQueue(mq, pq)) removeQueues[agreed++] = mq;
  }
  if (agreed > 0) {
    next = removeQueues.begin();
    const auto agreedEnd = removeQueues.begin() + static_cast<std::ptrdiff_t>(agreed);
    processQueueTable_.eraseIf([&](const auto& e) { return next != agreedEnd && *next == e.first && (++next, true); });
    tableVersion_ += agreed;  // one bump per removal, as before
    changed = true;
  }
  // Add the new ones: orderly locks first; start offset from the broker or consume_from. Each
  // of those is a synchronous call: the round waits for it.
  bool allMQLocked = true;
  std::vector<QueueIndex> added;
  for (QueueIndex mq : mqSet) {
    if (processQueueTable_.count(mq)) continue;
    if (isOrder) {
      const bool locked = co_await lock(mq);
      if (!locked) {
        ctx.trace.emit(EvLockFailed{ctx.now(), client_.index(), mq});
        if (ctx.log.enabled())
          ctx.log.warn(ctx.now(), "RebalanceImpl", "doRebalance, " + client_.setup().groupName +
                                                       ", add a new mq failed, " + ctx.trace.queue(mq).toString() +
                                                       ", because lock failed");
        allMQLocked = false;
        continue;
      }
    }
    removeDirtyOffset(mq);
    std::int64_t nextOffset = co_await readOffset(mq);  // computePullFromWhere's READ_FROM_STORE
    if (nextOffset < 0) nextOffset = co_await computePullFromWhere(mq, nextOffset);
    if (nextOffset < 0) continue;  // "add new mq failed": retried next round
    const SimTime now = ctx.now();
    ProcessQueue& pq = processQueueTable_.emplace(mq, ProcessQueue(mq, ctx.trace.topicOf(mq), now)).first->second;
    ++tableVersion_;
    pq.consumed = static_cast<double>(nextOffset);
    pq.deliveredFrom = nextOffset;
    pq.pulledTo = pq.consumed;
    pq.lastAdvance = now;
    pq.broker = ctx.brokerOf(mq);
    ctx.trace.emit(EvQueueAdded{now, client_.index(), mq});
    if (isOrder) {
      pq.locked = false;
      setLocked(pq, true);  // Java: pq.setLocked(true) after the successful lock
    } else {
      pq.locked = true;
    }
    if (added.empty()) added.reserve(mqSet.size());  // one allocation, not log2(n)
    added.push_back(mq);
    changed = true;
  }
  if (!allMQLocked && ctx.behaviour().lock_failure_rebalance_later) client_.rebalanceLater(ctx.timing().lock_retry_delay);
  // Nothing added or removed: the pull loop's shares are unchanged (Java dispatches an empty list).
  if (changed) dispatchPullRequest(added, ctx.timing().pull_dispatch_delay);
  co_return changed;
}

Task<bool> RebalanceImpl::lock(QueueIndex mq) {
  Broker* broker = client_.brokerForCall(mq);
  if (!broker) co_return false;
  auto call = client_.api().lockBatchMQ(*broker, std::vector<QueueIndex>{mq});
  const auto locked = co_await call;
  const bool ok = locked && std::find(locked->begin(), locked->end(), mq) != locked->end();
  auto it = processQueueTable_.find(mq);
  if (ok && it != processQueueTable_.end()) renewLock(it->second);
  co_return ok;
}

Task<void> RebalanceImpl::lockAll() {
  std::map<std::string, std::vector<QueueIndex>> byBroker;
  for (const auto& [mq, pq] : processQueueTable_)
    if (!pq.dropped) byBroker[client_.ctx().trace.queue(mq).brokerName].push_back(mq);
  for (const auto& [brokerName, mqs] : byBroker) {
    Broker* broker = client_.brokerForCall(brokerName);
    if (!broker) continue;
    auto call = client_.api().lockBatchMQ(*broker, mqs);
    auto reply = co_await call;
    if (!reply) continue;  // request failed: locks keep their state (and age)
    std::vector<QueueIndex>& locked = *reply;
    std::sort(locked.begin(), locked.end());
    for (QueueIndex mq : mqs) {
      auto it = processQueueTable_.find(mq);  // the round may have removed it meanwhile
      if (it == processQueueTable_.end()) continue;
      if (std::binary_search(locked.begin(), locked.end(), mq)) {
        renewLock(it->second);
      } else {
        setLocked(it->second, false);
      }
    }
  }
}

void RebalanceImpl::unlock(QueueIndex mq) {
  const MessageQueue& q = client_.ctx().trace.queue(mq);
  client_.sendToBroker(q.brokerName, [g = client_.setup().group, mq, id = client_.getClientId()](Broker& b) {
    b.unlockBatchMQ(g, {mq}, id);
  });
}

Task<void> RebalanceImpl::unlockAll() {
  std::map<std::string, std::vector<QueueIndex>> byBroker;
  for (const auto& [mq, pq] : processQueueTable_) byBroker[client_.ctx().trace.queue(mq).brokerName].push_back(mq);
  for (const auto& [brokerName, mqs] : byBroker) {
    Broker* b = client_.ctx().findBroker(brokerName);
    if (!b) continue;
    if (!client_.ctx().net.roundTrip(client_.node(), b->node())) {
      // J4 RebalanceImpl.java:85-116, J5 :93-126: a failed call is logged and the queues keep
      // their lock flag; the broker lock then expires by itself.
      client_.shutdownBlocks();
      auto call = client_.api().unlockBatchMQ(*b, mqs);
      if (!(co_await call)) continue;
    } else {
      client_.sendToBroker(*b, [g = client_.setup().group, queues = mqs, id = client_.getClientId()](Broker& broker) {
        broker.unlockBatchMQ(g, queues, id);
      });
    }
    for (QueueIndex mq : mqs) setLocked(processQueueTable_.at(mq), false);
  }
}

void RebalanceImpl::destroy() {
  for (auto& [mq, pq] : processQueueTable_) setDropped(pq);
  processQueueTable_.clear();
  popProcessQueueTable_.clear();
  ++tableVersion_;
  // The bumped version voids the memo anyway; cleared, a dead process no longer keeps its last
  // consumer-id view alive (a rolling restart's thousands of them grew memory, issue 16).
  memo_.clear();
}

}  // namespace rmqsim
