// Where a group's queues are assigned (issue 17): on the client (RebalanceImpl.rebalanceByTopic,
// every RocketMQ release), by the broker on request (5.x QUERY_ASSIGNMENT, clientRebalance=false),
// by a broker-side what-if assignor no RocketMQ release ships (sticky, uniform), or not at all:
// 5.x POP consumption through the proxy (pop), where the broker hands out messages, not queues.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rmqsim {

enum class RebalanceMode { CLIENT, SERVER, STICKY, UNIFORM, POP };

/// The scenario names, in the order `client, server, sticky, uniform, pop`.
const std::vector<std::string>& rebalanceModeNames();
const std::string& rebalanceModeName(RebalanceMode m);
std::optional<RebalanceMode> parseRebalanceMode(std::string_view name);
/// The broker computes the assignment (QUERY_ASSIGNMENT): every mode but CLIENT and POP.
inline bool brokerAssigns(RebalanceMode m) { return m != RebalanceMode::CLIENT && m != RebalanceMode::POP; }
/// The strategies a 5.x broker's QueryAssignmentProcessor registers (name2LoadStrategy).
const std::vector<std::string>& queryAssignmentStrategyNames();
/// `rebalance: server` on a group whose strategy the broker does not register: Java answers
/// null, so the group never gets a queue (orderly and broadcasting groups stay on the client).
bool serverRefusesStrategy(RebalanceMode m, bool orderly, bool broadcasting, std::string_view strategy);

}  // namespace rmqsim
