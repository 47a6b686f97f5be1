// A run with invariant checks, an ownership sink and the metrics collector: the RunResult the
// reports are made of, for tests that assert both ownership and metrics.
#pragma once

#include "metrics/metrics_collector.h"
#include "support/test_world.h"

namespace rmqsim::test {

inline RunResult runMeasured(const Scenario& s, OwnershipSink& sink) {
  MetricsCollector metrics(s);
  SimulationOptions o;
  o.checkInvariants = true;
  Simulation sim(s, o);
  sim.addSink(&metrics);
  sim.addSink(&sink);
  sim.run();
  return metrics.result();
}

}  // namespace rmqsim::test
