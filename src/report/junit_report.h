// JUnit XML for `check --junit`: one <testsuite> per scenario, one <testcase> per expectation,
// the shape GitHub Actions (test reporters), GitLab (artifacts:reports:junit) and Jenkins read.
#pragma once

#include <string>
#include <vector>

#include "report/expectations.h"

namespace rmqsim {

struct JunitSuite {
  std::string name;        ///< the scenario file as given
  std::string scenario;    ///< the scenario's `name:`
  double seconds = 0;      ///< wall time of the run
  std::string error;       ///< the scenario could not be run (invalid input): one <error> case
  std::vector<ExpectationResult> results;
  std::vector<std::string> regressions;  ///< --baseline findings: one failing case each
};

std::string renderJunitXml(const std::vector<JunitSuite>& suites);

/// XML-escapes text for attributes and element content.
std::string xmlEscape(const std::string& text);

}  // namespace rmqsim
