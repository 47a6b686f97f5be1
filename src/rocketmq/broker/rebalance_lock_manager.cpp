#include "rocketmq/broker/rebalance_lock_manager.h"

namespace rmqsim {

std::vector<QueueIndex> RebalanceLockManager::tryLockBatch(GroupIndex group, const std::vector<QueueIndex>& mqs,
                                                           const std::string& clientId, SimTime now) {
  std::vector<QueueIndex> locked;
  for (QueueIndex mq : mqs) {
    auto [it, created] = mqLockTable_.try_emplace(key(group, mq), LockEntry{clientId, now});
    LockEntry& e = it->second;
    if (created || (e.clientId == clientId && !isExpired(e, now)) || isExpired(e, now)) {
      // Free, already ours (renewal), or expired: take or refresh it.
      e.clientId = clientId;
      e.lastUpdateTimestamp = now;
      locked.push_back(mq);
    }
  }
  return locked;
}

void RebalanceLockManager::unlockBatch(GroupIndex group, const std::vector<QueueIndex>& mqs,
                                       const std::string& clientId) {
  for (QueueIndex mq : mqs) {
    auto it = mqLockTable_.find(key(group, mq));
    if (it != mqLockTable_.end() && it->second.clientId == clientId) mqLockTable_.erase(it);
  }
}

std::string RebalanceLockManager::lockedBy(GroupIndex group, QueueIndex mq, SimTime now) const {
  auto it = mqLockTable_.find(key(group, mq));
  if (it == mqLockTable_.end() || isExpired(it->second, now)) return "";
  return it->second.clientId;
}

}  // namespace rmqsim
