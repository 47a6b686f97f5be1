#include "rocketmq/common/client_id.h"

#include <cstdio>

namespace rmqsim {

std::string buildMQClientId(const std::string& pattern, const ClientIdParts& p) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        const std::string token = pattern.substr(i + 1, close - i - 1);
        bool known = true;
        if (token == "ip") out += p.ip;
        else if (token == "pid") out += std::to_string(p.pid);
        else if (token == "nanotime") out += std::to_string(p.nanotime);
        else if (token == "n") out += std::to_string(p.n);
        else if (token == "group") out += p.group;
        else if (token == "room") out += p.room;
        else if (token == "instance") out += std::to_string(p.pid) + "#" + std::to_string(p.nanotime);
        else known = false;
        if (known) {
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  if (!p.unitName.empty()) out += "@" + p.unitName;
  return out;
}

std::string ipPlus(const std::string& ipBase, std::int64_t offset) {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (std::sscanf(ipBase.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) != 4) a = 10, b = c = d = 0;
  std::uint64_t v = (std::uint64_t(a) << 24 | std::uint64_t(b) << 16 | std::uint64_t(c) << 8 | d) + std::uint64_t(offset);
  return std::to_string((v >> 24) & 255) + "." + std::to_string((v >> 16) & 255) + "." + std::to_string((v >> 8) & 255) +
         "." + std::to_string(v & 255);
}

}  // namespace rmqsim
