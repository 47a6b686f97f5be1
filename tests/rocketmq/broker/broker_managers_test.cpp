#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "rocketmq/broker/consumer_manager.h"
#include "rocketmq/broker/consumer_offset_manager.h"
#include "rocketmq/broker/rebalance_lock_manager.h"
#include "rocketmq/namesrv/route_info_manager.h"

using namespace rmqsim;

namespace {
// Set member by member: a braced {channel, id} leaves the verification fields out, and GCC
// warns about every such initializer (-Wmissing-field-initializers).
ClientChannelInfo channel(ClientIndex index, const std::string& clientId) {
  ClientChannelInfo info;
  info.channel = index;
  info.clientId = clientId;
  return info;
}
}  // namespace

TEST_CASE("rocketmq/broker/ConsumerManager/new channel fires CHANGE, refresh does not, expiry never") {
  std::vector<std::vector<ChannelKey>> changes;
  ConsumerManager cm([&](const std::string&, const std::vector<ChannelKey>& ch) { changes.push_back(ch); });
  const std::set<std::string> topics{"orders", "%RETRY%g"};
  cm.registerConsumer("g", channel(0, "10.0.0.1@1"), false, topics, true, 0);
  CHECK(changes.size() == 1);
  cm.registerConsumer("g", channel(0, "10.0.0.1@1"), false, topics, true, 1000);
  CHECK(changes.size() == 1);
  cm.registerConsumer("g", channel(1, "10.0.0.1@1"), false, topics, true, 2000);  // same id, other process
  CHECK(changes.size() == 2);
  CHECK(*cm.findConsumerIdList("g") == std::vector<std::string>{"10.0.0.1@1", "10.0.0.1@1"});
  auto expired = cm.scanNotActiveChannel(121'500, 120'000);
  CHECK(expired.size() == 1);
  CHECK(changes.size() == 2);  // the scan notifies nobody
  cm.doChannelCloseEvent(1);
  CHECK(changes.size() == 3);
  CHECK(cm.findConsumerIdList("g") == nullptr);
}

TEST_CASE("rocketmq/broker/ConsumerManager/notify flag off and broadcasting suppress CHANGE on register") {
  int changes = 0;
  ConsumerManager cm([&](const std::string&, const std::vector<ChannelKey>&) { ++changes; });
  cm.registerConsumer("g", channel(0, "a"), false, {"t"}, false, 0);
  cm.registerConsumer("b", channel(1, "b"), true, {"t"}, true, 0);
  CHECK(changes == 0);
  cm.unregisterConsumer("g", 0, true);
  CHECK(changes == 1);
}

TEST_CASE("rocketmq/broker/ConsumerManager/the channel list kept beside the table is the table's keys") {
  // getAllChannel is maintained incrementally (not walked from the table): after any mix of
  // heartbeats, unregisters, closes and expiries it lists the table's channels in order, and each
  // CHANGE carries the list the group holds after the change (empty when the group went).
  std::vector<std::vector<ChannelKey>> told;
  ConsumerManager cm([&](const std::string&, const std::vector<ChannelKey>& ch) { told.push_back(ch); });
  auto keysOf = [&](const std::string& group) {
    std::vector<ChannelKey> keys;
    if (const ConsumerGroupInfo* g = cm.getConsumerGroupInfo(group))
      for (const auto& [ch, c] : g->channelInfoTable()) keys.push_back(ch);
    return keys;
  };
  std::uint64_t state = 42;
  auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  const std::set<std::string> topics{"t"};
  SimTime now = 0;
  int changes = 0;
  for (int step = 0; step < 4000; ++step) {
    now += static_cast<SimTime>(next(3000));
    const auto ch = channelKey(static_cast<ClientIndex>(next(40)), next(3));
    const std::size_t before = told.size();
    switch (next(4)) {
      case 0:
      case 1: {
        ClientChannelInfo info = channel(0, next(4) ? "id" : "renamed");  // an id may change on its channel
        info.channel = ch;
        cm.registerConsumer("g", info, false, topics, true, now);
        break;
      }
      case 2:
        if (next(2)) cm.unregisterConsumer("g", ch, true);
        else cm.doChannelCloseEvent(ch);
        break;
      default:
        cm.scanNotActiveChannel(now, 20'000);
        break;
    }
    if (const ConsumerGroupInfo* g = cm.getConsumerGroupInfo("g")) {
      REQUIRE(g->getAllChannel() == keysOf("g"));
      std::vector<std::string> ids;  // the id list is kept beside the table too
      for (const auto& [key, c] : g->channelInfoTable()) ids.push_back(c.clientId);
      REQUIRE(*g->getAllClientId() == ids);
    }
    if (told.size() > before) {
      ++changes;
      CHECK(told.back() == keysOf("g"));
    }
  }
  CHECK(changes > 1000);
}

TEST_CASE("rocketmq/broker/ConsumerGroupInfo/another broker's equal id list is shared, an unequal one never") {
  ConsumerManager a([](const std::string&, const std::vector<ChannelKey>&) {});
  ConsumerManager b([](const std::string&, const std::vector<ChannelKey>&) {});
  for (ConsumerManager* cm : {&a, &b}) {
    cm->registerConsumer("g", channel(0, "x"), false, {"t"}, true, 0);
    cm->registerConsumer("g", channel(1, "y"), false, {"t"}, true, 0);
  }
  const ConsumerGroupInfo& ga = *a.getConsumerGroupInfo("g");
  const ConsumerGroupInfo& gb = *b.getConsumerGroupInfo("g");
  CHECK_FALSE(gb.shareClientIds(ga.builtClientIds()));  // nothing built yet
  const auto listA = ga.getAllClientId();
  CHECK(gb.shareClientIds(listA));
  CHECK(gb.getAllClientId() == listA);  // the same object
  CHECK_FALSE(gb.shareClientIds(listA));  // one is built already
  b.registerConsumer("g", channel(2, "z"), false, {"t"}, true, 0);
  CHECK_FALSE(gb.shareClientIds(listA));  // other ids now
  CHECK(*gb.getAllClientId() == std::vector<std::string>{"x", "y", "z"});
  CHECK(*listA == std::vector<std::string>{"x", "y"});  // a list handed out never changes
}

TEST_CASE("rocketmq/broker/ConsumerManager/remembered entries are never used stale") {
  // The refresh hint points to a group's entry and each group remembers each client's entry by
  // client index; after a channel or group was removed (and perhaps added again: a new entry),
  // a refresh must find the entry that is there now, or none.
  ConsumerManager cm([](const std::string&, const std::vector<ChannelKey>&) {});
  const auto topics = std::make_shared<const std::set<std::string>>(std::set<std::string>{"t"});
  auto stamp = [&](ChannelKey ch) {
    const ConsumerGroupInfo* g = cm.getConsumerGroupInfo("g");
    return g && g->channelInfoTable().count(ch) ? g->channelInfoTable().at(ch).lastUpdateTimestamp : -1;
  };
  ConsumerManager::RefreshHint hint;
  const ChannelKey a = channelKey(0, 1), b = channelKey(1, 1);
  cm.registerConsumer("g", channel(0, "x"), false, *topics, true, 0);
  ClientChannelInfo infoA = channel(0, "x");
  infoA.channel = a;
  cm.registerConsumer("g", infoA, false, *topics, true, 0);
  CHECK(cm.refreshConsumer("g", a, "x", topics, 100, &hint));
  CHECK(stamp(a) == 100);
  CHECK(cm.refreshConsumer("g", a, "x", topics, 200, &hint));  // through the hint
  CHECK(stamp(a) == 200);
  CHECK_FALSE(cm.refreshConsumer("g", b, "x", topics, 250, &hint));  // another channel: not the hint's
  // The channel goes and comes back: a new entry. Meanwhile another group takes the same
  // channel (a client in two groups), whose entry is likely allocated where the old one was.
  cm.unregisterConsumer("g", a, true);
  CHECK_FALSE(cm.refreshConsumer("g", a, "x", topics, 300, &hint));
  cm.registerConsumer("h", infoA, false, *topics, true, 305);
  cm.registerConsumer("g", infoA, false, *topics, true, 310);
  CHECK(cm.refreshConsumer("g", a, "x", topics, 400, &hint));
  CHECK(stamp(a) == 400);
  cm.unregisterConsumer("h", a, true);
  // Another channel of the group goes: the hint's entry stays, found again.
  cm.doChannelCloseEvent(0);
  CHECK(cm.refreshConsumer("g", a, "x", topics, 500, &hint));
  CHECK(stamp(a) == 500);
  // The whole group goes and comes back after another group was created (a broker restart
  // clears the table too).
  cm.unregisterConsumer("g", a, true);
  CHECK(cm.getConsumerGroupInfo("g") == nullptr);
  CHECK_FALSE(cm.refreshConsumer("g", a, "x", topics, 600, &hint));
  cm.registerConsumer("h", infoA, false, *topics, true, 605);
  cm.registerConsumer("g", infoA, false, *topics, true, 610);
  CHECK(cm.refreshConsumer("g", a, "x", topics, 700, &hint));
  CHECK(stamp(a) == 700);
  cm.clear();
  cm.registerConsumer("h", infoA, false, *topics, true, 705);
  cm.registerConsumer("g", infoA, false, *topics, true, 710);
  CHECK(cm.refreshConsumer("g", a, "x", topics, 800, &hint));
  CHECK(stamp(a) == 800);
  // The id changed on the same channel: no refresh, through the hint or not.
  ClientChannelInfo renamed = channel(0, "y");
  renamed.channel = a;
  cm.registerConsumer("g", renamed, false, *topics, true, 810);
  CHECK_FALSE(cm.refreshConsumer("g", a, "x", topics, 900, &hint));
  CHECK(stamp(a) == 810);
}

TEST_CASE("rocketmq/broker/ConsumerManager/a client's own id, once verified, is not compared until the channel's id changes") {
  ConsumerManager cm([](const std::string&, const std::vector<ChannelKey>&) {});
  const auto topics = std::make_shared<const std::set<std::string>>(std::set<std::string>{"t"});
  const ChannelKey a = channelKey(0, 1);
  ClientChannelInfo info = channel(0, "x");
  info.channel = a;
  cm.registerConsumer("g", info, false, *topics, true, 0);
  const auto verified = [&] { return cm.getConsumerGroupInfo("g")->channelInfoTable().at(a).ownIdVerified; };
  const std::string own = "x";
  CHECK_FALSE(cm.refreshConsumer("g", a, "z", topics, 50, nullptr, true));  // compared: differs
  CHECK_FALSE(verified());
  CHECK(cm.refreshConsumer("g", a, own, topics, 100, nullptr, true));
  CHECK(verified());
  CHECK_FALSE(cm.refreshConsumer("g", a, "z", topics, 150, nullptr, false));  // not the own id: compared
  // The id on the channel changes (updateChannel): the verification is gone, the next
  // refresh compares again and refuses the old id.
  ClientChannelInfo renamed = channel(0, "y");
  renamed.channel = a;
  cm.registerConsumer("g", renamed, false, *topics, true, 200);
  CHECK_FALSE(verified());
  CHECK_FALSE(cm.refreshConsumer("g", a, own, topics, 300, nullptr, true));
  const std::string ownY = "y";
  CHECK(cm.refreshConsumer("g", a, ownY, topics, 400, nullptr, true));
  CHECK(verified());
}

TEST_CASE("rocketmq/broker/ConsumerManager/remembered subscription answers follow the table") {
  // hasSubscription remembers its answers; every change of the group table or of a group's
  // subscriptions must show, whichever questions were asked before.
  ConsumerManager cm([](const std::string&, const std::vector<ChannelKey>&) {});
  auto ask = [&](const std::string& g, const std::string& t) {
    const ConsumerGroupInfo* info = cm.getConsumerGroupInfo(g);
    const bool truth = info && info->subscriptionTable().count(t) > 0;
    CHECK(cm.hasSubscription(g, t) == truth);
    CHECK(cm.hasSubscription(g, t) == truth);  // now from memory
    return truth;
  };
  CHECK_FALSE(ask("g", "orders"));
  cm.registerConsumer("g", channel(0, "a"), false, {"orders", "%RETRY%g"}, true, 0);  // the group appears
  CHECK(ask("g", "orders"));
  CHECK(ask("g", "%RETRY%g"));
  CHECK_FALSE(ask("g", "other"));
  CHECK_FALSE(ask("h", "orders"));
  cm.registerConsumer("g", channel(0, "a"), false, {"other"}, true, 1);  // its subscriptions change
  CHECK_FALSE(ask("g", "orders"));
  CHECK(ask("g", "other"));
  cm.unregisterConsumer("g", 0, true);  // the group goes
  CHECK_FALSE(ask("g", "other"));
  cm.registerConsumer("g", channel(1, "b"), false, {"other"}, true, 2);
  CHECK(ask("g", "other"));
  cm.clear();  // a broker restart
  CHECK_FALSE(ask("g", "other"));
  cm.registerConsumer("h", channel(1, "b"), false, {"orders"}, true, 3);
  CHECK(ask("h", "orders"));
  for (const char* t : {"t0", "t1", "t2", "t3", "t4", "t5"}) CHECK_FALSE(ask("h", t));  // more than are kept
  CHECK(ask("h", "orders"));
}

TEST_CASE("rocketmq/broker/RebalanceLockManager/one holder per queue until expiry") {
  RebalanceLockManager lm(60'000);
  CHECK(lm.tryLockBatch(0, {1, 2}, "A", 0).size() == 2);
  CHECK(lm.tryLockBatch(0, {2, 3}, "B", 10'000) == std::vector<QueueIndex>{3});
  CHECK(lm.lockedBy(0, 2, 10'000) == "A");
  CHECK(lm.tryLockBatch(0, {2}, "A", 30'000).size() == 1);   // renewal
  CHECK(lm.tryLockBatch(0, {2}, "B", 90'000).empty());       // 60 s after renewal: still live
  CHECK(lm.tryLockBatch(0, {2}, "B", 90'001).size() == 1);   // expired: taken over
  lm.unlockBatch(0, {2}, "A");                               // not A's any more
  CHECK(lm.lockedBy(0, 2, 90'001) == "B");
  CHECK(lm.tryLockBatch(1, {2}, "A", 90'001).size() == 1);   // other group, other table
}

TEST_CASE("rocketmq/namesrv/RouteInfoManager/registration, close and expiry") {
  RouteInfoManager rim;
  rim.registerBroker("broker-a", {{"orders", QueueData{"broker-a", 8, 8, 6}}}, 0);
  rim.registerBroker("broker-b", {{"orders", QueueData{"broker-b", 4, 4, 6}}}, 0);
  auto r = rim.pickupTopicRouteData("orders");
  REQUIRE(r);
  CHECK(r->queueDatas.size() == 2);
  CHECK(rim.pickupTopicRouteData("orders") == r);  // shared snapshot
  rim.onChannelDestroy("broker-b");
  CHECK(rim.pickupTopicRouteData("orders")->queueDatas.size() == 1);
  rim.registerBroker("broker-a", {{"orders", QueueData{"broker-a", 8, 8, 6}}}, 10'000);
  CHECK(rim.scanNotActiveBroker(130'000, 120'000).empty());
  CHECK(rim.scanNotActiveBroker(130'001, 120'000) == std::vector<std::string>{"broker-a"});
  CHECK(rim.pickupTopicRouteData("orders") == nullptr);
}

TEST_CASE("rocketmq/broker/ConsumerOffsetManager/a commit takes effect when it arrives") {
  ConsumerOffsetManager m;
  CHECK(m.queryOffset(0, 3, 0) == -1);
  m.commitOffset(0, 3, 100, /*at=*/1005);
  CHECK(m.queryOffset(0, 3, 1004) == -1);  // still on the wire
  CHECK(m.queryOffset(0, 3, 1005) == 100);
  m.commitOffset(0, 3, 150, 6003);
  CHECK(m.queryOffset(0, 3, 6000) == 100);
  CHECK(m.queryOffset(0, 3, 6003) == 150);
  CHECK(m.queryOffset(1, 3, 9000) == -1);  // another group
}

namespace {
struct FixedSource final : PullCommitSource {
  std::int64_t offset = 0;
  std::int64_t pullCommitOffset(QueueIndex mq, SimTime) const override { return offset > 0 ? offset + mq : 0; }
};
}  // namespace

TEST_CASE("rocketmq/broker/ConsumerOffsetManager/pullers: the latest pulling one commits, as a list would") {
  // The latest puller sits in the entry and the ones it took over from apart: after any mix of
  // attaches and detaches, a query answers what a per-queue list of pullers (latest last, the
  // first listed of a detached source removed) answers.
  std::vector<FixedSource> sources(4);
  for (std::size_t i = 0; i < sources.size(); ++i) sources[i].offset = i == 3 ? 0 : static_cast<std::int64_t>(i + 1) * 100;
  ConsumerOffsetManager m;
  std::map<std::pair<GroupIndex, QueueIndex>, std::vector<const PullCommitSource*>> lists;
  std::map<std::pair<GroupIndex, QueueIndex>, std::int64_t> committed;
  std::uint64_t state = 7;
  auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  for (SimTime now = 1; now < 5000; ++now) {
    const auto g = static_cast<GroupIndex>(next(2));
    const auto q = static_cast<QueueIndex>(next(3));
    const PullCommitSource* s = &sources[next(sources.size())];
    auto& list = lists[{g, q}];
    if (next(2)) {
      m.attachPuller(g, q, s);
      list.push_back(s);
    } else {
      m.detachPuller(g, q, s, now);
      auto it = std::find(list.begin(), list.end(), s);
      if (it != list.end()) {
        if (const std::int64_t last = s->pullCommitOffset(q, now); last > 0) committed[{g, q}] = last;
        list.erase(it);
      }
    }
    for (const auto& [key, l] : lists) {
      std::int64_t want = committed.count(key) ? committed[key] : -1;
      if (!l.empty() && l.back()->pullCommitOffset(key.second, now) > 0) want = l.back()->pullCommitOffset(key.second, now);
      REQUIRE(m.queryOffset(key.first, key.second, now) == want);
    }
  }
}
