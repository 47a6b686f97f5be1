#include "rocketmq/broker/consumer_group_info.h"

#include <algorithm>

namespace rmqsim {

bool ConsumerGroupInfo::updateChannel(const ClientChannelInfo& infoNew, bool broadcasting, SimTime now) {
  broadcasting_ = broadcasting;
  auto it = channelInfoTable_.find(infoNew.channel);
  if (it != channelInfoTable_.end()) {
    ClientChannelInfo& info = it->second;
    if (info.clientId != infoNew.clientId) {
      info.clientId = infoNew.clientId;
      idsCache_.reset();
    }
    info.lastUpdateTimestamp = now;
    oldestTimestampBound_ = std::min(oldestTimestampBound_, now);
    return false;
  }
  ClientChannelInfo added = infoNew;
  added.lastUpdateTimestamp = now;
  oldestTimestampBound_ = std::min(oldestTimestampBound_, now);
  channelInfoTable_.emplace(added.channel, added);
  channels_.insert(std::lower_bound(channels_.begin(), channels_.end(), added.channel), added.channel);
  idsCache_.reset();
  return true;
}

bool ConsumerGroupInfo::refreshChannel(ChannelKey channel, const std::string& clientId,
                                       const std::shared_ptr<const std::set<std::string>>& topics, SimTime at,
                                       ChannelHint* hint) {
  ClientChannelInfo* found = hint && hint->removals == removals_ && hint->info && hint->info->channel == channel
                                 ? hint->info
                                 : nullptr;
  if (!found) {
    auto it = channelInfoTable_.find(channel);
    if (it == channelInfoTable_.end()) return false;
    found = &it->second;
    if (hint) *hint = ChannelHint{found, removals_};
  }
  if (found->clientId != clientId) return false;
  ClientChannelInfo& info = *found;
  if (info.verifiedTopics != topics || info.verifiedVersion != subscriptionVersion_) {
    if (*topics != subscriptionTable_) return false;
    info.verifiedTopics = topics;
    info.verifiedVersion = subscriptionVersion_;
  }
  info.lastUpdateTimestamp = std::max(info.lastUpdateTimestamp, at);
  return true;
}

bool ConsumerGroupInfo::updateSubscription(const std::set<std::string>& topics) {
  if (topics == subscriptionTable_) return false;
  subscriptionTable_ = topics;
  ++subscriptionVersion_;
  return true;
}

bool ConsumerGroupInfo::unregisterChannel(ChannelKey channel) { return doChannelCloseEvent(channel).has_value(); }

std::optional<ClientChannelInfo> ConsumerGroupInfo::doChannelCloseEvent(ChannelKey channel) {
  auto it = channelInfoTable_.find(channel);
  if (it == channelInfoTable_.end()) return std::nullopt;
  ClientChannelInfo info = std::move(it->second);
  channelInfoTable_.erase(it);
  ++removals_;
  channels_.erase(std::lower_bound(channels_.begin(), channels_.end(), channel));
  idsCache_.reset();
  return info;
}

std::vector<ClientChannelInfo> ConsumerGroupInfo::removeExpired(SimTime now, SimTime timeout) {
  std::vector<ClientChannelInfo> expired;
  if (now - oldestTimestampBound_ <= timeout) return expired;  // every channel is younger
  oldestTimestampBound_ = kNever;
  for (auto it = channelInfoTable_.begin(); it != channelInfoTable_.end();) {
    if (now - it->second.lastUpdateTimestamp > timeout) {
      expired.push_back(it->second);
      it = channelInfoTable_.erase(it);
    } else {
      oldestTimestampBound_ = std::min(oldestTimestampBound_, it->second.lastUpdateTimestamp);
      ++it;
    }
  }
  if (!expired.empty()) {
    ++removals_;
    idsCache_.reset();
    channels_.clear();
    for (const auto& [ch, c] : channelInfoTable_) channels_.push_back(ch);
  }
  return expired;
}

std::shared_ptr<const std::vector<std::string>> ConsumerGroupInfo::getAllClientId() const {
  if (!idsCache_) {
    auto ids = std::make_shared<std::vector<std::string>>();
    ids->reserve(channelInfoTable_.size());
    for (const auto& [ch, c] : channelInfoTable_) ids->push_back(c.clientId);
    idsCache_ = std::move(ids);
  }
  return idsCache_;
}

}  // namespace rmqsim
