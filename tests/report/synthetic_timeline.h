// A tiny hand-written event stream for the timeline renderers: one clustering group "G" reading
// topic T (4 queues on broker b) plus its retry queue, two clients. Worked history:
//   0      G-0 starts; queue sets announced            -> all 5 queues orphan
//   1000   G-0 adds q0..q4                             -> orphans end
//   5000   G-1 starts
//   6000   G-1 adds q2,q3                              -> overlap on q2,q3
//   6500   G-0 removes q2,q3                           -> overlap ends
//   10000  G-1 crashes                                 -> q2,q3 orphan
//   12000  G-0 adds q2,q3 again                        -> orphan ends
//   13000  scenario event "kill G-1"; samples at 2000 and 14000; run ends at 20000.
#pragma once

#include <string>
#include <vector>

#include "report/timeline_recorder.h"

namespace rmqsim::test {

struct SyntheticRun {
  Scenario scenario;
  RunCatalog catalog;
  std::vector<SimEvent> events;

  Timeline record() const {
    TimelineRecorder r(scenario);
    for (const SimEvent& e : events) r.onEvent(e, catalog);
    return r.timeline();
  }
};

inline SyntheticRun syntheticRun(const std::string& groupName = "G", const std::string& clientPrefix = "G-") {
  SyntheticRun s;
  s.scenario.name = "synthetic";
  s.scenario.description = "hand-written stream";
  s.scenario.seed = 7;
  GroupSpec g;
  g.name = groupName;
  g.subscribe = {"T"};
  s.scenario.groups.push_back(g);
  s.catalog.clients = {{clientPrefix + "0", "10.0.0.1@1#0", 0}, {clientPrefix + "1", "10.0.0.2@1#0", 0}};
  for (int q = 0; q < 4; ++q) s.catalog.queues.push_back(MessageQueue{"T", "b", q});
  s.catalog.queues.push_back(MessageQueue{"%RETRY%" + groupName, "b", 0});
  auto& ev = s.events;
  ev.push_back(EvClientLifecycle{0, 0, ClientLifecycle::STARTED});
  ev.push_back(EvQueueSetChanged{0, "T", {0, 1, 2, 3}});
  ev.push_back(EvQueueSetChanged{0, "%RETRY%" + groupName, {4}});
  ev.push_back(EvRebalance{1000, 0, "T", true, true, true});
  for (QueueIndex q = 0; q < 5; ++q) ev.push_back(EvQueueAdded{1000, 0, q});
  ev.push_back(EvQueueSample{2000, 0, 0, 100, 40});
  ev.push_back(EvQueueSample{2000, 0, 1, 100, -1});
  ev.push_back(EvClientLifecycle{5000, 1, ClientLifecycle::STARTED});
  ev.push_back(EvNotify{5001, 0, "b"});
  ev.push_back(EvQueueAdded{6000, 1, 2});
  ev.push_back(EvQueueAdded{6000, 1, 3});
  ev.push_back(EvQueueRemoved{6500, 0, 2});
  ev.push_back(EvQueueRemoved{6500, 0, 3});
  ev.push_back(EvClientLifecycle{10000, 1, ClientLifecycle::CRASHED});
  ev.push_back(EvQueueAdded{12000, 0, 2});
  ev.push_back(EvQueueAdded{12000, 0, 3});
  ev.push_back(EvScenarioEvent{13000, 0, "kill", "G-1"});
  ev.push_back(EvQueueSample{14000, 0, 0, 300, 300});
  ev.push_back(EvQueueSample{14000, 0, 1, 300, 290});
  ev.push_back(EvRunEnd{20000, false});
  return s;
}

}  // namespace rmqsim::test
