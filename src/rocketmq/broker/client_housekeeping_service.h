// twin of broker/src/main/java/org/apache/rocketmq/broker/client/ClientHousekeepingService.java, 4.9.x and 5.x;
// differences: only the consumer scan (producers are not modelled).
#pragma once

#include <functional>
#include <string>

#include "engine/timer.h"
#include "rocketmq/broker/consumer_manager.h"

namespace rmqsim {

class ClientHousekeepingService {
 public:
  /// onExpired is told of each channel the scan removed (for traces and logs; no notification).
  using ExpiredHandler = std::function<void(const std::string& group, const ClientChannelInfo& info)>;

  ClientHousekeepingService(EventLoop& loop, ConsumerManager& consumerManager, ExpiredHandler onExpired)
      : loop_(loop), timer_(loop), consumerManager_(consumerManager), onExpired_(std::move(onExpired)) {}

  /// Scans every `scanInterval` (first after one interval) for channels silent > `channelExpiredTimeout`.
  void start(SimTime scanInterval, SimTime channelExpiredTimeout);
  void shutdown() { timer_.cancel(); }
  /// One scan (scanExceptionChannel).
  void scanExceptionChannel();

 private:
  EventLoop& loop_;
  Timer timer_;
  ConsumerManager& consumerManager_;
  ExpiredHandler onExpired_;
  SimTime channelExpiredTimeout_ = 120 * kSecond;
};

}  // namespace rmqsim
