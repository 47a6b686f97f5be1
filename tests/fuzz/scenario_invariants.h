// What every loader outcome must hold, for fuzz_scenario and fuzz_set: an accepted scenario
// carries no name that util/name_rules.h refuses (names reach every report), and a refusal is
// located diagnostics whose text has no control character but the line breaks it is made of.
#pragma once

#include <string>

#include "scenario/diagnostic.h"
#include "scenario/scenario.h"
#include "util/name_rules.h"

namespace rmqsim::fuzz {

inline void requireName(const std::string& name, std::size_t maxLength = kMaxNameLength) {
  if (nameProblem(name, maxLength)) __builtin_trap();
}

inline void checkAccepted(const Scenario& s) {
  requireName(s.name);
  for (const BrokerSpec& b : s.brokers) {
    requireName(b.name);
    for (const TopicSpec& t : b.topics) requireName(t.name);
  }
  for (const GroupSpec& g : s.groups) {
    requireName(g.name);
    for (const std::string& t : g.subscribe) requireName(t);
    requireName(g.client_id.pattern);
    requireName(g.client_id.unit_name);
    for (const std::string& r : g.client_id.rooms) requireName(r);
    for (const std::string& r : g.strategy.params.consumeridcs) requireName(r);
    if (const auto& list = g.strategy.params.messageQueueList) {
      if (list->size() > 65536) __builtin_trap();
      for (const MessageQueue& q : *list) requireName(q.topic), requireName(q.brokerName);
    }
  }
  for (const EventSpec& e : s.events) {
    for (const std::string& c : e.clients) requireName(c);
    for (const std::string& b : e.brokers) requireName(b);
  }
  for (const Expectation& x : s.expect) requireName(x.metric, kMaxMetricPathLength);
}

inline void checkRefused(const ScenarioError& e) {
  if (e.diagnostics().empty()) __builtin_trap();  // an error must say what is wrong
  for (char c : renderDiagnostics(e.diagnostics(), false))
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) __builtin_trap();
}

}  // namespace rmqsim::fuzz
