#include "rocketmq/namesrv/name_server.h"

namespace rmqsim {

NameServer::NameServer(ModelContext& ctx, std::string name)
    : ctx_(ctx), name_(std::move(name)), node_(ctx.net.addNode(name_)), scanTimer_(ctx.loop) {
  ctx_.net.setUp(node_, false);
}

void NameServer::start() {
  routeInfoManager_.clear();
  up_ = true;
  ctx_.net.setUp(node_, true);
  const ModelTiming& t = ctx_.timing();
  scanTimer_.startPeriodic(t.namesrv_scan_initial_delay, t.namesrv_scan_interval, [this] {
    for (const auto& b : routeInfoManager_.scanNotActiveBroker(ctx_.now(), ctx_.timing().broker_expired_timeout))
      if (ctx_.log.enabled())
        ctx_.log.warn(ctx_.now(), "RouteInfoManager", "The broker channel expired, " + b + " " +
                                                          std::to_string(ctx_.timing().broker_expired_timeout) + "ms");
  });
}

void NameServer::shutdown() {
  up_ = false;
  scanTimer_.cancel();
  routeInfoManager_.clear();
  ctx_.net.setUp(node_, false);
}

}  // namespace rmqsim
