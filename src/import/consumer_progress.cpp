#include "import/consumer_progress.h"

#include <algorithm>
#include <charconv>

#include "util/spellcheck.h"

namespace rmqsim {
namespace {

const std::vector<std::string> kColumns = {"Topic", "Broker Name", "QID", "Broker Offset", "Consumer Offset",
                                           "Client IP", "Diff", "Inflight", "LastTime"};

std::vector<std::string> headerNames(std::string_view header) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while ((at = header.find('#', at)) != std::string_view::npos) {
    std::size_t next = header.find('#', at + 1);
    names.emplace_back(trimmed(header.substr(at + 1, next == std::string_view::npos ? std::string_view::npos : next - at - 1)));
    at = next == std::string_view::npos ? header.size() : next;
  }
  return names;
}

long long integerAt(const SourceText& src, int line, const Word& w, const std::string& column) {
  long long v = 0;
  auto [p, ec] = std::from_chars(w.text.data(), w.text.data() + w.text.size(), v);
  if (ec != std::errc() || p != w.text.data() + w.text.size())
    failAt(src, line, w.column, column + " '" + std::string(w.text) + "' is not an integer");
  return v;
}

}  // namespace

ConsumerProgress parseConsumerProgress(const SourceText& src) {
  std::size_t i = firstContentLine(src);
  if (i == src.lines.size()) failAt(src, 0, 0, "the file is empty", "the output of mqadmin consumerProgress -g GROUP -s true");
  const int headerLine = static_cast<int>(i) + 1;
  if (src.lines[i].starts_with("#Group"))
    failAt(src, headerLine, 1, "this is consumerProgress's list of all groups, not one group's queues",
           "the output of mqadmin consumerProgress -g GROUP -s true");
  if (!src.lines[i].starts_with("#Topic"))
    failAt(src, headerLine, 1, "not mqadmin consumerProgress output", "a '#Topic  #Broker Name  #QID ...' table (consumerProgress -g GROUP -s true)");
  const std::vector<std::string> names = headerNames(src.lines[i]);
  for (const auto& n : names)
    if (std::find(kColumns.begin(), kColumns.end(), n) == kColumns.end()) {
      std::string message = "unknown column '#" + n + "'";
      if (auto hint = spellcheck(n, kColumns)) message += " (did you mean '#" + *hint + "'?)";
      failAt(src, headerLine, static_cast<int>(src.lines[i].find("#" + n)) + 1, message, "the columns consumerProgress prints");
    }
  for (const char* required : {"Topic", "Broker Name", "QID", "LastTime"})
    if (std::find(names.begin(), names.end(), required) == names.end())
      failAt(src, headerLine, 1, std::string("the header has no #") + required + " column", "the header consumerProgress prints");
  auto col = [&](const std::string& n) { return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin()); };
  ConsumerProgress progress;
  progress.hasClientIp = col("Client IP") < names.size();
  progress.hasInflight = col("Inflight") < names.size();
  const std::size_t fixed = names.size() - 1;  // #LastTime, last, may hold a space ("2026-12-02 13:12:03")
  for (++i; i < src.lines.size() && !trimmed(src.lines[i]).empty(); ++i) {
    const int lineNo = static_cast<int>(i) + 1;
    const std::vector<Word> w = wordsOf(src.lines[i]);
    if (w.size() < names.size())
      failAt(src, lineNo, w.empty() ? 1 : w.back().column, "a queue row has " + std::to_string(w.size()) + " columns; the header names " +
             std::to_string(names.size()), "one value per header column");
    ProgressRow row;
    row.line = lineNo;
    row.topic = std::string(w[col("Topic")].text);
    row.brokerName = std::string(w[col("Broker Name")].text);
    const long long qid = integerAt(src, lineNo, w[col("QID")], "#QID");
    if (qid < 0 || qid > 65535) failAt(src, lineNo, w[col("QID")].column, "#QID must be from 0 to 65535");
    row.queueId = static_cast<int>(qid);
    if (col("Broker Offset") < fixed) row.brokerOffset = integerAt(src, lineNo, w[col("Broker Offset")], "#Broker Offset");
    if (col("Consumer Offset") < fixed) row.consumerOffset = integerAt(src, lineNo, w[col("Consumer Offset")], "#Consumer Offset");
    if (progress.hasClientIp && w[col("Client IP")].text != "N/A") row.clientIp = std::string(w[col("Client IP")].text);
    for (const auto& seen : progress.rows)
      if (seen.topic == row.topic && seen.brokerName == row.brokerName && seen.queueId == row.queueId)
        failAt(src, lineNo, 1, "queue " + row.brokerName + ":" + std::to_string(row.queueId) + " of " + row.topic + " is listed twice");
    progress.rows.push_back(std::move(row));
  }
  if (progress.rows.empty()) failAt(src, headerLine + 1, 1, "the table lists no queue", "one row per queue of the group's topics");
  return progress;
}

}  // namespace rmqsim
