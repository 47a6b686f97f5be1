#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "engine/random.h"
#include "report/synthetic_timeline.h"

using namespace rmqsim;
using namespace rmqsim::test;

namespace {

using Iv = std::tuple<ClientIndex, QueueIndex, SimTime, SimTime>;
using Per = std::tuple<QueueIndex, SimTime, SimTime>;

std::vector<Iv> intervals(const Timeline& t) {
  std::vector<Iv> out;
  for (const auto& i : t.intervals()) out.emplace_back(i.client, i.queue, i.start, i.end);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Per> periods(const std::vector<QueuePeriod>& ps) {
  std::vector<Per> out;
  for (const auto& p : ps) out.emplace_back(p.queue, p.start, p.end);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<SimTime, std::int32_t>> loadsOf(const Timeline& t, ClientIndex c) {
  std::vector<std::pair<SimTime, std::int32_t>> out;
  for (const auto& l : t.loads())
    if (l.client == c) out.emplace_back(l.at, l.load);
  return out;
}

}  // namespace

TEST_CASE("report/timeline/ownership intervals end at removal, death and the end of the run") {
  const Timeline t = syntheticRun().record();
  CHECK(t.end == 20000);
  const std::vector<Iv> want = {{0, 0, 1000, 20000}, {0, 1, 1000, 20000}, {0, 2, 1000, 6500}, {0, 2, 12000, 20000},
                                {0, 3, 1000, 6500},  {0, 3, 12000, 20000}, {0, 4, 1000, 20000}, {1, 2, 6000, 10000},
                                {1, 3, 6000, 10000}};
  CHECK(intervals(t) == want);
}

TEST_CASE("report/timeline/orphan and overlap periods per queue") {
  const Timeline t = syntheticRun().record();
  // Before the first rebalance every subscribable queue (retry queue included) is orphan.
  const std::vector<Per> orphans = {{0, 0, 1000}, {1, 0, 1000}, {2, 0, 1000}, {2, 10000, 12000},
                                    {3, 0, 1000}, {3, 10000, 12000}, {4, 0, 1000}};
  CHECK(periods(t.orphans()) == orphans);
  const std::vector<Per> overlaps = {{2, 6000, 6500}, {3, 6000, 6500}};
  CHECK(periods(t.overlaps()) == overlaps);
  for (const auto& p : t.orphans()) CHECK(p.group == 0);
}

TEST_CASE("report/timeline/broadcasting: several owners of a queue are no overlap") {
  SyntheticRun s = syntheticRun();
  s.scenario.groups[0].model = MessageModel::BROADCASTING;
  const Timeline t = s.record();
  CHECK(t.overlaps().empty());  // G-0 and G-1 both held q2, q3 from 6000 to 6500
  const std::vector<Per> orphans = {{0, 0, 1000}, {1, 0, 1000}, {2, 0, 1000}, {2, 10000, 12000},
                                    {3, 0, 1000}, {3, 10000, 12000}};  // no retry topic
  CHECK(periods(t.orphans()) == orphans);
}

TEST_CASE("report/timeline/load is a step function coalesced per instant") {
  const Timeline t = syntheticRun().record();
  // Five EvQueueAdded at 1000 make one step, not five.
  CHECK(loadsOf(t, 0) == std::vector<std::pair<SimTime, std::int32_t>>{{0, 0}, {1000, 5}, {6500, 3}, {12000, 5}});
  CHECK(loadsOf(t, 1) == std::vector<std::pair<SimTime, std::int32_t>>{{5000, 0}, {6000, 2}, {10000, 0}});
  REQUIRE(t.lifetimes.size() == 2);
  CHECK(t.lifetimes[0] == std::pair<SimTime, SimTime>{0, -1});
  CHECK(t.lifetimes[1] == std::pair<SimTime, SimTime>{5000, 10000});
}

TEST_CASE("report/timeline/backlog samples and instants") {
  const Timeline t = syntheticRun().record();
  const std::vector<BacklogSample> backlog = t.backlog();
  REQUIRE(backlog.size() == 4);
  CHECK(backlog[0].backlog == 60);
  CHECK(backlog[1].backlog == 100);  // nothing committed yet (-1): all of it
  CHECK(backlog[3].backlog == 10);
  CHECK(t.sampleTicks == std::vector<SimTime>{2000, 14000});
  std::vector<std::string> kinds;
  for (const auto& i : t.instants()) kinds.push_back(i.kind);
  CHECK(kinds == std::vector<std::string>{"started", "rebalance", "started", "notify", "crashed", "event"});
  CHECK(t.instants().back().client == -1);
  CHECK(t.instants().back().detail == "kill G-1");
}

TEST_CASE("report/timeline/a paused client owns nothing until resumed") {
  SyntheticRun s = syntheticRun();
  s.events.pop_back();  // run end
  s.events.push_back(EvClientLifecycle{15000, 0, ClientLifecycle::PAUSED});
  s.events.push_back(EvQueueRemoved{15500, 0, 4});  // dropped while paused: not reopened on resume
  s.events.push_back(EvClientLifecycle{16000, 0, ClientLifecycle::RESUMED});
  s.events.push_back(EvRunEnd{20000, false});
  const Timeline t = s.record();
  std::vector<Iv> c0q0;
  for (const Iv& iv : intervals(t))
    if (std::get<0>(iv) == 0 && (std::get<1>(iv) == 0 || std::get<1>(iv) == 4)) c0q0.push_back(iv);
  CHECK(c0q0 == std::vector<Iv>{{0, 0, 1000, 15000}, {0, 0, 16000, 20000}, {0, 4, 1000, 15000}});
  // G-0 is the group's only live client: paused, the group has none, so no orphan is counted then.
  for (const auto& p : t.orphans()) CHECK_FALSE((p.start < 16000 && p.end > 15000));
  // Queue 4 is orphan from the resume on (nobody re-took it).
  bool q4 = false;
  for (const auto& p : t.orphans()) q4 |= p.queue == 4 && p.start == 16000 && p.end == 20000;
  CHECK(q4);
  const auto l = loadsOf(t, 0);
  CHECK(l.back() == std::pair<SimTime, std::int32_t>{16000, 4});
  CHECK(l[l.size() - 2] == std::pair<SimTime, std::int32_t>{15000, 0});
}

TEST_CASE("report/timeline/instants beyond the cap are counted, not kept") {
  SyntheticRun s = syntheticRun();
  TimelineRecorder r(s.scenario);
  for (std::size_t i = 0; i < TimelineRecorder::kMaxInstants + 5; ++i)
    r.onEvent(EvNotify{static_cast<SimTime>(i), 0, "b"}, s.catalog);
  CHECK(r.timeline().instants().size() == TimelineRecorder::kMaxInstants);
  CHECK(r.timeline().droppedInstants == 5);
}

TEST_CASE("report/timeline/a queue move costs a few bytes, and the change log reads back every change in order") {
  SyntheticRun s = syntheticRun();
  constexpr int kClients = 100, kQueues = 3000, kMoves = 100000;
  s.catalog.clients.clear();
  s.catalog.queues.clear();
  for (int c = 0; c < kClients; ++c) s.catalog.clients.push_back({"G-" + std::to_string(c), "10.0.0." + std::to_string(c) + "@1#0", 0});
  std::vector<QueueIndex> all;
  for (int q = 0; q < kQueues; ++q) s.catalog.queues.push_back(MessageQueue{"T", "b", q}), all.push_back(q);
  TimelineRecorder r(s.scenario);
  std::vector<OwnerChange> want;
  for (ClientIndex c = 0; c < kClients; ++c) r.onEvent(EvClientLifecycle{0, c, ClientLifecycle::STARTED}, s.catalog);
  r.onEvent(EvQueueSetChanged{0, "T", all}, s.catalog);
  std::vector<ClientIndex> owner(kQueues);
  for (QueueIndex q = 0; q < kQueues; ++q) {
    owner[static_cast<std::size_t>(q)] = q % kClients;
    r.onEvent(EvQueueAdded{10, q % kClients, q}, s.catalog);
    want.push_back(OwnerChange{10, q % kClients, q, true});
  }
  // Moves: a queue handed from its owner to another client (a rebalance round's drop and take).
  Random rng(5);
  SimTime at = 10;
  for (int i = 0; i < kMoves; ++i) {
    at += static_cast<SimTime>(rng.nextBounded(50));
    const auto q = static_cast<QueueIndex>(rng.nextBounded(kQueues));
    ClientIndex& o = owner[static_cast<std::size_t>(q)];
    const auto to = static_cast<ClientIndex>((o + 1 + static_cast<ClientIndex>(rng.nextBounded(kClients - 1))) % kClients);
    r.onEvent(EvQueueRemoved{at, o, q}, s.catalog);
    r.onEvent(EvQueueAdded{at, to, q}, s.catalog);
    want.push_back(OwnerChange{at, o, q, false});
    want.push_back(OwnerChange{at, to, q, true});
    o = to;
  }
  const SimTime end = at + 1000;
  r.onEvent(EvRunEnd{end, false}, s.catalog);
  // The end of the run closes every open ownership, by client then queue.
  std::vector<std::pair<ClientIndex, QueueIndex>> open;
  for (QueueIndex q = 0; q < kQueues; ++q) open.emplace_back(owner[static_cast<std::size_t>(q)], q);
  std::sort(open.begin(), open.end());
  for (const auto& [c, q] : open) want.push_back(OwnerChange{end, c, q, false});

  const Timeline& t = r.timeline();
  using Key = std::tuple<SimTime, ClientIndex, QueueIndex, bool>;
  std::vector<Key> got, expected;
  t.forEachChange([&](const OwnerChange& ch) { got.emplace_back(ch.at, ch.client, ch.queue, ch.gain); });
  for (const OwnerChange& ch : want) expected.emplace_back(ch.at, ch.client, ch.queue, ch.gain);
  CHECK(got == expected);
  CHECK(t.changeCount == want.size());
  // Two changes and two load steps per move; a rich record was 24 to 32 bytes each.
  MESSAGE("change log " << t.changeLog.bytes() << " B, all streams " << t.encodedBytes() << " B for " << kMoves << " moves");
  CHECK(t.changeLog.bytes() <= 9 * static_cast<std::size_t>(kMoves));
  CHECK(t.encodedBytes() <= 20 * static_cast<std::size_t>(kMoves));
  // A step per client and instant: the start (0), the first table, then at most two per move.
  CHECK(t.loadCount <= 2 * static_cast<std::size_t>(kMoves) + 2 * kClients);
  CHECK(t.loadCount > static_cast<std::size_t>(kMoves));
}
