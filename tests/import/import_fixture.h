// Shared by the import tests: the mqadmin output fixtures and the first located error of a call.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "scenario/diagnostic.h"

namespace rmqsim::test {

/// tests/import/data/NAME: mqadmin output written after the 4.9.8 and 5.3.3 printf formats.
inline std::string importData(const std::string& name) { return std::string(RMQSIM_TESTS_DIR) + "/import/data/" + name; }

/// The first diagnostic `call` throws; fails the test when it throws none.
template <class Call>
Diagnostic firstError(Call&& call) {
  try {
    call();
  } catch (const ScenarioError& e) {
    return e.diagnostics().front();
  }
  FAIL("no error");
  return {};
}

}  // namespace rmqsim::test
