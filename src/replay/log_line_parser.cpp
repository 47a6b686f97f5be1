#include "replay/log_line_parser.h"

#include <chrono>
#include <stdexcept>

namespace rmqsim {

namespace {

/// Days since 1970-01-01 of a proleptic Gregorian date (std::chrono's civil calendar).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return sys_days{year{static_cast<int>(y)} / month{m} / day{d}}.time_since_epoch().count();
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

TimeFormat rocketmq49Format() { return {"%Y-%m-%d %H:%M:%S,%L", 0, "4.9"}; }
TimeFormat rocketmq5Format() { return {"%Y-%m-%d %H:%M:%S.%L", 8 * 3600 * 1000LL, "5.x"}; }

TimeFormat customFormat(const std::string& pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') continue;
    if (i + 1 >= pattern.size() || std::string_view("YmdHMSL%").find(pattern[i + 1]) == std::string_view::npos)
      throw std::invalid_argument("unknown token '" + pattern.substr(i, 2) + "' in --time-format '" + pattern +
                                  "'; allowed: %Y %m %d %H %M %S %L (milliseconds) %%");
    ++i;
  }
  if (pattern.find("%H") == std::string::npos || pattern.find("%S") == std::string::npos)
    throw std::invalid_argument("--time-format '" + pattern + "' needs at least %H and %S (e.g. \"%Y-%m-%d %H:%M:%S.%L\")");
  return {pattern, 0, "custom"};
}

std::optional<std::pair<std::int64_t, std::size_t>> matchTime(std::string_view text, const std::string& pattern) {
  int y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, ms = 0;
  std::size_t at = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] != '%') {
      const char t = pattern[++i];
      const std::size_t width = t == 'Y' ? 4 : t == 'L' ? 3 : 2;
      int* dst = t == 'Y' ? &y : t == 'm' ? &mo : t == 'd' ? &d : t == 'H' ? &h : t == 'M' ? &mi : t == 'S' ? &s : &ms;
      if (!digits(text, at, width, *dst)) return std::nullopt;
      at += width;
      continue;
    }
    if (pattern[i] == '%') ++i;  // "%%"
    if (at >= text.size() || text[at] != pattern[i]) return std::nullopt;
    ++at;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return std::make_pair(((days * 24 + h) * 60 + mi) * 60000LL + s * 1000LL + ms, at);
}

std::optional<LogLine> parseLogLine(std::string_view line, const TimeFormat& format) {
  constexpr std::size_t kMaxPrefix = 120;
  for (std::size_t start = 0; start < line.size() && start <= kMaxPrefix; ++start) {
    if (start > 0 && !(line[start] >= '0' && line[start] <= '9')) continue;
    if (start > 0 && line[start - 1] >= '0' && line[start - 1] <= '9') continue;  // inside a number
    const auto t = matchTime(line.substr(start), format.pattern);
    if (!t) continue;
    const std::string_view rest = line.substr(start + t->second);
    const std::size_t sep = rest.find(" - ");
    if (sep == std::string_view::npos) return std::nullopt;
    LogLine out;
    out.epochMs = t->first - format.utcOffsetMs;
    out.prefix = trim(line.substr(0, start));
    const std::string_view head = trim(rest.substr(0, sep));
    out.level = head.substr(0, head.find(' '));
    out.message = trim(rest.substr(sep + 3));
    return out;
  }
  return std::nullopt;
}

}  // namespace rmqsim
