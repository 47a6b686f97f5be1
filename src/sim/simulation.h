// One scenario run: builds the simulated cluster from a Scenario, drives it on a virtual clock,
// and streams SimEvents to the registered sinks. Deterministic: same scenario + seed, same stream.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "rocketmq/common/sim_event.h"
#include "scenario/scenario.h"

namespace rmqsim {

/// Knobs of a run that are not part of the scenario.
struct SimulationOptions {
  bool checkInvariants = false;                 ///< extra always-on checks (SIM_ASSERT)
  std::int64_t maxEvents = 0;                   ///< 0 = no limit; else stop (partial) after that many
  bool useAllocationCache = true;               ///< share strategy results between identical views
  std::size_t allocationCacheIdBudget = 0;      ///< 0 = the default; tests shrink it to force evictions
  bool fastForward = true;                      ///< account for steady periodic work at once (same results)
  const std::atomic<bool>* stopFlag = nullptr;  ///< set (e.g. by SIGINT): stop and report partial
  bool verbose = false;                         ///< RocketMQ-style logs on stderr, virtual time
  std::function<void(SimTime)> progress;        ///< called at every sample tick with the time reached
};

/// What the run did.
struct RunStats {
  std::int64_t events = 0;       ///< discrete events executed
  SimTime endTime = 0;           ///< virtual time reached
  bool partial = false;          ///< stopped before the scenario's duration
  std::uint64_t fingerprint = 0; ///< hash of the whole SimEvent stream
};

class Simulation {
 public:
  Simulation(const Scenario& scenario, SimulationOptions options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// Sinks see every event from t=0; add them before run().
  void addSink(TraceSink* sink);
  /// Runs to the scenario's duration (or a stop condition); call once.
  RunStats run();
  /// After run(): every client's and broker's state the fast-forward touches, hashed (its tests).
  std::uint64_t modelDigest() const;
  /// Client and queue names behind the indices in the events.
  const RunCatalog& catalog() const;
  /// The sample period: max(1 s, duration / 200), rounded to whole seconds.
  static SimTime sampleInterval(SimTime duration);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rmqsim
