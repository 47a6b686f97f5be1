// TopicRouteSubCommand -l: printf("%-45s %-32s %-50s %-10s %-11s %-5s%n") per broker, brokers
// sorted by name; #BrokerAddrs is Java's HashMap.toString ("{0=10.0.0.1:10911, 1=...}", with
// spaces), so columns are read from the right: the last three words are the counts and perm.
#include <charconv>

#include "import/topic_route.h"

namespace rmqsim {
namespace {

int countAt(const SourceText& src, int line, const Word& w, const char* what, int max) {
  int v = -1;
  auto [p, ec] = std::from_chars(w.text.data(), w.text.data() + w.text.size(), v);
  if (ec != std::errc() || p != w.text.data() + w.text.size() || v < 0 || v > max)
    failAt(src, line, w.column, std::string(what) + " '" + std::string(w.text) + "' is not an integer from 0 to " + std::to_string(max));
  return v;
}

}  // namespace

TopicRoute parseTopicRouteList(const SourceText& src, std::size_t headerLine) {
  TopicRoute route;
  route.format = "list";
  bool ended = false;
  for (std::size_t i = headerLine + 1; i < src.lines.size() && !ended; ++i) {
    const std::string_view line = src.lines[i];
    const int lineNo = static_cast<int>(i) + 1;
    if (trimmed(line).empty()) continue;
    if (trimmed(line).starts_with("---")) {
      ended = true;
      continue;
    }
    const std::vector<Word> w = wordsOf(line);
    if (w.size() < 5)
      failAt(src, lineNo, 1, "a route row needs cluster, broker, addresses, read queues, write queues and perm",
             "a row as mqadmin topicRoute -l prints it");
    RouteQueueData d;
    d.cluster = std::string(w[0].text);
    d.brokerName = std::string(w[1].text);
    d.readQueueNums = countAt(src, lineNo, w[w.size() - 3], "#ReadQueue", 65536);
    d.writeQueueNums = countAt(src, lineNo, w[w.size() - 2], "#WriteQueue", 65536);
    d.perm = countAt(src, lineNo, w[w.size() - 1], "#Perm", 7);
    d.line = lineNo;
    for (const auto& seen : route.queueDatas)
      if (seen.brokerName == d.brokerName) failAt(src, lineNo, w[1].column, "broker '" + d.brokerName + "' is listed twice");
    route.queueDatas.push_back(std::move(d));
  }
  if (!ended)
    failAt(src, static_cast<int>(src.lines.size()), 1, "the table ends without its dashed line and Total: row (a cut-off copy?)",
           "the whole output of mqadmin topicRoute -l");
  if (route.queueDatas.empty()) failAt(src, static_cast<int>(headerLine) + 2, 1, "the table lists no broker");
  return route;
}

}  // namespace rmqsim
