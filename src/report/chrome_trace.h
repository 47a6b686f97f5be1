// `--trace FILE`: Chrome trace-event JSON for ui.perfetto.dev and chrome://tracing. One process
// per consumer group, one track (thread) per client whose slices are the queue sets it owned
// (named by their ranges), instants for changed rebalances, notifications, expiries, lock
// failures and lifecycle; scenario events as global instants on a process of their own, with
// counters for backlog per broker and orphaned queues. Timestamps are virtual time (us).
#pragma once

#include <string>

#include "report/timeline_recorder.h"

namespace rmqsim {

std::string renderChromeTrace(const Scenario& scenario, const Timeline& timeline, const RunCatalog& catalog);

}  // namespace rmqsim
