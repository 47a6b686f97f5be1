#include "cli/report_outputs.h"

#include <stdexcept>

#include "cli/exit_codes.h"
#include "report/chrome_trace.h"
#include "report/csv_report.h"
#include "report/html_report.h"
#include "report/timeline_recorder.h"
#include "util/atomic_file.h"

namespace rmqsim {

std::string renderOutputs(const Scenario& scenario, const PipelineOutput& out, const CommonOptions& o,
                          const TextReportOptions& text) {
  try {
    if (!o.html.empty()) writeHtmlReport(o.html, scenario, out.report, out.timeline->timeline(), out.catalog);
    if (!o.trace.empty()) writeChromeTrace(o.trace, scenario, out.timeline->timeline(), out.catalog);
    if (!o.csvDir.empty()) writeCsvTimelines(o.csvDir, scenario, out.timeline->timeline(), out.catalog);
  } catch (const std::runtime_error& e) {
    throw UsageError{e.what(), false};
  }
  if (o.format == "json") return out.report.dump(2) + "\n";
  if (o.format == "csv") return renderEventsCsv(out.report);
  TextReportOptions topts = text;
  topts.colour = useColour(o);
  return renderTextReport(scenario, *out.result, topts);
}

}  // namespace rmqsim
