// twin of namesrv/src/main/java/org/apache/rocketmq/namesrv/NamesrvController.java, 4.9.x and 5.x;
// differences: one simulated node owning its RouteInfoManager and the expiry scan; its state is
// in memory, so it starts empty after nameserver_up.
#pragma once

#include <string>

#include "engine/timer.h"
#include "rocketmq/client/model_context.h"
#include "rocketmq/namesrv/route_info_manager.h"

namespace rmqsim {

class NameServer {
 public:
  NameServer(ModelContext& ctx, std::string name);
  const std::string& name() const { return name_; }
  NodeId node() const { return node_; }
  bool isUp() const { return up_; }
  /// Starts (or restarts, empty) the server and its scanNotActiveBroker timer.
  void start();
  /// The host goes down: all routes are forgotten.
  void shutdown();
  RouteInfoManager& routeInfoManager() { return routeInfoManager_; }
  const RouteInfoManager& routeInfoManager() const { return routeInfoManager_; }

 private:
  ModelContext& ctx_;
  std::string name_;
  NodeId node_;
  bool up_ = false;
  Timer scanTimer_;
  RouteInfoManager routeInfoManager_;
};

}  // namespace rmqsim
