// SimNetwork::send keeps its handlers as they are in the event (no std::function): the loss
// handler runs once, at send time for a cut link or at arrival for a destination down or
// restarted, whatever its type (a lambda, a std::function, empty or not, or none at all).
#include <doctest/doctest.h>

#include <functional>

#include "engine/event_loop.h"
#include "engine/random.h"
#include "engine/sim_network.h"

using namespace rmqsim;

TEST_CASE("engine/network/the loss handler runs once, when and where the message is lost") {
  EventLoop loop;
  SimNetwork net(loop, 1, 3);
  Random rng(7);
  const NodeId a = net.addNode("a"), b = net.addNode("b");
  int delivered = 0, lostNow = 0, lostLater = 0;
  net.cut(a, b);
  CHECK_FALSE(net.send(a, b, rng, [&] { ++delivered; }, [&] { ++lostNow; }));
  CHECK(lostNow == 1);  // at send time
  net.heal(a, b);
  CHECK(net.send(a, b, rng, [&] { ++delivered; }, std::function<void()>([&] { ++lostLater; })));
  CHECK(net.send(a, b, rng, [&] { ++delivered; }, std::function<void()>()));  // empty: nothing runs
  CHECK(net.send(a, b, rng, [&] { ++delivered; }));
  net.setUp(b, false);
  net.setUp(b, true);  // a new incarnation: the three in flight are lost on arrival
  CHECK(lostLater == 0);
  loop.runUntil(10);
  CHECK(lostLater == 1);
  CHECK(delivered == 0);
  CHECK(net.messagesLost() == 4);
  CHECK(net.send(a, b, rng, [&] { ++delivered; }, [&] { ++lostLater; }));
  loop.runUntil(20);
  CHECK(delivered == 1);
  CHECK(lostLater == 1);
}

TEST_CASE("engine/network/steady messages are not counted in flight, the others until they land") {
  EventLoop loop;
  SimNetwork net(loop, 2, 2);
  Random rng(1);
  const NodeId a = net.addNode("a"), b = net.addNode("b");
  int delivered = 0;
  net.send(a, b, rng, [&] { ++delivered; }, SimNetwork::NoLoss{}, true);
  net.send(a, b, rng, [&] { ++delivered; });
  CHECK(net.unsteadyInFlight() == 1);
  net.setUp(b, false);  // lost on arrival: no longer in flight either
  loop.runUntil(5);
  CHECK(net.unsteadyInFlight() == 0);
  CHECK(delivered == 0);
  net.setUp(b, true);
  net.send(a, b, rng, [&] { ++delivered; });
  loop.runUntil(10);
  CHECK(delivered == 1);
  CHECK(net.unsteadyInFlight() == 0);
}
