#include "scenario/diagnostic.h"

#include "util/name_rules.h"

namespace rmqsim {

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {
  if (diagnostics_.empty()) diagnostics_.emplace_back().message = "invalid scenario";
  summary_ = renderDiagnostics(diagnostics_, false);
}

std::string renderDiagnostics(const std::vector<Diagnostic>& diagnostics, bool colour) {
  const std::string bold = colour ? "\033[1m" : "", red = colour ? "\033[31m" : "", yellow = colour ? "\033[33m" : "",
                    reset = colour ? "\033[0m" : "";
  std::string out;
  int errors = 0;
  for (const Diagnostic& d : diagnostics) {
    // User text never reaches the terminal raw (control characters as \xNN), and a long --set
    // override is shown cut: messages quote it, a diagnostic need not repeat it whole.
    const bool override = d.loc.file.rfind("--set ", 0) == 0;
    std::string where = d.loc.file.empty() ? "<input>" : shownText(d.loc.file, override ? 200 : std::string::npos);
    // Appends, not "literal" + std::string&&: GCC 12 misreads that inlined insert (-Wrestrict, GCC bug 105329).
    if (d.loc.line > 0) {
      where += ':';
      where += std::to_string(d.loc.line);
      where += ':';
      where += std::to_string(d.loc.column);
    }
    out += bold + where + ":" + reset + " " + (d.warning ? yellow + "warning:" : red + "error:") + reset + " " +
           shownText(d.message, std::string::npos) + "\n";
    if (!d.allowed.empty()) out += "  allowed: " + shownText(d.allowed, std::string::npos) + "\n";
    if (!d.hint.empty()) out += "  did you mean '" + shownText(d.hint, std::string::npos) + "'?\n";
    errors += d.warning ? 0 : 1;
  }
  if (errors > 1) out += std::to_string(errors) + " errors\n";
  return out;
}

}  // namespace rmqsim
