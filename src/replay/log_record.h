// What a client log message says about rebalancing: the messages of RebalanceImpl,
// RebalancePushImpl, RemoteBrokerOffsetStore, ClientRemotingProcessor, MQClientInstance,
// MQClientManager and DefaultMQPushConsumerImpl (4.9.8 and 5.3.3 word them the same, except
// 5.x's "client rebalanced result changed"). Everything else is OTHER.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rocketmq/common/message_queue.h"

namespace rmqsim {

enum class RecordKind {
  CONSUMER_START,   ///< "the consumer [G] start beginning."
  CLIENT_CREATED,   ///< "Created new MQClientInstance for clientId:[ID]"
  ADD_MQ,           ///< "doRebalance, G, add a new mq, MQ": the ProcessQueue was put in the table
  REMOVE_MQ,        ///< "doRebalance, G, remove unnecessary mq, MQ" (also truncate, [BUG] 4.9, Fix Offset)
  DROP_HINT,        ///< "[persist] ... MQ" / "remove unnecessary messageQueue offset ... mq=MQ": a removal under way
  RESULT_CHANGED,   ///< "rebalanced result changed. ... rebalanceResultSet=[...]"
  NOTIFY,           ///< "receive broker's notification[ADDR], the consumer group: G changed"
  LOCK_FAILED,      ///< "add a new mq failed, MQ, because lock failed" / "locked Failed"
  UNREGISTER,       ///< "unregister client[Producer: P Consumer: G] from broker[...] success"
  CONSUMER_SHUTDOWN,  ///< "the consumer [G] shutdown OK"
  OTHER,
};

struct LogRecord {
  RecordKind kind = RecordKind::OTHER;
  std::string group;
  std::string clientId;  ///< the id the message names, if any (any kind)
  std::optional<MessageQueue> mq;
  // RESULT_CHANGED
  std::string strategy;
  std::string topic;
  int mqAllSize = -1;
  int cidAllSize = -1;
  std::vector<MessageQueue> resultSet;
  std::string broker;  ///< NOTIFY: the broker address
  bool malformed = false;  ///< a rebalancing message whose queue could not be read
};

/// Classifies one message (the text after " - ").
LogRecord classifyMessage(std::string_view message);

/// "MessageQueue [topic=T, brokerName=B, queueId=N]" at the start of text.
std::optional<MessageQueue> parseMessageQueue(std::string_view text);

}  // namespace rmqsim
