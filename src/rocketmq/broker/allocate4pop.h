// twin of QueryAssignmentProcessor.allocate4Pop and its private allocate (broker, 5.x): the
// queues a client may pop when the group's request mode is POP.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rocketmq/common/sim_event.h"

namespace rmqsim {

/// One client's share under the group's strategy; nullopt when the strategy threw.
using ShareOf = std::function<std::optional<std::vector<QueueIndex>>(const std::string& cid)>;

/// The queues `clientId` pops (sorted, distinct), nullopt when a share threw. mqAll and cidAll
/// sorted as Java sorts them. popShareQueueNum <= 0 or >= cidAll.size() - 1: every queue (Java:
/// queue id -1 on each broker); else, with no more clients than queues, the client's own share
/// plus those of the popShareQueueNum clients after it in cidAll (wrapping); else (more clients
/// than queues) one queue each, mqAll[index % mqAll.size()], so that every client pops one.
std::optional<std::vector<QueueIndex>> allocate4Pop(const std::vector<QueueIndex>& mqAll,
                                                    const std::vector<std::string>& cidAll, const std::string& clientId,
                                                    int popShareQueueNum, const ShareOf& shareOf);

}  // namespace rmqsim
