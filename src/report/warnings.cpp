#include "report/warnings.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <map>

#include "report/queue_ranges.h"
#include "scenario/duration.h"

namespace rmqsim {

namespace {

std::string seconds(double s) {
  if (s >= 100) return std::to_string(static_cast<long long>(std::lround(s))) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s);
  return buf;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

/// "g-1 crashed", "broker-a was killed": the cause of a finding, in words.
std::string describeEvent(const EventMetrics& e) {
  static const std::map<std::string, std::string> kVerb = {
      {"stop", "stopped"},         {"kill", "was killed"},          {"crash", "crashed"},
      {"pause", "was paused"},     {"resume", "resumed"},           {"restart", "restarted"},
      {"partition", "was cut off"}, {"heal", "was reconnected"},    {"broker_kill", "was killed"},
      {"broker_crash", "crashed"}, {"broker_up", "came back"},      {"nameserver_down", "went down"},
      {"nameserver_up", "came back"}, {"set_queues", "changed its queue count"},
      {"rolling_restart", "began a rolling restart"},               {"start", "started new clients"}};
  const std::string at = " (at " + formatDuration(e.at) + ")";
  auto verb = kVerb.find(e.action);
  if (verb == kVerb.end() || e.target.empty()) return e.action + (e.target.empty() ? "" : " " + e.target) + at;
  return e.target + " " + verb->second + at;
}

/// Whether a queue exists at some point of the run: on its broker at the start or after a
/// `set_queues` (retry queues: every broker, `retry_queues` of them, clustering groups only).
bool queueExists(const Scenario& s, const GroupSpec& g, const MessageQueue& mq) {
  const bool broker = std::any_of(s.brokers.begin(), s.brokers.end(), [&](const BrokerSpec& b) { return b.name == mq.brokerName; });
  if (mq.topic == "%RETRY%" + g.name) return broker && g.model == MessageModel::CLUSTERING && mq.queueId < g.retry_queues;
  int count = -1;
  for (const BrokerSpec& b : s.brokers)
    if (b.name == mq.brokerName)
      for (const TopicSpec& t : b.topics)
        if (t.name == mq.topic) count = std::max(count, t.read_queues);
  if (count < 0) return false;
  for (const EventSpec& e : s.events)
    if (e.action == "set_queues" && e.topic == mq.topic &&
        (e.brokers.empty() || std::find(e.brokers.begin(), e.brokers.end(), mq.brokerName) != e.brokers.end()))
      count = std::max(count, e.queues);
  return mq.queueId >= 0 && mq.queueId < count;
}

/// CONFIG lists are taken as given (Java's AllocateMessageQueueByConfig ignores the real queues),
/// so a name that matches no queue is not an error, but most likely a typo worth saying.
void configQueueWarnings(const Scenario& s, std::vector<std::string>& out) {
  for (const GroupSpec& g : s.groups) {
    if (!g.strategy.params.messageQueueList) continue;
    std::vector<std::string> unknown;
    for (const MessageQueue& mq : *g.strategy.params.messageQueueList)
      if (!queueExists(s, g, mq)) unknown.push_back(mq.topic + "@" + mq.brokerName + ":" + std::to_string(mq.queueId));
    if (!unknown.empty())
      out.push_back("the CONFIG queue list of " + g.name + " names " + compactQueueRanges(unknown) +
                    ", which no broker has: RocketMQ takes the list as given, so no client consumes these (a typo?)");
  }
}

/// rebalance: server with a strategy the broker does not register: nothing is ever assigned.
void serverStrategyWarnings(const Scenario& s, std::vector<std::string>& out) {
  for (const GroupSpec& g : s.groups)
    if (serverRefusesStrategy(g.rebalance, g.orderly, g.model == MessageModel::BROADCASTING, g.strategy.name))
      out.push_back(g.name + " uses rebalance: server with " + g.strategy.name +
                    ", which the brokers' QueryAssignmentProcessor does not register (only AVG and AVG_BY_CIRCLE): "
                    "every QUERY_ASSIGNMENT is refused, so no client of " + g.name + " gets a queue");
}

}  // namespace

std::vector<std::string> plainWarnings(const Scenario& scenario, const RunResult& r) {
  std::vector<std::string> out;
  configQueueWarnings(scenario, out);
  serverStrategyWarnings(scenario, out);
  if (r.partial)
    out.push_back("the run was stopped at " + formatDuration(r.endTime) + " of " + formatDuration(scenario.duration_ms) +
                  ": the figures cover only the simulated part");
  for (const GroupFinal& g : r.groups) {
    for (const auto& [id, names] : g.sharedIds)
      out.push_back("shared client id: " + joinNames(names) + " share the id " + id +
                    "; RocketMQ gives them the same queues, " + std::to_string(g.unownedQueues) + " queue" +
                    (g.unownedQueues == 1 ? "" : "s") + " of " + g.name +
                    " stay unowned (give each process its own instanceName or IP)");
    if (g.balance.idleConsumers > 0 && !g.broadcasting) {
      const std::int64_t idle = g.balance.idleConsumers;
      out.push_back(std::to_string(idle) + (idle == 1 ? " consumer of " : " consumers of ") + g.name +
                    (idle == 1 ? " is" : " are") + " idle: " +
                    (g.balance.consumers > g.balance.queues ? "the group has more consumers than queues (" + std::to_string(g.balance.consumers) +
                                                                  " consumers, " + std::to_string(g.balance.queues) + " queues)"
                                                            : "the strategy gives them no queue"));
    }
    if (g.balance.excessImbalance > 0 && !g.broadcasting) {
      bool topicsBalanced = true;
      for (const TopicFinal& t : g.topics) topicsBalanced = topicsBalanced && t.balance.excessImbalance == 0;
      out.push_back(g.name + " ends unbalanced: loads from " + std::to_string(g.balance.minLoad) + " to " +
                    std::to_string(g.balance.maxLoad) + " queues" +
                    (topicsBalanced ? " although each topic is balanced: every topic's allocation starts at the first-sorted client"
                                    : " (" + std::to_string(g.balance.excessImbalance) + " more than the queue count forces)"));
    }
  }
  // Java's broker answers 0 for a never-committed queue whose first message is in memory, so a
  // skip needs a queue swept past the page cache (brokers[].in_memory_messages) or a restart.
  static constexpr const char* kSkippedWhy =
      " (queues started past them: no committed offset and the first message no longer in the broker's memory, "
      "so consume_from chose the start)";
  std::int64_t eventSkipped = 0;
  for (const EventMetrics& e : r.events) {
    const std::string what = describeEvent(e);
    for (const auto& [broker, longest] : e.longestOrphanByBroker)
      if (longest >= 10.0)
        out.push_back("queues of " + broker + " were unowned for up to " + seconds(longest) + " after " + what);
    if (!e.convergenceSeconds && !r.partial)
      out.push_back((e.groups.size() == 1 ? e.groups.front() : std::string("the cluster")) + " did not converge after " + what + " (before the next event or the end of the run)");
    if (e.duplicates > 0)
      out.push_back(std::to_string(e.duplicates) + " messages were delivered twice after " + what +
                    " (consumed since the last pull committed when queues changed hands, two owners at once, or a woken client "
                    "consuming from its stale offsets)");
    if (e.skippedMessages > 0)
      out.push_back(std::to_string(e.skippedMessages) + " messages were never delivered after " + what + kSkippedWhy);
    eventSkipped += e.skippedMessages;
  }
  if (r.summary.skippedMessages > eventSkipped)
    out.push_back(std::to_string(r.summary.skippedMessages - eventSkipped) + " messages were never delivered before the first event" +
                  kSkippedWhy);
  return out;
}

}  // namespace rmqsim
