// Located problems in scenario input (files and --set overrides): every problem is collected and
// reported at once, each naming where it is, what is wrong and what is allowed (exit code 2).
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "scenario/scenario.h"

namespace rmqsim {

struct Diagnostic {
  SourceLoc loc;        ///< file (or "--set PATH"), line and column (0 = unknown)
  std::string message;  ///< what is wrong
  std::string allowed;  ///< what is allowed instead (may be empty)
  std::string hint;     ///< did-you-mean candidate (may be empty)
  bool warning = false;
};

/// Thrown by the loader with every problem found; never empty.
class ScenarioError : public std::exception {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const char* what() const noexcept override { return summary_.c_str(); }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::string summary_;
};

/// "file:line:col: error: message\n  allowed: ...\n  did you mean 'x'?\n" for each diagnostic.
std::string renderDiagnostics(const std::vector<Diagnostic>& diagnostics, bool colour);

}  // namespace rmqsim
