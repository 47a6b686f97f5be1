// SimFanout must be exactly SimNetwork::send, message by message: the same deliveries at the
// same times in the same order relative to every other event, the same losses and counters,
// with fewer loop events. Checked by running one randomized workload both ways.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/event_loop.h"
#include "engine/random.h"
#include "engine/sim_fanout.h"
#include "engine/sim_network.h"

using namespace rmqsim;

namespace {

/// "time:kind<n>", one line of the log.
std::string line(SimTime at, const char* kind, int n) {
  std::string s = std::to_string(at);
  s += ':';
  s += kind;
  s += std::to_string(n);
  return s;
}

struct Outcome {
  std::vector<std::string> log;  ///< "time:what" in the order things ran
  std::int64_t sent = 0, lost = 0, inFlightAtEnd = 0, events = 0;
};

struct Logger {
  EventLoop* loop;
  std::vector<std::string>* log;
  Random* choices;
  void operator()(int tag) const {
    log->push_back(line(loop->now(), "m", tag));
    // A delivery that schedules at once must still run after everything already due now.
    if (choices->uniform(0, 3) == 0) {
      EventLoop* l = loop;
      std::vector<std::string>* out = log;
      loop->scheduleAfter(0, [l, out, tag] { out->push_back(line(l->now(), "f", tag)); });
    }
  }
};

Outcome run(bool fanout, SimTime minLatency, SimTime maxLatency, std::int64_t maxEvents) {
  EventLoop loop;
  loop.setMaxEvents(maxEvents);
  SimNetwork net(loop, minLatency, maxLatency);
  Random senderRng(11), choices(5), deliveryChoices(9);
  const NodeId sender = net.addNode("broker");
  std::vector<NodeId> receivers;
  for (int i = 0; i < 12; ++i) receivers.push_back(net.addNode(line(0, "c", i)));
  Outcome out;
  int tag = 0;
  const Logger logger{&loop, &out.log, &deliveryChoices};
  for (SimTime t = 0; t < 400; t += 3) {
    loop.schedule(t, [&] {
      // Nodes go down and come back, links are cut and healed, between bursts.
      for (NodeId r : receivers) {
        const auto roll = choices.uniform(0, 19);
        if (roll == 0) net.setUp(r, !net.isUp(r));
        if (roll == 1) net.cut(sender, r);
        if (roll == 2) net.heal(sender, r);
      }
      SimFanout<int, Logger> burst(net, sender, senderRng, logger);
      for (NodeId r : receivers) {
        if (choices.uniform(0, 4) == 0) continue;
        // Another event due inside the burst's arrival window, scheduled between two sends.
        if (choices.uniform(0, 5) == 0) {
          const SimTime at = loop.now() + choices.uniform(minLatency, maxLatency);
          const int other = tag++;
          loop.schedule(at, [&out, &loop, other] { out.log.push_back(line(loop.now(), "o", other)); });
        }
        const int m = tag++;
        const bool sent = fanout ? burst.send(r, m) : net.send(sender, r, senderRng, [logger, m] { logger(m); });
        out.log.push_back(line(loop.now(), sent ? "s" : "x", m));
      }
      // Down nodes lose what is in flight to them, also when the burst is still on its way.
      if (choices.uniform(0, 3) == 0) {
        const NodeId r = receivers[static_cast<std::size_t>(choices.uniform(0, 11))];
        loop.scheduleAfter(minLatency, [&net, r] { net.setUp(r, !net.isUp(r)); });
      }
    });
  }
  loop.runUntil(1000);
  out.sent = net.messagesSent();
  out.lost = net.messagesLost();
  out.inFlightAtEnd = net.unsteadyInFlight();
  out.events = loop.eventCount();
  return out;
}

}  // namespace

TEST_CASE("engine/fanout/delivers exactly as one send per message, in fewer events") {
  for (auto [lo, hi] : {std::pair<SimTime, SimTime>{2, 2}, {1, 3}, {0, 1}}) {
    CAPTURE(lo);
    CAPTURE(hi);
    const Outcome one = run(false, lo, hi, 0), shared = run(true, lo, hi, 0);
    REQUIRE(one.log.size() > 1000);
    CHECK(shared.log == one.log);
    CHECK(shared.sent == one.sent);
    CHECK(shared.lost == one.lost);
    CHECK(one.lost > 0);
    CHECK(shared.inFlightAtEnd == 0);
    // The point of it (the interleaved events split some bursts): about 150 of 900 fewer.
    CHECK(shared.events < one.events - 100);
  }
}

TEST_CASE("engine/fanout/with an event limit every message is its own event") {
  const Outcome one = run(false, 1, 3, 2000), shared = run(true, 1, 3, 2000);
  CHECK(shared.events == one.events);
  CHECK(shared.log == one.log);
}

TEST_CASE("engine/loop/an event is the last at its instant until another is scheduled there") {
  EventLoop loop;
  EventHandle a = loop.schedule(5, [] {});
  CHECK(loop.lastAtItsInstant(a));
  loop.schedule(6, [] {});  // another instant: a is still last at 5
  CHECK(loop.lastAtItsInstant(a));
  EventHandle b = loop.schedule(5, [] {});
  CHECK_FALSE(loop.lastAtItsInstant(a));
  CHECK(loop.lastAtItsInstant(b));
  // An instant that collides with 5 in the loop's table: an event at 5 scheduled now would
  // open a second bucket, so b no longer is where the next one goes.
  loop.schedule(5 + 16384, [] {});
  loop.schedule(5, [] {});
  CHECK_FALSE(loop.lastAtItsInstant(b));
  loop.cancel(b);
  CHECK_FALSE(loop.lastAtItsInstant(b));
  loop.runUntil(10);
  CHECK_FALSE(loop.lastAtItsInstant(a));  // ran
}
