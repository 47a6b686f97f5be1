// Whole-run benchmark of the simulator (no report): a fleet on a virtual clock, or a scenario file.
// Usage: sim_bench CLIENTS QUEUES BROKERS HOURS   (a steady fleet built here)
//        sim_bench SCENARIO.yaml [--metrics]      (a scenario file; --metrics adds the run's collector)
// Prints wall seconds, loop events, events per second, trace events by kind and peak RSS.
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include <sys/resource.h>

#include "metrics/metrics_collector.h"
#include "scenario/diagnostic.h"
#include "scenario/scenario_parser.h"
#include "sim/simulation.h"

using namespace rmqsim;

namespace {

class CountingSink : public TraceSink {
 public:
  void onEvent(const SimEvent& ev, const RunCatalog&) override {
    ++events;
    ++byKind[ev.index()];
  }
  std::int64_t events = 0;
  std::array<std::int64_t, std::variant_size_v<SimEvent>> byKind{};
};

Scenario fleet(int clients, int queues, int brokers, SimTime duration) {
  Scenario s;
  s.name = "bench";
  s.duration_ms = duration;
  s.profile.name = "rocketmq-5";
  s.latency = LatencySpec{1, 5};
  for (int b = 0; b < brokers; ++b) {
    BrokerSpec bs;
    bs.name = "broker-" + std::to_string(b);
    TopicSpec t;
    t.name = "orders";
    t.read_queues = t.write_queues = queues / brokers;
    bs.topics.push_back(t);
    s.brokers.push_back(bs);
  }
  GroupSpec g;
  g.name = "g";
  g.subscribe = {"orders"};
  g.clients = clients;
  s.groups.push_back(g);
  s.produce.push_back(ProduceSpec{"orders", 10.0 * queues, {}});
  s.consume.rate_per_client = 20.0 * queues / clients;
  return s;
}

bool endsWith(const std::string& s, const char* tail) {
  const std::size_t n = std::strlen(tail);
  return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string first = argc > 1 ? argv[1] : "";
  Scenario s;
  bool withMetrics = false;
  if (endsWith(first, ".yaml") || endsWith(first, ".yml")) {
    try {
      s = loadScenarioFile(first);
    } catch (const ScenarioError& e) {  // as the CLI reports it: file:line:col, what is allowed; exit 2
      std::fputs(renderDiagnostics(e.diagnostics(), false).c_str(), stderr);
      return 2;
    }
    withMetrics = argc > 2 && std::strcmp(argv[2], "--metrics") == 0;
  } else {
    const int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int queues = argc > 2 ? std::atoi(argv[2]) : 10000;
    const int brokers = argc > 3 ? std::atoi(argv[3]) : 4;
    const double hours = argc > 4 ? std::atof(argv[4]) : 24;
    s = fleet(clients, queues, brokers, static_cast<SimTime>(hours * kHour));
  }
  CountingSink sink;
  const auto t0 = std::chrono::steady_clock::now();
  Simulation sim(s, SimulationOptions{});
  sim.addSink(&sink);
  std::optional<MetricsCollector> metrics;
  if (withMetrics) {
    metrics.emplace(s);
    sim.addSink(&*metrics);
  }
  RunStats st = sim.run();
  if (metrics) (void)metrics->result();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("scenario=%s hours=%.2f metrics=%d wall_s=%.3f loop_events=%lld trace_events=%lld events_per_s=%.0f peak_rss_mib=%.1f\n",
              s.name.c_str(), static_cast<double>(s.duration_ms) / kHour, withMetrics ? 1 : 0, wall,
              static_cast<long long>(st.events), static_cast<long long>(sink.events),
              static_cast<double>(st.events) / wall, static_cast<double>(ru.ru_maxrss) / 1024.0);
  std::printf("trace events by kind (SimEvent index):");
  for (std::size_t k = 0; k < sink.byKind.size(); ++k)
    if (sink.byKind[k] != 0) std::printf(" %zu=%lld", k, static_cast<long long>(sink.byKind[k]));
  std::printf("\n");
  return 0;
}
