// Synchronous requests are two messages with the network's latency; a lost one costs its timeout.
#include <doctest/doctest.h>

#include <algorithm>

#include "support/test_world.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

std::vector<SimTime> addTimes(const OwnershipSink& s, const std::string& client, const std::string& topic) {
  std::vector<SimTime> out;
  for (const auto& [t, c, q] : s.added)
    if (s.catalog->clients[static_cast<std::size_t>(c)].name == client &&
        s.catalog->queues[static_cast<std::size_t>(q)].topic == topic)
      out.push_back(t);
  return out;
}

}  // namespace

TEST_CASE("sim/sync requests: each new queue of a round waits for an offset query, and a max-offset query past memory") {
  // One client, fixed one-way latency L, no committed offset. With the queue's first message in
  // the broker's memory QUERY_CONSUMER_OFFSET answers 0: one round trip of 2 L per queue. With
  // the page cache holding only the newest message (400 msg/s appended since t=0), it answers
  // QUERY_NOT_FOUND and CONSUME_FROM_LAST_OFFSET asks GET_MAX_OFFSET: 4 L. One queue after the
  // other inside the round: consecutive adds are exactly that far apart.
  for (SimTime L : {SimTime{1}, SimTime{25}}) {
    for (std::int64_t memory : {std::int64_t{0}, std::int64_t{1}}) {
      Scenario s = basicScenario(1, 4, 1, 5 * kSecond);
      s.latency = LatencySpec{L, L};
      s.brokers[0].in_memory_messages = memory;
      OwnershipSink sink;
      runWith(s, sink);
      const auto times = addTimes(sink, "g-0", "orders");
      REQUIRE(times.size() == 4);
      for (std::size_t i = 1; i < times.size(); ++i) CHECK(times[i] - times[i - 1] == (memory == 0 ? 2 : 4) * L);
    }
  }
}

TEST_CASE("sim/sync requests: a request into a cut link fails after its timeout") {
  // The client's link to its only broker is cut at 5 s: each later round asks for the consumer
  // list of each of its two topics (%RETRY%g, orders). Without clientCloseSocketIfTimeout both
  // wait api_timeout on the open channel, so the two failed rebalances of one round are exactly
  // api_timeout apart; with it (the default) the first call closes the channel and the second
  // waits out its connect: connect_timeout apart.
  for (SimTime timeout : {SimTime{3000}, SimTime{700}}) {
    for (bool closeOnTimeout : {false, true}) {
    Scenario s = basicScenario(1, 4, 1, 40 * kSecond);
    s.profile.timing.api_timeout = timeout;
    s.profile.timing.connect_timeout = 1300;
    s.profile.behaviour.close_socket_if_timeout = closeOnTimeout;
    EventSpec cut = event(5 * kSecond, "partition", {"g-0"});
    cut.brokers = {"broker-a"};
    s.events.push_back(cut);
    OwnershipSink sink;
    runWith(s, sink);
    std::vector<SimTime> failed;
    for (const auto& r : sink.rebalances)
      if (!r.ok && r.at > 5 * kSecond) failed.push_back(r.at);
    REQUIRE(failed.size() >= 2);
    CHECK(failed[1] - failed[0] == (closeOnTimeout ? 1300 : timeout));
    }
  }
}

TEST_CASE("sim/sync requests: a client killed while waiting on a reply adds nothing afterwards") {
  // L = 200 ms: the start-up round (at 1 s, the minimum gap) waits 400 ms per call; kill at 1.5 s,
  // in the middle of it. The late replies must resume nothing.
  Scenario s = basicScenario(1, 4, 1, 10 * kSecond);
  s.latency = LatencySpec{200, 200};
  s.events.push_back(event(1500, "kill", {"g-0"}));
  OwnershipSink sink;
  runWith(s, sink);
  for (const auto& [t, c, q] : sink.added) CHECK(t <= 1500);
  CHECK(sink.ownersOf(0).empty());
}

TEST_CASE("sim/sync requests: a paused client's reply waits for it to wake") {
  // Same start-up round; pause at 1.5 s (a reply in flight), resume at 4 s: no queue is added
  // while frozen, and the round goes on after the resume.
  Scenario s = basicScenario(1, 4, 1, 10 * kSecond);
  s.latency = LatencySpec{200, 200};
  s.events.push_back(event(1500, "pause", {"g-0"}));
  s.events.push_back(event(4000, "resume", {"g-0"}));
  OwnershipSink sink;
  runWith(s, sink);
  const auto times = addTimes(sink, "g-0", "orders");
  REQUIRE(times.size() == 4);
  for (SimTime t : times) CHECK((t <= 1500 || t >= 4000));
  CHECK(times.back() >= 4000);
}

namespace {

EventSpec brokerEvent(SimTime at, std::string action, std::string broker) {
  EventSpec e = event(at, std::move(action));
  e.brokers = {std::move(broker)};
  return e;
}

}  // namespace

TEST_CASE("sim/sync requests: a killed broker refuses at once, a lost host times out") {
  // One broker, fixed one-way latency L = 2 ms; it goes down at 5 s. The round at ~21 s asks it
  // for the consumer list of each of the two topics, one after the other. Killed (its host
  // answers with a reset): each call fails after a round trip, so the two failures are 2 L
  // apart. Host lost: the first call waits api_timeout on the open channel, which it then
  // closes (clientCloseSocketIfTimeout); the second must connect again and gives up after
  // connect_timeout (1.2 s here, to tell the two timers apart).
  for (const char* action : {"broker_kill", "broker_crash"}) {
    Scenario s = basicScenario(1, 4, 1, 28 * kSecond);
    s.latency = LatencySpec{2, 2};
    s.profile.timing.connect_timeout = 1200;
    s.events.push_back(brokerEvent(5 * kSecond, action, "broker-a"));
    OwnershipSink sink;
    runWith(s, sink);
    std::vector<SimTime> failed;
    for (const auto& r : sink.rebalances)
      if (!r.ok && r.at > 5 * kSecond) failed.push_back(r.at);
    REQUIRE(failed.size() >= 2);
    CAPTURE(action);
    if (std::string(action) == "broker_kill") CHECK(failed[1] - failed[0] == 4);
    else CHECK(failed[1] - failed[0] == 1200);
  }
}

TEST_CASE("sim/sync requests: a heartbeat blocked on a lost host holds back the route poll behind it") {
  // Three brokers; broker-b is killed at 5 s, so the name server drops it at once and the client
  // drops broker-b's queues at its first round (every 1 s here) after the route poll that shows
  // it (30.010 s). The periodic heartbeat comes at 29 s. With broker-a's host lost too (at 5 s),
  // the heartbeat to broker-a holds the single scheduler thread until its call fails 3 s later
  // (reply or connect timeout): the route poll due at 30.010 s runs after 32 s, and broker-b's
  // queues go only then (rounds get their consumer list from broker-c). With broker-a alive the
  // poll runs on time.
  for (bool lost : {false, true}) {
    Scenario s = basicScenario(3, 2, 1, 60 * kSecond);
    s.latency = LatencySpec{2, 2};
    s.profile.timing.rebalance_interval = 1 * kSecond;
    s.profile.timing.heartbeat_initial_delay = 29 * kSecond;
    if (lost) s.events.push_back(brokerEvent(5 * kSecond, "broker_crash", "broker-a"));
    s.events.push_back(brokerEvent(5 * kSecond, "broker_kill", "broker-b"));
    OwnershipSink sink;
    SimTime lastRemoval = 0;
    sink.onAfter = [&](const SimEvent& ev) {
      if (const auto* r = std::get_if<EvQueueRemoved>(&ev))
        if (sink.catalog->queues[static_cast<std::size_t>(r->queue)].brokerName == "broker-b") lastRemoval = r->at;
    };
    runWith(s, sink);
    CAPTURE(lost);
    REQUIRE(lastRemoval > 0);
    CHECK(lastRemoval > 30010);
    if (lost) CHECK(lastRemoval >= 29 * kSecond + 3 * kSecond);
    else CHECK(lastRemoval < 29 * kSecond + 3 * kSecond);
  }
}
