// The broker's name for one client connection (Java keys ConsumerGroupInfo.channelInfoTable by
// the Netty Channel): the client process first, so a table lists its channels in client order
// (the order notifications go out in), then the connection's id at this broker. A client that
// reconnects while the broker still holds its old connection has two keys, and is listed twice.
#pragma once

#include <cstdint>

#include "rocketmq/common/sim_event.h"

namespace rmqsim {

using ChannelKey = std::uint64_t;

constexpr ChannelKey channelKey(ClientIndex client, std::uint64_t connection) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(client)) << 32) | (connection & 0xffffffffu);
}
constexpr ClientIndex clientOf(ChannelKey key) { return static_cast<ClientIndex>(key >> 32); }
constexpr std::uint64_t connectionOf(ChannelKey key) { return key & 0xffffffffu; }

}  // namespace rmqsim
