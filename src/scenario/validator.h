// The limits a scenario must stay within to run in memory and in reasonable time; checked by the
// loader (parse::validate) so an oversized scenario is refused up front with a clear message.
#pragma once

#include <cstddef>

#include "engine/sim_time.h"

namespace rmqsim {

inline constexpr long long kMaxClients = 200000;           ///< client processes over the whole run
inline constexpr long long kMaxQueues = 2000000;           ///< queues over all brokers and topics
inline constexpr SimTime kMaxDuration = 30LL * 24 * kHour; ///< 30 days of virtual time
inline constexpr long long kMaxEvents = 100000;            ///< scenario events
inline constexpr double kMaxEstimatedEvents = 5e9;         ///< simulation events (about an hour of wall time)
/// Clients x queues of one group (t=0 and started clients; subscribed and retry queues): each
/// rebalance round of each client walks every queue, and broadcasting clients own them all.
inline constexpr double kMaxClientQueuePairs = 2e9;
/// A scenario's `description` (names are bounded by util/name_rules.h).
inline constexpr std::size_t kMaxDescriptionLength = 10000;

/// Top-level keys of the `--format json` report that `expect: metric` paths start from; must
/// list every key json_report.cpp writes (tests/cli/validate_test.cpp checks it).
inline constexpr const char* kReportRootKeys[] = {"scenario", "seed",    "profile", "duration_ms", "simulated_ms", "partial",
                                                  "summary",  "final",   "events",  "assignment",  "warnings"};

}  // namespace rmqsim
