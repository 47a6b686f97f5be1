// twin of broker/src/main/java/org/apache/rocketmq/broker/client/ConsumerGroupInfo.java, 4.9.x and 5.x;
// differences: the channel table is ordered by channel (Java's ConcurrentHashMap order is
// arbitrary and clients sort the ids anyway); a channel is one connection of a client process
// (channel_key.h), so a process that reconnected before its old channel went is listed twice.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/sim_time.h"
#include "rocketmq/broker/channel_key.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

/// ClientChannelInfo: the connection, its client id, last heartbeat.
struct ClientChannelInfo {
  ChannelKey channel = 0;
  std::string clientId;
  SimTime lastUpdateTimestamp = 0;
  /// The subscription object last found equal to the group's (at `verifiedVersion`): the same
  /// object again needs no set comparison. Held so its address cannot be reused.
  std::shared_ptr<const std::set<std::string>> verifiedTopics;
  std::uint64_t verifiedVersion = 0;
  /// `clientId` was found equal to its client's own id object (MQClientInstance::getClientId,
  /// fixed for the run): a refresh passing that object again needs no string comparison.
  bool ownIdVerified = false;
};

class ConsumerGroupInfo {
 public:
  explicit ConsumerGroupInfo(std::string groupName) : groupName_(std::move(groupName)) {}
  ConsumerGroupInfo(const ConsumerGroupInfo&) = delete;  // byClient_ points into its own table
  ConsumerGroupInfo& operator=(const ConsumerGroupInfo&) = delete;

  /// A heartbeat's channel: true when the channel is new (Java updateChannel).
  bool updateChannel(const ClientChannelInfo& infoNew, bool broadcasting, SimTime now);
  /// A heartbeat that changes nothing but the channel's timestamp: applies it and returns true;
  /// false (nothing done) when the channel is new or its id or subscriptions differ. `ownId`:
  /// `clientId` is the channel's client's own id object, which never changes.
  bool refreshChannel(ChannelKey channel, const std::string& clientId,
                      const std::shared_ptr<const std::set<std::string>>& topics, SimTime at, bool ownId = false);
  /// A heartbeat's subscriptions: true when a topic was added or removed.
  bool updateSubscription(const std::set<std::string>& topics);
  /// Explicit unregister (graceful shutdown): true when the channel was present.
  bool unregisterChannel(ChannelKey channel);
  /// The connection closed: the removed channel, if it was present.
  std::optional<ClientChannelInfo> doChannelCloseEvent(ChannelKey channel);
  /// Channels silent for more than `timeout` are removed and returned (scanNotActiveChannel).
  std::vector<ClientChannelInfo> removeExpired(SimTime now, SimTime timeout);

  /// One id per channel in table order (a shared id appears twice); shared until the table changes.
  std::shared_ptr<const std::vector<std::string>> getAllClientId() const {
    if (!idsCache_) buildClientIds();
    return idsCache_;
  }
  /// The list getAllClientId() holds now (null: none built since the last change).
  const std::shared_ptr<const std::vector<std::string>>& builtClientIds() const { return idsCache_; }
  /// `ids` (another broker's list of the group) becomes getAllClientId()'s answer if none is
  /// built and it lists the same ids: one list object per membership across the brokers, so the
  /// clients' AllocationCache meets it once, not once per broker. True when adopted.
  bool shareClientIds(const std::shared_ptr<const std::vector<std::string>>& ids) const;
  /// The table's channels in order, kept beside it (a membership change's fan-out reads them
  /// without walking the tree). Valid until the table changes.
  const std::vector<ChannelKey>& getAllChannel() const { return channels_; }
  const std::map<ChannelKey, ClientChannelInfo>& channelInfoTable() const { return channelInfoTable_; }
  bool isBroadcasting() const { return broadcasting_; }
  const std::set<std::string>& subscriptionTable() const { return subscriptionTable_; }
  /// Changes when subscriptionTable() does.
  std::uint64_t subscriptionVersion() const { return subscriptionVersion_; }
  const std::string& groupName() const { return groupName_; }

 private:
  std::string groupName_;
  bool broadcasting_ = false;
  std::map<ChannelKey, ClientChannelInfo> channelInfoTable_;  ///< by channel: O(log n) heartbeats
  std::vector<ChannelKey> channels_;  ///< channelInfoTable_'s keys, in its order
  std::vector<std::string> clientIds_;  ///< their client ids, beside them: the id list is copied from here, not the tree
  /// By client index: the entry a lookup of one of its channels last found or added (null: none),
  /// tried before the tree (a heartbeat's lookup in a fleet's table is a walk of cold nodes). An
  /// entry is forgotten before it is erased, so what is here is always in the table.
  std::vector<ClientChannelInfo*> byClient_;
  static constexpr std::size_t kMaxRemembered = std::size_t{1} << 20;  ///< client indices beyond: the tree only
  ClientChannelInfo* findChannel(ChannelKey channel);
  void buildClientIds() const;
  /// Where a listed channel sits in channels_ (and clientIds_).
  std::size_t position(ChannelKey channel) const;
  void remember(ClientChannelInfo* info);
  void forget(const ClientChannelInfo* info);
  /// A lower bound of the table's timestamps (refreshes only raise them): a scan finds nothing
  /// to expire until `timeout` has passed since it, so most scans are skipped, same result.
  SimTime oldestTimestampBound_ = kNever;
  std::set<std::string> subscriptionTable_;
  std::uint64_t subscriptionVersion_ = 1;  ///< bumped when subscriptionTable_ changes
  mutable std::shared_ptr<const std::vector<std::string>> idsCache_;
};

}  // namespace rmqsim
