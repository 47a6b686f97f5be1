#include "replay/log_reader.h"

#include <zlib.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace rmqsim {

namespace {

constexpr std::size_t kExamples = 5;

/// zlib's gz* reads gzip and plain files alike.
std::vector<std::string> readLines(const std::string& path) {
  std::unique_ptr<gzFile_s, int (*)(gzFile)> f(gzopen(path.c_str(), "rb"), gzclose);
  if (!f) throw std::invalid_argument(path + ": cannot open the file");
  std::vector<std::string> lines;
  std::string cur;
  char buf[65536];
  int n = 0;
  while ((n = gzread(f.get(), buf, sizeof buf)) > 0) {
    for (int i = 0; i < n; ++i) {
      if (buf[i] == '\n') lines.push_back(std::move(cur)), cur.clear();
      else cur += buf[i];
    }
  }
  if (n < 0) throw std::invalid_argument(path + ": cannot read the file (a damaged gzip?)");
  if (!cur.empty()) lines.push_back(std::move(cur));
  return lines;
}

bool looksLikeContinuation(const std::string& l) {
  if (l.empty()) return false;
  if (l[0] == ' ' || l[0] == '\t') return true;
  if (l.rfind("Caused by", 0) == 0 || l.rfind("...", 0) == 0) return true;
  // MQClientException's message ends with FAQUrl.suggestTodo's own line.
  if (l.rfind("For more information, please visit the url", 0) == 0) return true;
  // "java.lang.IllegalStateException: ..." : a qualified Throwable class name first.
  const std::size_t colon = l.find(':');
  const std::string head = l.substr(0, colon);
  return head.find('.') != std::string::npos && head.find(' ') == std::string::npos &&
         (head.find("Exception") != std::string::npos || head.find("Error") != std::string::npos ||
          head.find("Throwable") != std::string::npos);
}

TimeFormat pickFormat(const std::string& path, const std::vector<std::string>& lines) {
  for (const std::string& l : lines) {
    if (parseLogLine(l, rocketmq49Format())) return rocketmq49Format();
    if (parseLogLine(l, rocketmq5Format())) return rocketmq5Format();
  }
  throw std::invalid_argument(path + ":1:1: no line starts with a timestamp of RocketMQ's 4.9 layout (\"2024-05-01 "
                              "10:00:00,123 INFO ...\") or 5.x layout (\"2024-05-01 10:00:00.123 INFO ...\"); give "
                              "--time-format for another layout, e.g. \"%Y-%m-%d %H:%M:%S.%L\"");
}

struct Source {
  std::vector<std::size_t> lives;  ///< indices into the output, in order
  std::size_t current = 0;
  std::set<std::string> started;  ///< groups whose CONSUMER_START the current life has seen
};

}  // namespace

ReplayInput readClientLogs(const std::vector<std::string>& files, const std::optional<TimeFormat>& format) {
  ReplayInput out;
  std::map<std::string, Source> sources;
  for (const std::string& path : files) {
    const std::vector<std::string> lines = readLines(path);
    const TimeFormat fmt = format ? *format : pickFormat(path, lines);
    if (out.layout.empty()) out.layout = fmt.layout;
    else if (out.layout != fmt.layout) out.warnings.push_back(path + " uses the " + fmt.layout + " layout, the first file the " + out.layout + " one");
    bool afterTimestamped = false;
    bool anyParsed = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& text = lines[i];
      const int lineNo = static_cast<int>(i + 1);
      ++out.stats.total;
      const auto parsed = parseLogLine(text, fmt);
      if (!parsed) {
        if (text.empty() || text == "\r") ++out.stats.blank;
        else if (afterTimestamped && looksLikeContinuation(text)) ++out.stats.continuation;
        else {
          ++out.stats.unusable;
          if (out.stats.unusableExamples.size() < kExamples)
            out.stats.unusableExamples.push_back(path + ":" + std::to_string(lineNo) + ": " + text.substr(0, 160));
        }
        continue;
      }
      afterTimestamped = anyParsed = true;
      const std::string key = parsed->prefix.empty() ? path : path + " [" + std::string(parsed->prefix) + "]";
      Source& src = sources[key];
      LogRecord rec = classifyMessage(parsed->message);
      auto newLife = [&] {
        ClientLife life;
        life.source = key;
        life.firstMs = parsed->epochMs;
        src.lives.push_back(out.lives.size());
        src.current = src.lives.size() - 1;
        src.started.clear();
        out.lives.push_back(std::move(life));
      };
      if (src.lives.empty()) newLife();
      // A second start in one source is a new process run (a restart logging to the same file).
      // One process may start several consumers; a group started twice is a new process run.
      if (rec.kind == RecordKind::CONSUMER_START && src.started.count(rec.group)) newLife();
      if (rec.kind == RecordKind::CONSUMER_START) src.started.insert(rec.group);
      ClientLife* life = &out.lives[src.lives[src.current]];
      if (!rec.clientId.empty() && !life->clientId.empty() && rec.clientId != life->clientId) {
        // A merged file without source tags: follow the id the line names.
        std::size_t found = src.lives.size();
        for (std::size_t k = 0; k < src.lives.size(); ++k)
          if (out.lives[src.lives[k]].clientId == rec.clientId) found = k;
        if (found == src.lives.size()) {
          newLife();
          found = src.current;
        }
        src.current = found;
        life = &out.lives[src.lives[src.current]];
      }
      if (life->clientId.empty() && !rec.clientId.empty()) life->clientId = rec.clientId;
      life->lastMs = std::max(life->lastMs, parsed->epochMs);
      life->firstMs = std::min(life->firstMs, parsed->epochMs);
      life->lastLine = path + ":" + std::to_string(lineNo);
      if (rec.malformed) {
        ++out.stats.unusable;
        if (out.stats.unusableExamples.size() < kExamples)
          out.stats.unusableExamples.push_back(path + ":" + std::to_string(lineNo) + ": " + text.substr(0, 160));
        continue;
      }
      if (rec.kind == RecordKind::OTHER) {
        ++out.stats.other;
        continue;
      }
      ++out.stats.used;
      life->records.push_back(TimedRecord{parsed->epochMs, std::move(rec), path, lineNo});
    }
    if (!anyParsed)
      throw std::invalid_argument(path + ":1:1: no line has a timestamp of the " + fmt.layout + " layout ('" + fmt.pattern + "')");
  }
  for (const auto& [key, src] : sources) {
    std::set<std::string> ids;
    for (std::size_t k : src.lives) ids.insert(out.lives[k].clientId);
    if (ids.size() > 1 && src.lives.size() == ids.size())
      out.warnings.push_back(key + " holds the lines of " + std::to_string(ids.size()) +
                             " client ids without a source tag: lines that name no id (add/remove lines) went to the "
                             "client last named; tag each line with its file or pod (grep -H, kubectl logs --prefix) for an exact replay");
  }
  for (ClientLife& l : out.lives) {
    std::stable_sort(l.records.begin(), l.records.end(),
                     [](const TimedRecord& a, const TimedRecord& b) { return a.epochMs < b.epochMs; });
    if (l.clientId.empty()) {
      l.clientId = l.source;
      l.idFromSource = true;
      out.warnings.push_back("no line of " + l.source + " names its client id: the client is called '" + l.source + "'");
    }
  }
  std::stable_sort(out.lives.begin(), out.lives.end(), [](const ClientLife& a, const ClientLife& b) {
    return a.firstMs != b.firstMs ? a.firstMs < b.firstMs : a.source < b.source;
  });
  return out;
}

}  // namespace rmqsim
