#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "rocketmq/common/message_queue.h"

using rmqsim::MessageQueue;

TEST_CASE("rocketmq/common/MessageQueue/toString is Java's, the consistent-hash key") {
  CHECK(MessageQueue{"orders", "broker-a", 3}.toString() == "MessageQueue [topic=orders, brokerName=broker-a, queueId=3]");
}

TEST_CASE("rocketmq/common/MessageQueue/orders by topic, broker, then queue id") {
  std::vector<MessageQueue> v = {{"b", "x", 0}, {"a", "y", 1}, {"a", "y", 0}, {"a", "x", 10}, {"a", "x", 2}};
  std::sort(v.begin(), v.end());
  CHECK(v == std::vector<MessageQueue>{{"a", "x", 2}, {"a", "x", 10}, {"a", "y", 0}, {"a", "y", 1}, {"b", "x", 0}});
}

TEST_CASE("rocketmq/common/MessageQueue/queueId comparison wraps like Java's int subtraction") {
  MessageQueue low{"t", "b", -2147483647}, high{"t", "b", 2};
  CHECK(low.compareTo(high) > 0);  // -2147483647 - 2 overflows to a positive int in Java
}
