// twin of client/src/main/java/org/apache/rocketmq/client/ClientConfig.java#buildMQClientId, 4.9.x and 5.x;
// differences: the layout is a configurable pattern so real layouts and collisions can be reproduced.
#pragma once

#include <cstdint>
#include <string>

namespace rmqsim {

/// The values a pattern may use. Java: clientIP@instanceName[@unitName], instanceName
/// "DEFAULT" replaced by pid#nanoTime (4.9.8 and 5.x).
struct ClientIdParts {
  std::string ip;          ///< {ip}
  std::int64_t pid = 1;    ///< {pid}
  std::int64_t nanotime = 0;  ///< {nanotime}
  int n = 0;               ///< {n}: index of the client in its group
  std::string group;       ///< {group}
  std::string unitName;    ///< appended as "@unit" when non-empty
  std::string room;        ///< {room}: the client's machine room (MACHINE_ROOM strategies read it from the id)
};

/// Expands {ip} {pid} {n} {group} {room} {instance} ({pid}#{nanotime}) {nanotime}; a pattern without
/// tokens is used verbatim (every client gets that one id: the shared-id problem).
std::string buildMQClientId(const std::string& pattern, const ClientIdParts& parts);

/// ip_base + offset as dotted IPv4 ("10.0.0.0" + 3 = "10.0.0.3"); carries into higher octets.
std::string ipPlus(const std::string& ipBase, std::int64_t offset);

}  // namespace rmqsim
