// twin of broker/src/main/java/org/apache/rocketmq/broker/client/rebalance/RebalanceLockManager.java,
// 4.9.x and 5.x; differences: keyed by (group index, queue index) instead of names.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/sim_time.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class RebalanceLockManager {
 public:
  explicit RebalanceLockManager(SimTime lockMaxLiveTime) : lockMaxLiveTime_(lockMaxLiveTime) {}

  /// LOCK_BATCH_MQ: the queues now locked by clientId (free, already its own, or expired).
  std::vector<QueueIndex> tryLockBatch(GroupIndex group, const std::vector<QueueIndex>& mqs, const std::string& clientId,
                                       SimTime now);
  /// UNLOCK_BATCH_MQ: releases the queues held by clientId.
  void unlockBatch(GroupIndex group, const std::vector<QueueIndex>& mqs, const std::string& clientId);
  /// The holder's client id if the lock is live at `now`, else "".
  std::string lockedBy(GroupIndex group, QueueIndex mq, SimTime now) const;
  void clear() { mqLockTable_.clear(); }

 private:
  struct LockEntry {
    std::string clientId;
    SimTime lastUpdateTimestamp = 0;
  };
  static std::uint64_t key(GroupIndex g, QueueIndex q) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(g)) << 32) | static_cast<std::uint32_t>(q);
  }
  bool isExpired(const LockEntry& e, SimTime now) const { return now - e.lastUpdateTimestamp > lockMaxLiveTime_; }

  SimTime lockMaxLiveTime_;
  std::map<std::uint64_t, LockEntry> mqLockTable_;
};

}  // namespace rmqsim
