// `mqadmin consumerProgress -g GROUP [-s true]` output → ConsumerProgress (ConsumerProgressSubCommand).
// 4.9.8: #Topic #Broker Name #QID #Broker Offset #Consumer Offset [#Client IP] #Diff #LastTime;
// 5.3.3 adds #Inflight before #LastTime. Columns are found by the header's '#' names.
#pragma once

#include "import/mqadmin_records.h"
#include "import/source_text.h"

namespace rmqsim {

/// Throws ScenarioError, located.
ConsumerProgress parseConsumerProgress(const SourceText& src);

}  // namespace rmqsim
