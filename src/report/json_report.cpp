#include "report/json_report.h"

#include <cmath>
#include <optional>

#include "report/pop_metrics_meaning.h"
#include "report/warnings.h"

namespace rmqsim {

namespace {

using Json = nlohmann::ordered_json;

// Rounded numbers; a non-finite value (never expected) becomes null, never NaN in the output.
Json r3(double v) { return std::isfinite(v) ? Json(std::round(v * 1000.0) / 1000.0) : Json(nullptr); }
Json r4(double v) { return std::isfinite(v) ? Json(std::round(v * 10000.0) / 10000.0) : Json(nullptr); }

Json balanceJson(const BalanceStats& b) {
  Json j;
  j["consumers"] = b.consumers;
  j["queues"] = b.queues;
  j["max_load"] = b.maxLoad;
  j["min_load"] = b.minLoad;
  j["imbalance"] = b.imbalance;
  j["ideal_imbalance"] = b.idealImbalance;
  j["excess_imbalance"] = b.excessImbalance;
  j["idle_consumers"] = b.idleConsumers;
  j["jain_index"] = r4(b.jainIndex);
  j["complete"] = b.complete;
  return j;
}

/// The summary keys, for the run or one group (excess_moves only where it is defined: the run).
Json totalsJson(const Totals& t, std::optional<std::int64_t> excessMoves, bool orderly, bool pop, bool fifoPop) {
  Json j;
  j["rebalances"] = t.rebalances;
  j["changed_rebalances"] = t.changedRebalances;
  j["queue_moves"] = t.queueMoves;
  j["min_moves"] = t.minMoves;
  if (excessMoves) j["excess_moves"] = *excessMoves;
  j["overlap_queue_s"] = r3(t.overlapQueueSeconds);
  j["orphan_queue_s"] = r3(t.orphanQueueSeconds);
  if (orderly) j["orphan_consuming_queue_s"] = r3(t.orphanConsumingQueueSeconds);  // no owner with a valid lock
  j["duplicates"] = t.duplicates;
  j["skipped_messages"] = t.skippedMessages;
  j["max_lag"] = t.maxLag;
  if (pop) {
    j["redeliveries"] = t.redeliveries;
    j["invisible_past_deadline_msg_s"] = r3(t.invisiblePastDeadlineMsgS);
  }
  if (fifoPop) j["fifo_blocked_queue_s"] = r3(t.fifoBlockedQueueS);
  return j;
}

// Adds a key the object does not have yet. ordered_json's operator[] searches its keys one by
// one, which made the per-client loads and the per-queue assignment quadratic (100,000 queues:
// a third of a 10,000-client run went into building the report).
void appendNew(Json& object, const std::string& key, Json value) {
  auto& items = object.get_ref<Json::object_t&>();
  static_cast<Json::object_t::Container&>(items).emplace_back(key, std::move(value));
}

}  // namespace

nlohmann::ordered_json buildJsonReport(const Scenario& scenario, const RunResult& r) {
  Json j;
  j["scenario"] = scenario.name;
  j["seed"] = scenario.seed;
  j["profile"] = scenario.profile.name;
  j["duration_ms"] = scenario.duration_ms;
  j["simulated_ms"] = r.endTime;
  j["partial"] = r.partial;

  const Summary& s = r.summary;
  // Churn beyond what the events forced, summed over the event windows (moves outside any
  // window, or in groups an event is not judged on, are in queue_moves only).
  std::int64_t excess = 0;
  for (const EventMetrics& e : r.events) excess += e.queueMoves - e.minMoves;
  bool anyOrderly = false, anyPop = false, anyFifoPop = false;
  for (const GroupSpec& g : scenario.groups) {
    const bool pop = g.rebalance == RebalanceMode::POP || g.pop_request_mode;
    anyOrderly |= g.orderly, anyPop |= pop, anyFifoPop |= pop && g.orderly;
  }
  Json sum = totalsJson(s, excess, anyOrderly, anyPop, anyFifoPop);
  sum["notifications"] = s.notifications;
  sum["channel_expiries"] = s.channelExpiries;
  sum["lock_failures"] = s.lockFailures;
  j["summary"] = sum;

  // final: the all-groups figures at the top (final.excess_imbalance), then per group and topic.
  Json fin = balanceJson(r.all);
  Json groups = Json::object();
  for (const GroupFinal& g : r.groups) {
    Json gj = balanceJson(g.balance);
    gj["strategy"] = g.strategy;
    gj["model"] = g.broadcasting ? "broadcasting" : "clustering";
    gj["unowned_queues"] = g.unownedQueues;
    gj.update(totalsJson(g.totals, std::nullopt, g.orderly, g.pop, g.pop && g.orderly));  // this group's share of the summary
    if (g.pop) {
      gj["rebalance"] = g.popAssigned ? "server" : "pop";
      if (g.popAssigned) gj["message_request_mode"] = "pop";
      Json share = Json::object();
      for (const auto& [name, f] : g.messageShare) appendNew(share, name, r3(f));
      gj["message_share"] = share;
      Json meaning = Json::object();
      for (const auto& [key, text] : popMetricsMeaning(popKindOf(g))) appendNew(meaning, key, text);
      gj["metric_meaning"] = meaning;
    }
    Json topics = Json::object();
    for (const TopicFinal& t : g.topics) topics[t.topic] = balanceJson(t.balance);
    gj["topics"] = topics;
    Json loads = Json::object();
    for (const auto& [name, l] : g.loadByClient) appendNew(loads, name, l);
    gj["loads"] = loads;
    if (!g.sharedIds.empty()) {
      Json shared = Json::object();
      for (const auto& [id, names] : g.sharedIds) shared[id] = names;
      gj["shared_client_ids"] = shared;
    }
    groups[g.name] = gj;
  }
  fin["groups"] = groups;
  j["final"] = fin;

  Json events = Json::array();
  for (const EventMetrics& e : r.events) {
    Json ej;
    ej["at_ms"] = e.at;
    ej["action"] = e.action;
    ej["target"] = e.target;
    ej["convergence_s"] = e.convergenceSeconds ? r3(*e.convergenceSeconds) : Json(nullptr);
    ej["queue_moves"] = e.queueMoves;
    ej["min_moves"] = e.minMoves;
    ej["excess_moves"] = e.queueMoves - e.minMoves;
    ej["overlap_queue_s"] = r3(e.overlapQueueSeconds);
    ej["orphan_queue_s"] = r3(e.orphanQueueSeconds);
    ej["duplicates"] = e.duplicates;
    ej["skipped_messages"] = e.skippedMessages;
    ej["rebalances"] = e.rebalances;
    if (anyPop) {
      ej["redeliveries"] = e.redeliveries;
      ej["invisible_past_deadline_msg_s"] = r3(e.invisiblePastDeadlineMsgS);
    }
    ej["groups"] = e.groups;
    Json longest = Json::object();
    for (const auto& [b, sec] : e.longestOrphanByBroker) longest[b] = r3(sec);
    ej["longest_orphan_s_by_broker"] = longest;
    events.push_back(ej);
  }
  j["events"] = events;

  Json assignment = Json::object();
  for (const GroupFinal& g : r.groups) {
    Json ga = Json::object();
    for (const auto& [queue, owners] : g.assignment) {
      if (owners.empty()) appendNew(ga, queue, nullptr);
      else if (owners.size() == 1) appendNew(ga, queue, owners.front());
      else appendNew(ga, queue, owners);
    }
    assignment[g.name] = ga;
  }
  j["assignment"] = assignment;
  j["warnings"] = plainWarnings(scenario, r);
  return j;
}

}  // namespace rmqsim
