// What `run` and `replay` do with a measured run: the --html, --trace and --csv files, and the
// report text for stdout in the chosen --format.
#pragma once

#include <string>

#include "cli/common_options.h"
#include "cli/pipeline.h"
#include "report/text_report.h"

namespace rmqsim {

/// Writes the side files the options ask for (UsageError when one cannot be written) and
/// returns the stdout text; `text` configures the text format.
std::string renderOutputs(const Scenario& scenario, const PipelineOutput& out, const CommonOptions& o,
                          const TextReportOptions& text);

}  // namespace rmqsim
