// A hand-made RunResult for the JSON and text report tests: one clustering group "g" of three
// clients on orders@broker-a:0..3 plus its retry queue, one crash event, one idle client.
#pragma once

#include <string>

#include "metrics/run_result.h"
#include "scenario/scenario.h"

namespace rmqsim::test {

inline Scenario reportScenario() {
  Scenario s;
  // std::string temporaries: GCC 12 gives a false -Wrestrict on short literal assignments here.
  s.file = std::string("crash.yaml");
  s.name = std::string("crash");
  s.seed = 7;
  s.profile.name = std::string("rocketmq-5");
  s.duration_ms = 10 * kMinute;
  GroupSpec g;
  g.name = std::string("g");
  g.subscribe = {"orders"};
  s.groups.push_back(g);
  return s;
}

inline RunResult reportResult() {
  RunResult r;
  r.endTime = 10 * kMinute;
  r.summary.rebalances = 120;
  r.summary.changedRebalances = 6;
  r.summary.queueMoves = 3;
  r.summary.minMoves = 2;
  r.summary.overlapQueueSeconds = 1.23456;
  r.summary.orphanQueueSeconds = 262.0004;
  r.summary.duplicates = 40;
  r.summary.maxLag = 900;
  EventMetrics e;
  e.at = 60 * kSecond;
  e.action = "crash";
  e.target = "g-1";
  e.convergenceSeconds = 131.0;
  e.queueMoves = 3;
  e.minMoves = 2;
  e.orphanQueueSeconds = 262.0004;
  e.overlapQueueSeconds = 1.23456;
  e.duplicates = 40;
  e.groups = {"g"};
  e.longestOrphanByBroker["broker-a"] = 131.0;
  r.events.push_back(e);
  EventMetrics never;
  never.at = 5 * kMinute;
  never.action = "broker_kill";
  never.target = "broker-b";
  never.groups = {"g"};
  r.events.push_back(never);
  GroupFinal gf;
  gf.name = "g";
  gf.strategy = "AVG";
  gf.balance = BalanceStats{3, 5, 3, 0, 3, 1, 2, 1, 9.0 / 15.0, true};
  gf.topics.push_back(TopicFinal{"orders", BalanceStats{3, 4, 2, 0, 2, 1, 1, 1, 16.0 / 24.0, true}});
  gf.topics.push_back(TopicFinal{"%RETRY%g", BalanceStats{3, 1, 1, 0, 1, 1, 0, 2, 1.0 / 3.0, true}});
  gf.loadByClient = {{"g-0", 3}, {"g-2", 2}, {"g-3", 0}};
  gf.assignment = {{"orders@broker-a:0", {"g-0"}},
                   {"orders@broker-a:1", {"g-0"}},
                   {"orders@broker-a:2", {"g-2"}},
                   {"orders@broker-a:3", {"g-2"}},
                   {"%RETRY%g@broker-a:0", {"g-0"}}};
  gf.totals.queueMoves = 3;
  gf.totals.minMoves = 2;
  gf.totals.orphanQueueSeconds = 262.0004;
  gf.totals.duplicates = 40;
  r.groups.push_back(gf);
  r.all = gf.balance;
  return r;
}

}  // namespace rmqsim::test
