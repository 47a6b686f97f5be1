// The report for people (default on a terminal): the scenario line, the per-event table, final
// balance per group, the final assignment as ranges, plain-language warnings, and the command
// that reproduces the run.
#pragma once

#include <string>
#include <vector>

#include "metrics/run_result.h"
#include "scenario/scenario.h"

namespace rmqsim {

struct TextReportOptions {
  bool colour = false;
  std::string reproduce;  ///< one-line command; printed last
  std::size_t maxClientsListed = 40;
  std::vector<std::string> extraWarnings;  ///< appended to the plain-language warnings (replay's findings)
};

std::string renderTextReport(const Scenario& scenario, const RunResult& result, const TextReportOptions& options);

}  // namespace rmqsim
