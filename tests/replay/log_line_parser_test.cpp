// Timestamps and messages of the two default client-log layouts and a custom one, and what the
// classifier reads from each RocketMQ message the replay relies on.
#include <doctest/doctest.h>

#include <stdexcept>

#include "replay/log_line_parser.h"
#include "replay/log_record.h"

using namespace rmqsim;

namespace {
constexpr std::int64_t k080751541 = 1796198871541;  // 2026-12-02 08:07:51.541 UTC
}

TEST_CASE("replay/parser/4.9 default layout: local time as written, level, message after ' - '") {
  const auto l = parseLogLine("2026-12-02 08:07:51,541 INFO RocketmqClient - doRebalance, g, add a new mq, x", rocketmq49Format());
  REQUIRE(l);
  CHECK(l->epochMs == k080751541);
  CHECK(l->level == "INFO");
  CHECK(l->message == "doRebalance, g, add a new mq, x");
  CHECK(l->prefix.empty());
}

TEST_CASE("replay/parser/5.x default layout: GMT+8, pid, thread and logger before the message") {
  const auto l = parseLogLine("2026-12-02 16:07:51.541 INFO  [4711] [RebalanceService] "
                              "[o.a.r.c.i.c.RebalanceImpl#updateProcessQueueTableInRebalance:485] - doRebalance, g, add",
                              rocketmq5Format());
  REQUIRE(l);
  CHECK(l->epochMs == k080751541);
  CHECK(l->message == "doRebalance, g, add");
  CHECK_FALSE(parseLogLine("2026-12-02 16:07:51.541 INFO x - y", rocketmq49Format()));
}

TEST_CASE("replay/parser/a merged file's source tag before the timestamp is the prefix") {
  const auto l = parseLogLine("[pod/c1] 2026-12-02 08:07:51,541 INFO RocketmqClient - hello", rocketmq49Format());
  REQUIRE(l);
  CHECK(l->prefix == "[pod/c1]");
  CHECK(l->epochMs == k080751541);
  CHECK_FALSE(parseLogLine("\tat org.apache.rocketmq.X.y(X.java:1)", rocketmq49Format()));
}

TEST_CASE("replay/parser/--time-format: tokens checked, then used") {
  const TimeFormat f = customFormat("%d/%m/%Y %H:%M:%S.%L");
  const auto l = parseLogLine("02/12/2026 08:07:51.541 [main] INFO - the consumer [g] start beginning.", f);
  REQUIRE(l);
  CHECK(l->epochMs == k080751541);
  CHECK_THROWS_AS(customFormat("%Y-%m-%d %H:%M:%S.%f"), std::invalid_argument);
  CHECK_THROWS_AS(customFormat("%Y-%m-%d"), std::invalid_argument);
}

TEST_CASE("replay/records/the RebalanceImpl, RemoteBrokerOffsetStore and client messages") {
  const LogRecord add = classifyMessage("doRebalance, g, add a new mq, MessageQueue [topic=orders, brokerName=broker-a, queueId=6]");
  CHECK(add.kind == RecordKind::ADD_MQ);
  CHECK(add.group == "g");
  CHECK(*add.mq == MessageQueue{"orders", "broker-a", 6});
  const LogRecord rm = classifyMessage("doRebalance, g, remove unnecessary mq, MessageQueue [topic=orders, brokerName=broker-a, queueId=2]");
  CHECK(rm.kind == RecordKind::REMOVE_MQ);
  CHECK(rm.mq->queueId == 2);
  const LogRecord res = classifyMessage(
      "client rebalanced result changed. allocateMessageQueueStrategyName=AVG, group=g, topic=orders, clientId=127.0.0.1@c4, "
      "mqAllSize=8, cidAllSize=3, rebalanceResultSize=2, rebalanceResultSet=[MessageQueue [topic=orders, brokerName=broker-a, "
      "queueId=6], MessageQueue [topic=orders, brokerName=broker-a, queueId=7]]");
  CHECK(res.kind == RecordKind::RESULT_CHANGED);
  CHECK(res.clientId == "127.0.0.1@c4");
  CHECK(res.strategy == "AVG");
  CHECK(res.mqAllSize == 8);
  CHECK(res.cidAllSize == 3);
  REQUIRE(res.resultSet.size() == 2);
  CHECK(res.resultSet[1].queueId == 7);
  const LogRecord n = classifyMessage("receive broker's notification[127.0.0.1:10911], the consumer group: g changed, rebalance immediately");
  CHECK(n.kind == RecordKind::NOTIFY);
  CHECK(n.broker == "127.0.0.1:10911");
  CHECK(n.group == "g");
  CHECK(classifyMessage("the consumer [g] shutdown OK").kind == RecordKind::CONSUMER_SHUTDOWN);
  CHECK(classifyMessage("the consumer [g] start beginning. messageModel=CLUSTERING, isUnitMode=false").kind == RecordKind::CONSUMER_START);
  CHECK(classifyMessage("unregister client[Producer: null Consumer: g] from broker[broker-a 0 127.0.0.1:10911] success").kind ==
        RecordKind::UNREGISTER);
  CHECK(classifyMessage("unregister client[Producer: CLIENT_INNER_PRODUCER Consumer: null] from broker[b 0 a] success").kind ==
        RecordKind::OTHER);
  const LogRecord lock = classifyMessage(
      "doRebalance, g, add a new mq failed, MessageQueue [topic=orders, brokerName=broker-a, queueId=1], because lock failed");
  CHECK(lock.kind == RecordKind::LOCK_FAILED);
  CHECK(lock.mq->queueId == 1);
  CHECK(classifyMessage("Created new MQClientInstance for clientId:[127.0.0.1@c4]").clientId == "127.0.0.1@c4");
  CHECK(classifyMessage("[persist] Group: g ClientId: 127.0.0.1@c2 updateConsumeOffsetToBroker MessageQueue [topic=orders, "
                        "brokerName=broker-a, queueId=2] 0")
            .kind == RecordKind::DROP_HINT);
  const LogRecord bad = classifyMessage("doRebalance, g, add a new mq, MessageQueue [topic=orders");
  CHECK(bad.kind == RecordKind::OTHER);
  CHECK(bad.malformed);
  CHECK(classifyMessage("send heart beat to broker[broker-a 0 127.0.0.1:10911] success").kind == RecordKind::OTHER);
}
