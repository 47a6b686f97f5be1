#include "import/consumer_connection.h"

#include <algorithm>
#include <cctype>

#include "util/spellcheck.h"

namespace rmqsim {
namespace {

constexpr std::string_view kBelow = "Below is subscription:";

bool isNumberedRow(std::string_view line) {
  return line.size() > 5 && std::isdigit(static_cast<unsigned char>(line[0])) && std::isdigit(static_cast<unsigned char>(line[1])) &&
         std::isdigit(static_cast<unsigned char>(line[2])) && line.substr(3, 2) == "  ";
}

void checkValue(const SourceText& src, int line, int column, const std::string& key, const std::string& value,
                const std::vector<std::string>& allowed) {
  for (const auto& a : allowed)
    if (a == value) return;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  std::string message = "unknown " + key + " '" + value + "'";
  if (auto hint = spellcheck(value, allowed)) message += " (did you mean '" + *hint + "'?)";
  failAt(src, line, column, message, list);
}

// "001  Topic: orders     SubExpression: TagA || TagB"
SubscriptionRow numberedSubscription(const SourceText& src, std::string_view rest, int line, int column) {
  const auto topicAt = rest.find("Topic: "), exprAt = rest.find(" SubExpression: ");
  if (!isNumberedRow(rest) || topicAt == std::string_view::npos || exprAt == std::string_view::npos)
    failAt(src, line, column, "expected a subscription row", "001  Topic: TOPIC SubExpression: EXPRESSION");
  return SubscriptionRow{std::string(trimmed(rest.substr(topicAt + 7, exprAt - topicAt - 7))),
                         std::string(trimmed(rest.substr(exprAt + 16))), line};
}

}  // namespace

ConsumerConnection parseConsumerConnection(const SourceText& src) {
  ConsumerConnection cc;
  std::size_t i = firstContentLine(src);
  if (i == src.lines.size()) failAt(src, 0, 0, "the file is empty", "the output of mqadmin consumerConnection -g GROUP");
  const std::string_view first = src.lines[i];
  if (first.starts_with("#ClientId")) {
    cc.layout = "table";
    ++i;
  } else if (isNumberedRow(first)) {
    cc.layout = "numbered";
  } else if (src.text.find("Not found the consumer group connection") != std::string::npos ||
             src.text.find("CODE: 206") != std::string::npos) {
    failAt(src, static_cast<int>(i) + 1, 1, "mqadmin found no connection for the group: no client of it was online",
           "the output of mqadmin consumerConnection while the group's clients run");
  } else {
    failAt(src, static_cast<int>(i) + 1, 1, "not mqadmin consumerConnection output",
           "a '#ClientId  #ClientAddr  #Language  #Version' table (4.9.4+, 5.x) or numbered rows '001  ID ADDR LANGUAGE VERSION'");
  }
  // Connections, up to the blank line before "Below is subscription:".
  for (; i < src.lines.size() && !trimmed(src.lines[i]).empty() && !src.lines[i].starts_with(kBelow); ++i) {
    const int lineNo = static_cast<int>(i) + 1;
    std::vector<Word> w = wordsOf(src.lines[i]);
    if (cc.layout == "numbered") {
      if (!isNumberedRow(src.lines[i])) failAt(src, lineNo, 1, "expected a numbered connection row", "001  CLIENT_ID CLIENT_ADDR LANGUAGE VERSION");
      w.erase(w.begin());
    }
    if (w.size() != 4)
      failAt(src, lineNo, w.empty() ? 1 : w.front().column,
             "a connection row has " + std::to_string(w.size()) + " columns, not 4", "CLIENT_ID CLIENT_ADDR LANGUAGE VERSION");
    if (w[0].text.find('@') == std::string_view::npos)
      failAt(src, lineNo, w[0].column, "'" + std::string(w[0].text) + "' is not a client id", "ip@instance[@unitName], e.g. 10.0.1.21@12877#2061467834612345");
    cc.connections.push_back(ConnectionRow{std::string(w[0].text), std::string(w[1].text), std::string(w[2].text), std::string(w[3].text), lineNo});
  }
  if (cc.connections.empty()) failAt(src, static_cast<int>(i) + 1, 1, "no connection is listed", "one row per client of the group");
  while (i < src.lines.size() && trimmed(src.lines[i]).empty()) ++i;
  if (i == src.lines.size() || !src.lines[i].starts_with(kBelow))
    failAt(src, static_cast<int>(std::min(i, src.lines.size())) + (i == src.lines.size() ? 0 : 1), 1,
           "expected \"Below is subscription:\" after the connections (a cut-off copy?)", "the whole output of mqadmin consumerConnection");
  // Subscriptions, up to ConsumeType.
  std::string_view rest = src.lines[i].substr(kBelow.size());
  if (cc.layout == "numbered" && !rest.empty())
    cc.subscriptions.push_back(numberedSubscription(src, rest, static_cast<int>(i) + 1, static_cast<int>(kBelow.size()) + 1));
  ++i;
  if (cc.layout == "table") {
    if (i >= src.lines.size() || !src.lines[i].starts_with("#Topic"))
      failAt(src, static_cast<int>(std::min(i + 1, src.lines.size())), 1, "expected the '#Topic  #SubExpression' header");
    ++i;
  }
  for (; i < src.lines.size() && !trimmed(src.lines[i]).empty() && !src.lines[i].starts_with("ConsumeType:"); ++i) {
    const int lineNo = static_cast<int>(i) + 1;
    if (cc.layout == "numbered") {
      cc.subscriptions.push_back(numberedSubscription(src, src.lines[i], lineNo, 1));
      continue;
    }
    const std::vector<Word> w = wordsOf(src.lines[i]);
    const auto exprStart = static_cast<std::size_t>(w.size() > 1 ? w[1].column - 1 : src.lines[i].size());
    cc.subscriptions.push_back(SubscriptionRow{std::string(w[0].text), std::string(trimmed(src.lines[i].substr(exprStart))), lineNo});
  }
  // ConsumeType, MessageModel, ConsumeFromWhere, each with its line.
  struct Key {
    std::string name;
    std::string* value;
    int line = 0;
  };
  std::vector<Key> keys = {{"ConsumeType", &cc.consumeType}, {"MessageModel", &cc.messageModel}, {"ConsumeFromWhere", &cc.consumeFromWhere}};
  for (; i < src.lines.size(); ++i) {
    const std::string_view line = trimmed(src.lines[i]);
    if (line.empty()) continue;
    const auto colon = line.find(": ");
    auto key = std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return colon != std::string_view::npos && line.substr(0, colon) == k.name; });
    if (key == keys.end())
      failAt(src, static_cast<int>(i) + 1, 1, "unexpected line after the subscriptions", "ConsumeType: ..., MessageModel: ..., ConsumeFromWhere: ...");
    *key->value = std::string(trimmed(line.substr(colon + 2)));
    key->line = static_cast<int>(i) + 1;
  }
  for (const auto& k : keys)
    if (k.value->empty())
      failAt(src, static_cast<int>(src.lines.size()), 1, "the output ends without its " + k.name + " line (a cut-off copy?)",
             "the whole output of mqadmin consumerConnection");
  cc.consumeTypeLine = keys[0].line;
  checkValue(src, keys[0].line, 14, "ConsumeType", cc.consumeType, {"CONSUME_PASSIVELY", "CONSUME_ACTIVELY", "CONSUME_POP"});
  checkValue(src, keys[1].line, 15, "MessageModel", cc.messageModel, {"CLUSTERING", "BROADCASTING"});
  checkValue(src, keys[2].line, 19, "ConsumeFromWhere", cc.consumeFromWhere,
             {"CONSUME_FROM_LAST_OFFSET", "CONSUME_FROM_FIRST_OFFSET", "CONSUME_FROM_TIMESTAMP",
              "CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST", "CONSUME_FROM_MIN_OFFSET", "CONSUME_FROM_MAX_OFFSET"});
  return cc;
}

}  // namespace rmqsim
