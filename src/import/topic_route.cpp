#include "import/topic_route.h"

namespace rmqsim {

TopicRoute parseTopicRoute(const SourceText& src) {
  const std::size_t first = firstContentLine(src);
  if (first == src.lines.size()) failAt(src, 0, 0, "the file is empty", "the output of mqadmin topicRoute -t TOPIC");
  const std::string_view line = trimmed(src.lines[first]);
  const int lineNo = static_cast<int>(first) + 1;
  if (line.starts_with("{")) return parseTopicRouteJson(src, first);
  if (line.starts_with("#ClusterName")) return parseTopicRouteList(src, first);
  if (src.text.find("No topic route info") != std::string::npos)
    failAt(src, lineNo, 1, "mqadmin found no route for the topic (\"No topic route info in name server\")",
           "the output of mqadmin topicRoute for an existing topic");
  if (line.find("Exception") != std::string_view::npos)
    failAt(src, lineNo, 1, "this is an error mqadmin printed, not a topic route", "the output of a successful mqadmin topicRoute -t TOPIC");
  failAt(src, lineNo, 1, "not mqadmin topicRoute output",
         "the route's JSON (starting with '{') or its -l table (starting with '#ClusterName')");
}

}  // namespace rmqsim
