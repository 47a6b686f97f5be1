// `--trace FILE`: Chrome trace-event JSON for ui.perfetto.dev and chrome://tracing. One process
// per consumer group, one track (thread) per client whose slices are the queue sets it owned
// (named by their ranges), instants for changed rebalances, notifications, expiries, lock
// failures and lifecycle; scenario events as global instants on a process of their own, with
// counters for backlog per broker and orphaned queues. Timestamps are virtual time (us).
// Memory: written as it is made; the slices need the changes per client, so the change log is
// regrouped by client first (a few bytes a change), and the orphan counter sorts period ends.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "report/timeline_recorder.h"

namespace rmqsim {

/// The trace in pieces, in file order: one event at a time, never the whole document in memory.
void streamChromeTrace(const Scenario& scenario, const Timeline& timeline, const RunCatalog& catalog,
                       const std::function<void(std::string_view)>& out);
/// Streams into `path` atomically. Throws std::runtime_error.
void writeChromeTrace(const std::string& path, const Scenario& scenario, const Timeline& timeline, const RunCatalog& catalog);
std::string renderChromeTrace(const Scenario& scenario, const Timeline& timeline, const RunCatalog& catalog);

}  // namespace rmqsim
