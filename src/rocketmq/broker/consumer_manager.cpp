#include "rocketmq/broker/consumer_manager.h"

namespace rmqsim {

bool ConsumerManager::registerConsumer(const std::string& group, const ClientChannelInfo& info, bool broadcasting,
                                       const std::set<std::string>& topics, bool isNotifyConsumerIdsChangedEnable,
                                       SimTime now) {
  ConsumerGroupInfo* found = findGroup(group);
  if (!found) {
    found = &consumerTable_.try_emplace(group, group).first->second;
    ++groupsVersion_;
  }
  ConsumerGroupInfo& g = *found;
  const bool r1 = g.updateChannel(info, broadcasting, now);
  const bool r2 = g.updateSubscription(topics);
  if ((r1 || r2) && isNotifyConsumerIdsChangedEnable && !g.isBroadcasting()) listener_(group, g.getAllChannel());
  return r1 || r2;
}

bool ConsumerManager::refreshConsumer(const std::string& group, ChannelKey channel, const std::string& clientId,
                                      const std::shared_ptr<const std::set<std::string>>& topics, SimTime at,
                                      RefreshHint* hint, bool ownId) {
  if (hint && hint->group && hint->groupsVersion == groupsVersion_)
    return hint->group->refreshChannel(channel, clientId, topics, at, ownId);
  ConsumerGroupInfo* g = findGroup(group);
  if (!g) return false;
  if (hint) *hint = RefreshHint{g, groupsVersion_};
  return g->refreshChannel(channel, clientId, topics, at, ownId);
}

void ConsumerManager::unregisterConsumer(const std::string& group, ChannelKey channel,
                                         bool isNotifyConsumerIdsChangedEnable) {
  ConsumerGroupInfo* g = findGroup(group);
  if (!g) return;
  g->unregisterChannel(channel);
  const bool notify = isNotifyConsumerIdsChangedEnable && !g->isBroadcasting();
  // The listener only reads the list (it sends): it is told before an emptied group goes.
  if (notify) listener_(group, g->getAllChannel());
  if (g->channelInfoTable().empty()) eraseGroup(consumerTable_.find(group));
}

bool ConsumerManager::doChannelCloseEvent(ChannelKey channel) {
  bool removed = false;
  for (auto it = consumerTable_.begin(); it != consumerTable_.end();) {
    if (!it->second.doChannelCloseEvent(channel)) {
      ++it;
      continue;
    }
    removed = true;
    // Java (5.x): CHANGE unless broadcasting; the group's notify flag is not consulted here.
    if (!it->second.isBroadcasting()) listener_(it->first, it->second.getAllChannel());
    it = it->second.channelInfoTable().empty() ? eraseGroup(it) : std::next(it);
  }
  return removed;
}

std::vector<std::pair<std::string, ClientChannelInfo>> ConsumerManager::scanNotActiveChannel(SimTime now,
                                                                                             SimTime timeout) {
  std::vector<std::pair<std::string, ClientChannelInfo>> out;
  for (auto it = consumerTable_.begin(); it != consumerTable_.end();) {
    for (auto& c : it->second.removeExpired(now, timeout)) out.emplace_back(it->first, std::move(c));
    it = it->second.channelInfoTable().empty() ? eraseGroup(it) : std::next(it);
  }
  return out;
}

std::shared_ptr<const std::vector<std::string>> ConsumerManager::consumerIdList(const ConsumerGroupInfo* g) {
  if (!g || g->channelInfoTable().empty()) return nullptr;
  return g->getAllClientId();
}

bool ConsumerManager::hasSubscription(const std::string& group, const std::string& topic) const {
  for (const SubscriptionAnswer& a : answers_)
    if (a.groupsVersion == groupsVersion_ && (!a.info || a.info->subscriptionVersion() == a.subscriptionVersion) &&
        a.topic == topic && a.group == group)
      return a.exists;
  const ConsumerGroupInfo* g = getConsumerGroupInfo(group);
  SubscriptionAnswer& a = answers_[nextAnswer_];
  nextAnswer_ = (nextAnswer_ + 1) % answers_.size();
  a.group = group;
  a.topic = topic;
  a.groupsVersion = groupsVersion_;
  a.info = g;
  a.subscriptionVersion = g ? g->subscriptionVersion() : 0;
  a.exists = g && g->subscriptionTable().count(topic) > 0;
  return a.exists;
}

const ConsumerGroupInfo* ConsumerManager::getConsumerGroupInfo(const std::string& group) const {
  return findGroup(group);
}

}  // namespace rmqsim
