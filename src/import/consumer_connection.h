// `mqadmin consumerConnection -g GROUP` output → ConsumerConnection (ConsumerConnectionSubCommand).
// Two layouts: 4.9.4 and later (5.x too) print a "#ClientId #ClientAddr #Language #Version" table
// and a "#Topic #SubExpression" table; 4.9.3 and earlier numbered rows ("001  id addr lang ver")
// and "Below is subscription:" with the first "001  Topic: T SubExpression: E" on the same line.
#pragma once

#include "import/mqadmin_records.h"
#include "import/source_text.h"

namespace rmqsim {

/// Throws ScenarioError, located, for anything else or a cut-off copy.
ConsumerConnection parseConsumerConnection(const SourceText& src);

}  // namespace rmqsim
