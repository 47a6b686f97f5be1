#include "rocketmq/broker/consumer_group_info.h"

#include <algorithm>

namespace rmqsim {

bool ConsumerGroupInfo::updateChannel(const ClientChannelInfo& infoNew, bool broadcasting, SimTime now) {
  broadcasting_ = broadcasting;
  if (ClientChannelInfo* found = findChannel(infoNew.channel)) {
    ClientChannelInfo& info = *found;
    if (info.clientId != infoNew.clientId) {
      info.clientId = infoNew.clientId;
      info.ownIdVerified = false;
      clientIds_[position(infoNew.channel)] = infoNew.clientId;
      idsCache_.reset();
    }
    info.lastUpdateTimestamp = now;
    oldestTimestampBound_ = std::min(oldestTimestampBound_, now);
    return false;
  }
  ClientChannelInfo added = infoNew;
  added.lastUpdateTimestamp = now;
  oldestTimestampBound_ = std::min(oldestTimestampBound_, now);
  remember(&channelInfoTable_.emplace(added.channel, added).first->second);
  const auto at = std::lower_bound(channels_.begin(), channels_.end(), added.channel);
  clientIds_.insert(clientIds_.begin() + (at - channels_.begin()), added.clientId);
  channels_.insert(at, added.channel);
  idsCache_.reset();
  return true;
}

bool ConsumerGroupInfo::refreshChannel(ChannelKey channel, const std::string& clientId,
                                       const std::shared_ptr<const std::set<std::string>>& topics, SimTime at,
                                       bool ownId) {
  ClientChannelInfo* found = findChannel(channel);
  if (!found) return false;
  ClientChannelInfo& info = *found;
  // A channel's client is fixed, and so is its own id: once equal, always (until reassigned).
  if (!(ownId && info.ownIdVerified)) {
    if (info.clientId != clientId) return false;
    info.ownIdVerified = ownId;
  }
  if (info.verifiedTopics != topics || info.verifiedVersion != subscriptionVersion_) {
    if (*topics != subscriptionTable_) return false;
    info.verifiedTopics = topics;
    info.verifiedVersion = subscriptionVersion_;
  }
  info.lastUpdateTimestamp = std::max(info.lastUpdateTimestamp, at);
  return true;
}

ClientChannelInfo* ConsumerGroupInfo::findChannel(ChannelKey channel) {
  const auto c = static_cast<std::size_t>(clientOf(channel));
  if (c < byClient_.size() && byClient_[c] && byClient_[c]->channel == channel) return byClient_[c];
  auto it = channelInfoTable_.find(channel);
  if (it == channelInfoTable_.end()) return nullptr;
  remember(&it->second);
  return &it->second;
}

void ConsumerGroupInfo::remember(ClientChannelInfo* info) {
  const auto c = static_cast<std::size_t>(clientOf(info->channel));
  if (c >= kMaxRemembered) return;
  if (byClient_.size() <= c) byClient_.resize(c + 1, nullptr);
  byClient_[c] = info;
}

void ConsumerGroupInfo::forget(const ClientChannelInfo* info) {
  const auto c = static_cast<std::size_t>(clientOf(info->channel));
  if (c < byClient_.size() && byClient_[c] == info) byClient_[c] = nullptr;
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
  forget(&it->second);
  channelInfoTable_.erase(it);
  const std::size_t at = position(channel);
  channels_.erase(channels_.begin() + static_cast<std::ptrdiff_t>(at));
  clientIds_.erase(clientIds_.begin() + static_cast<std::ptrdiff_t>(at));
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
      forget(&it->second);
      it = channelInfoTable_.erase(it);
    } else {
      oldestTimestampBound_ = std::min(oldestTimestampBound_, it->second.lastUpdateTimestamp);
      ++it;
    }
  }
  if (!expired.empty()) {
    idsCache_.reset();
    channels_.clear();
    clientIds_.clear();
    for (const auto& [ch, c] : channelInfoTable_) {
      channels_.push_back(ch);
      clientIds_.push_back(c.clientId);
    }
  }
  return expired;
}

void ConsumerGroupInfo::buildClientIds() const { idsCache_ = std::make_shared<const std::vector<std::string>>(clientIds_); }

bool ConsumerGroupInfo::shareClientIds(const std::shared_ptr<const std::vector<std::string>>& ids) const {
  if (idsCache_ || !ids || *ids != clientIds_) return false;
  idsCache_ = ids;
  return true;
}

std::size_t ConsumerGroupInfo::position(ChannelKey channel) const {
  return static_cast<std::size_t>(std::lower_bound(channels_.begin(), channels_.end(), channel) - channels_.begin());
}

}  // namespace rmqsim
