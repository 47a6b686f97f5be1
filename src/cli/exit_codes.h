// Exit codes of every command (contract §1), mapped in one place: main.cpp.
#pragma once

#include <string>

namespace rmqsim {

enum ExitCode : int {
  kExitOk = 0,                 ///< success; for `check`, every expectation held
  kExitExpectationFailed = 1,  ///< `check` ran and an expectation failed
  kExitBadInput = 2,           ///< usage error or invalid input
  kExitInternalError = 3,      ///< a bug; reported, never a crash
};

/// Thrown by commands for bad input whose message is already complete and user-facing.
struct UsageError {
  std::string message;
  bool preformatted = false;  ///< already rendered diagnostics: print as is, no "error: " prefix
};

}  // namespace rmqsim
