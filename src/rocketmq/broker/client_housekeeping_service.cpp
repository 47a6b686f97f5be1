#include "rocketmq/broker/client_housekeeping_service.h"

namespace rmqsim {

void ClientHousekeepingService::start(SimTime scanInterval, SimTime channelExpiredTimeout) {
  channelExpiredTimeout_ = channelExpiredTimeout;
  timer_.startPeriodic(scanInterval, scanInterval, [this] { scanExceptionChannel(); });
}

void ClientHousekeepingService::scanExceptionChannel() {
  for (const auto& [group, info] : consumerManager_.scanNotActiveChannel(loop_.now(), channelExpiredTimeout_))
    onExpired_(group, info);
}

}  // namespace rmqsim
