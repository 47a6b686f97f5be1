// Whole-run benchmark of the simulator (no YAML, no report): a fleet on a virtual clock.
// Usage: sim_bench CLIENTS QUEUES BROKERS HOURS   (prints wall seconds, events, events/s, peak RSS)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <sys/resource.h>

#include "sim/simulation.h"

using namespace rmqsim;

namespace {

class CountingSink : public TraceSink {
 public:
  void onEvent(const SimEvent&, const RunCatalog&) override { ++events; }
  std::int64_t events = 0;
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

}  // namespace

int main(int argc, char** argv) {
  const int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int queues = argc > 2 ? std::atoi(argv[2]) : 10000;
  const int brokers = argc > 3 ? std::atoi(argv[3]) : 4;
  const double hours = argc > 4 ? std::atof(argv[4]) : 24;
  Scenario s = fleet(clients, queues, brokers, static_cast<SimTime>(hours * kHour));
  CountingSink sink;
  const auto t0 = std::chrono::steady_clock::now();
  Simulation sim(s, SimulationOptions{});
  sim.addSink(&sink);
  RunStats st = sim.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("clients=%d queues=%d brokers=%d hours=%.2f wall_s=%.3f loop_events=%lld trace_events=%lld events_per_s=%.0f peak_rss_mib=%.1f\n",
              clients, queues, brokers, hours, wall, static_cast<long long>(st.events), static_cast<long long>(sink.events),
              static_cast<double>(st.events) / wall, static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
