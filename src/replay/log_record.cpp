#include "replay/log_record.h"

#include <charconv>

namespace rmqsim {

namespace {

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

/// The text between `open` (after its first occurrence at or after `from`) and `close`.
std::optional<std::string_view> between(std::string_view s, std::string_view open, std::string_view close) {
  const std::size_t a = s.find(open);
  if (a == std::string_view::npos) return std::nullopt;
  const std::size_t b = s.find(close, a + open.size());
  if (b == std::string_view::npos) return std::nullopt;
  return s.substr(a + open.size(), b - a - open.size());
}

std::optional<int> intAfter(std::string_view s, std::string_view key) {
  const std::size_t a = s.find(key);
  if (a == std::string_view::npos) return std::nullopt;
  int v = 0;
  const char* p = s.data() + a + key.size();
  auto [end, ec] = std::from_chars(p, s.data() + s.size(), v);
  if (ec != std::errc() || end == p) return std::nullopt;
  return v;
}

std::optional<MessageQueue> mqAfter(std::string_view s, std::string_view key) {
  const std::size_t a = s.find(key);
  if (a == std::string_view::npos) return std::nullopt;
  return parseMessageQueue(s.substr(a + key.size()));
}

/// "doRebalance, G, <what>" → G, or empty.
std::string doRebalanceGroup(std::string_view m) {
  constexpr std::string_view kHead = "doRebalance, ";
  if (!startsWith(m, kHead)) return {};
  const std::size_t comma = m.find(", ", kHead.size());
  return comma == std::string_view::npos ? std::string{} : std::string(m.substr(kHead.size(), comma - kHead.size()));
}

std::string clientIdIn(std::string_view m) {
  for (std::string_view key : {"clientId=", "ClientId: ", "ClientID:", "clientId:["}) {
    const std::size_t a = m.find(key);
    if (a == std::string_view::npos) continue;
    std::size_t b = a + key.size();
    std::size_t e = m.find_first_of(", ]", b);
    if (e == std::string_view::npos) e = m.size();
    if (e > b) return std::string(m.substr(b, e - b));
  }
  return {};
}

void resultChanged(std::string_view m, LogRecord& r) {
  r.kind = RecordKind::RESULT_CHANGED;
  if (auto v = between(m, "allocateMessageQueueStrategyName=", ",")) r.strategy = std::string(*v);
  if (auto v = between(m, "group=", ",")) r.group = std::string(*v);
  if (auto v = between(m, "topic=", ",")) r.topic = std::string(*v);
  r.mqAllSize = intAfter(m, "mqAllSize=").value_or(-1);
  r.cidAllSize = intAfter(m, "cidAllSize=").value_or(-1);
  const std::size_t set = m.find("rebalanceResultSet=[");
  if (set == std::string_view::npos) return;
  std::string_view rest = m.substr(set + 20);
  while (true) {
    const std::size_t a = rest.find("MessageQueue [");
    if (a == std::string_view::npos) break;
    rest = rest.substr(a);
    if (auto q = parseMessageQueue(rest)) r.resultSet.push_back(*q);
    rest = rest.substr(1);
  }
}

}  // namespace

std::optional<MessageQueue> parseMessageQueue(std::string_view text) {
  if (!startsWith(text, "MessageQueue [topic=")) return std::nullopt;
  const std::size_t end = text.find(']');
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view body = text.substr(0, end + 1);
  auto topic = between(body, "topic=", ", brokerName=");
  auto broker = between(body, "brokerName=", ", queueId=");
  auto id = intAfter(body, "queueId=");
  if (!topic || !broker || !id) return std::nullopt;
  return MessageQueue{std::string(*topic), std::string(*broker), *id};
}

LogRecord classifyMessage(std::string_view m) {
  LogRecord r;
  r.clientId = clientIdIn(m);
  if (startsWith(m, "doRebalance, ")) {
    r.group = doRebalanceGroup(m);
    if (m.find(", add a new mq, ") != std::string_view::npos) {
      r.kind = RecordKind::ADD_MQ;
      r.mq = mqAfter(m, "add a new mq, ");
    } else if (m.find("because lock failed") != std::string_view::npos) {
      r.kind = RecordKind::LOCK_FAILED;
      r.mq = mqAfter(m, "add a new mq failed, ");
    } else if (m.find("remove unnecessary mq, ") != std::string_view::npos) {
      r.kind = RecordKind::REMOVE_MQ;  // also "truncateMessageQueueNotMyTopic remove unnecessary mq"
      r.mq = mqAfter(m, "remove unnecessary mq, ");
    }
  } else if (startsWith(m, "[BUG]doRebalance, ") && m.find("because pull is pause") != std::string_view::npos &&
             m.find("try remove") == std::string_view::npos) {
    r.kind = RecordKind::REMOVE_MQ;  // 4.9 removed it before logging; 5.x logs "try remove" first
    r.group = doRebalanceGroup(m.substr(5));
    r.mq = mqAfter(m, "remove unnecessary mq, ");
  } else if (startsWith(m, "Fix Offset, ")) {
    r.kind = RecordKind::REMOVE_MQ;
    const std::size_t comma = m.find(", ", 12);
    if (comma != std::string_view::npos) r.group = std::string(m.substr(12, comma - 12));
    r.mq = mqAfter(m, "remove unnecessary mq, ");
  } else if (startsWith(m, "rebalanced result changed.") || startsWith(m, "client rebalanced result changed.")) {
    resultChanged(m, r);
  } else if (startsWith(m, "receive broker's notification[")) {
    r.kind = RecordKind::NOTIFY;
    if (auto v = between(m, "notification[", "]")) r.broker = std::string(*v);
    if (auto v = between(m, "the consumer group: ", " changed")) r.group = std::string(*v);
  } else if (startsWith(m, "[persist] Group: ")) {
    r.kind = RecordKind::DROP_HINT;
    if (auto v = between(m, "Group: ", " ")) r.group = std::string(*v);
    r.mq = mqAfter(m, "updateConsumeOffsetToBroker ");
  } else if (startsWith(m, "remove unnecessary messageQueue offset.")) {
    r.kind = RecordKind::DROP_HINT;
    if (auto v = between(m, "group=", ",")) r.group = std::string(*v);
    r.mq = mqAfter(m, "mq=");
  } else if (startsWith(m, "the message queue locked Failed, Group: ")) {
    r.kind = RecordKind::LOCK_FAILED;
    if (auto v = between(m, "Group: ", " ")) r.group = std::string(*v);
    r.mq = mqAfter(m, r.group + " ");
  } else if (startsWith(m, "the consumer [")) {
    if (auto v = between(m, "[", "]")) r.group = std::string(*v);
    if (m.find("] start beginning.") != std::string_view::npos) r.kind = RecordKind::CONSUMER_START;
    else if (m.find("] shutdown OK") != std::string_view::npos) r.kind = RecordKind::CONSUMER_SHUTDOWN;
  } else if (startsWith(m, "Created new MQClientInstance for clientId:[")) {
    r.kind = RecordKind::CLIENT_CREATED;
  } else if (startsWith(m, "unregister client[") && m.find("] success") != std::string_view::npos) {
    if (auto v = between(m, " Consumer: ", "]")) {
      if (*v != "null") r.kind = RecordKind::UNREGISTER, r.group = std::string(*v);
    }
  }
  if ((r.kind == RecordKind::ADD_MQ || r.kind == RecordKind::REMOVE_MQ || r.kind == RecordKind::DROP_HINT) && !r.mq)
    r.kind = RecordKind::OTHER, r.malformed = true;  // a message we know, but mangled
  return r;
}

}  // namespace rmqsim
