// Reads the client logs of a group (one file per client or one merged file; plain or gzip):
// each line's time and message, grouped into client lives (one process run: from its start to
// its shutdown or the end of its log), with every line accounted for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replay/log_line_parser.h"
#include "replay/log_record.h"

namespace rmqsim {

struct TimedRecord {
  std::int64_t epochMs = 0;
  LogRecord rec;
  std::string file;
  int line = 0;
};

/// One process run, as its log tells it.
struct ClientLife {
  std::string source;    ///< file, or file + the merged line prefix
  std::string clientId;  ///< learned from the lines that name it (else the source)
  bool idFromSource = false;
  std::vector<TimedRecord> records;  ///< rebalancing records, time order (stable)
  std::int64_t firstMs = 0;          ///< its first timestamped line
  std::int64_t lastMs = 0;           ///< its last timestamped line
  std::string lastLine;              ///< "file:line" of that line
};

struct LineStats {
  std::int64_t total = 0;
  std::int64_t used = 0;          ///< rebalancing records
  std::int64_t other = 0;         ///< timestamped lines about something else (heartbeats, routes, offsets, netty)
  std::int64_t continuation = 0;  ///< stack traces and wrapped lines following a timestamped line
  std::int64_t blank = 0;
  std::int64_t unusable = 0;      ///< neither: no timestamp of the layout, or a rebalancing message we could not read
  std::vector<std::string> unusableExamples;  ///< "file:line: text" of the first few
};

struct ReplayInput {
  std::vector<ClientLife> lives;  ///< in order of first line, then source
  LineStats stats;
  std::string layout;  ///< "4.9", "5.x", "custom" (the first file's)
  std::vector<std::string> warnings;
};

/// Throws std::invalid_argument (with file:line) when a file cannot be read or has no line of
/// any known layout. `format` forces a layout; otherwise each file's first timestamp picks 4.9 or 5.x.
ReplayInput readClientLogs(const std::vector<std::string>& files, const std::optional<TimeFormat>& format);

}  // namespace rmqsim
