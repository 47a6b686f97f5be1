// twin of broker/src/main/java/org/apache/rocketmq/broker/client/ConsumerManager.java, 4.9.x and 5.x;
// differences: groups in a std::map (stable order); the ConsumerIdsChangeListener is a callback
// receiving only CHANGE (the other events have no effect on rebalancing).
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rocketmq/broker/consumer_group_info.h"
#include "util/fnv.h"

namespace rmqsim {

class ConsumerManager {
 public:
  /// CHANGE: the group's membership changed; notify these channels.
  using ChangeListener = std::function<void(const std::string& group, const std::vector<ChannelKey>& channels)>;

  explicit ConsumerManager(ChangeListener listener) : listener_(std::move(listener)) {}

  /// A heartbeat: registers or refreshes the channel. A new channel or a changed subscription
  /// fires CHANGE when notification is enabled for the group and it is not broadcasting.
  bool registerConsumer(const std::string& group, const ClientChannelInfo& info, bool broadcasting,
                        const std::set<std::string>& topics, bool isNotifyConsumerIdsChangedEnable, SimTime now);
  /// UNREGISTER_CLIENT from a graceful shutdown; CHANGE gated like registration.
  void unregisterConsumer(const std::string& group, ChannelKey channel, bool isNotifyConsumerIdsChangedEnable);
  /// Where a client's steady heartbeats found their group last time: used while no group was
  /// added or removed since (`groupsVersion`).
  struct RefreshHint {
    ConsumerGroupInfo* group = nullptr;
    std::uint64_t groupsVersion = 0;
  };
  /// A heartbeat that would change nothing but the timestamp (see ConsumerGroupInfo::refreshChannel);
  /// `hint` (optional) is the client's own, for the same group name every time.
  bool refreshConsumer(const std::string& group, ChannelKey channel, const std::string& clientId,
                       const std::shared_ptr<const std::set<std::string>>& topics, SimTime at,
                       RefreshHint* hint = nullptr, bool ownId = false);
  /// The connection closed (process killed): CHANGE for every group it was in (not broadcasting).
  bool doChannelCloseEvent(ChannelKey channel);
  /// Housekeeping: removes channels silent for more than `timeout`; fires NO CHANGE.
  std::vector<std::pair<std::string, ClientChannelInfo>> scanNotActiveChannel(SimTime now, SimTime timeout);
  /// GET_CONSUMER_LIST_BY_GROUP: nullptr when the group is unknown (the client then gets null).
  std::shared_ptr<const std::vector<std::string>> findConsumerIdList(const std::string& group) const {
    return consumerIdList(findGroup(group));
  }
  /// findConsumerIdList's answer for a group already found (null: unknown, or no channel left).
  static std::shared_ptr<const std::vector<std::string>> consumerIdList(const ConsumerGroupInfo* g);
  const ConsumerGroupInfo* getConsumerGroupInfo(const std::string& group) const;
  /// The group is known and subscribes to the topic (every pull of a fleet asks: the last few
  /// answers are remembered with what they depend on).
  bool hasSubscription(const std::string& group, const std::string& topic) const;
  const std::map<std::string, ConsumerGroupInfo>& consumerTable() const { return consumerTable_; }
  /// Changes when a group's entry is added or erased: while it holds, a group's entry (or its
  /// absence) found by name stays what it is.
  std::uint64_t groupsVersion() const { return groupsVersion_; }
  /// Forgets everything (broker restart: the table lives in memory).
  void clear() {
    consumerTable_.clear();
    ++groupsVersion_;
  }
  /// The group has this channel with this client id (the steady-state check).
  bool hasChannel(const std::string& group, ChannelKey channel, const std::string& clientId) const {
    const ConsumerGroupInfo* g = findGroup(group);
    if (!g) return false;
    auto c = g->channelInfoTable().find(channel);
    return c != g->channelInfoTable().end() && c->second.clientId == clientId;
  }
  /// Folds every channel's client id and heartbeat time into `f` (the fast-forward's tests).
  void digest(Fnv& f) const {
    for (const auto& [group, info] : consumerTable_) {
      f.str(group);
      for (const auto& [ch, c] : info.channelInfoTable()) {
        f.i64(ch);
        f.str(c.clientId);
        f.i64(c.lastUpdateTimestamp);
      }
    }
  }
  /// Channels over all groups.
  std::size_t channelCount() const {
    std::size_t n = 0;
    for (const auto& [group, info] : consumerTable_) n += info.channelInfoTable().size();
    return n;
  }

 private:
  /// The group's entry (null: none). The last one found is remembered: a fleet of one group
  /// asks for it by name with every heartbeat, list query and unregister.
  const ConsumerGroupInfo* findGroup(const std::string& group) const {
    if (lastFound_.groupsVersion == groupsVersion_ && lastFound_.info->groupName() == group) return lastFound_.info;
    auto it = consumerTable_.find(group);
    if (it == consumerTable_.end()) return nullptr;
    lastFound_ = GroupMemo{&it->second, groupsVersion_};
    return lastFound_.info;
  }
  ConsumerGroupInfo* findGroup(const std::string& group) {
    return const_cast<ConsumerGroupInfo*>(std::as_const(*this).findGroup(group));
  }
  /// Erases the group's entry (RefreshHint: its pointer goes stale).
  std::map<std::string, ConsumerGroupInfo>::iterator eraseGroup(std::map<std::string, ConsumerGroupInfo>::iterator it) {
    ++groupsVersion_;
    return consumerTable_.erase(it);
  }

  ChangeListener listener_;
  std::map<std::string, ConsumerGroupInfo> consumerTable_;
  std::uint64_t groupsVersion_ = 1;  ///< bumped when a group's entry is added or erased
  struct GroupMemo {
    const ConsumerGroupInfo* info = nullptr;
    std::uint64_t groupsVersion = 0;  ///< 0: none
  };
  mutable GroupMemo lastFound_;  ///< findGroup's
  /// A hasSubscription answer, valid while groupsVersion_ and the group's subscriptions are as then.
  struct SubscriptionAnswer {
    std::string group;
    std::string topic;
    std::uint64_t groupsVersion = 0;  ///< 0: empty
    const ConsumerGroupInfo* info = nullptr;
    std::uint64_t subscriptionVersion = 0;
    bool exists = false;
  };
  /// A group's pulls alternate between its topics and their retry topic: a few answers, the
  /// oldest replaced first.
  mutable std::array<SubscriptionAnswer, 4> answers_;
  mutable std::size_t nextAnswer_ = 0;
};

}  // namespace rmqsim
