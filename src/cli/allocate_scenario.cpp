// `allocate --scenario FILE`: what each group's t=0 clients allocate, topic by topic; for a
// scenario written by `import`, the assignment the live group should have.
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "cli/allocate_command.h"
#include "cli/exit_codes.h"
#include "import/scenario_allocation.h"
#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"

namespace rmqsim {

int runAllocateScenario(const std::string& path, const std::string& format) {
  Scenario scenario;
  try {
    scenario = loadScenarioFile(path);
  } catch (const ScenarioError& e) {
    throw UsageError{renderDiagnostics(e.diagnostics(), false), true};
  }
  nlohmann::ordered_json out;
  out["scenario"] = scenario.name;
  out["groups"] = nlohmann::ordered_json::object();
  bool first = true;
  for (const auto& g : scenario.groups) {
    std::vector<TopicAllocation> topics;
    try {
      topics = scenarioAllocation(scenario, g);
    } catch (const std::invalid_argument& e) {
      throw UsageError{path + ": " + e.what()};
    }
    auto& jg = out["groups"][g.name];
    jg["strategy"] = g.strategy.name;
    jg["topics"] = nlohmann::ordered_json::object();
    if (format != "json") std::cout << (first ? "" : "\n") << "group " << g.name << " (" << g.clients << " clients at t=0)\n";
    first = false;
    for (const auto& ta : topics) {
      if (format != "json") {
        printAllocationTable(g.strategy.name, g.strategy.params, ta.topic, ta.mqAll, ta.cidAll, ta.outcomes);
        continue;
      }
      auto& jt = jg["topics"][ta.topic];
      jt["mqAll"] = nlohmann::ordered_json::array();
      for (const auto& mq : ta.mqAll) jt["mqAll"].push_back(queueJson(mq));
      jt["cidAll"] = ta.cidAll;
      jt["allocation"] = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < ta.cidAll.size(); ++i)
        if (!jt["allocation"].contains(ta.cidAll[i])) jt["allocation"][ta.cidAll[i]] = outcomeJson(ta.outcomes[i]);
    }
  }
  if (format == "json") std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return kExitOk;
}

}  // namespace rmqsim
