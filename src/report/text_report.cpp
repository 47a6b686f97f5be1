#include "report/text_report.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "report/queue_ranges.h"
#include "report/pop_metrics_meaning.h"
#include "report/warnings.h"
#include "scenario/duration.h"

namespace rmqsim {

namespace {

std::string fixed(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

/// Left-aligned first `leftCols` columns, right-aligned numbers.
std::string table(const std::vector<std::vector<std::string>>& rows, std::size_t leftCols, const std::string& indent) {
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (width.size() <= i) width.push_back(0);
      width[i] = std::max(width[i], r[i].size());
    }
  std::string out;
  for (const auto& r : rows) {
    std::string line = indent;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string pad(width[i] - r[i].size(), ' ');
      line += (i ? "  " : "") + (i < leftCols ? r[i] + pad : pad + r[i]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

/// A rebalance: pop group owns no queue: its messages per client, and what the figures mean.
std::string popGroupText(const GroupFinal& g) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, share] : g.messageShare) rows.push_back({name, fixed(100.0 * share, 1) + "% of the messages"});
  std::string out = std::string(g.popAssigned ? "    rebalance: server, message_request_mode: pop, no queue is owned; "
                                              : "    rebalance: pop, no queue is owned; ") +
                    std::to_string(g.totals.redeliveries) + " redeliveries, " + fixed(g.totals.invisiblePastDeadlineMsgS, 1) +
                    " msg*s invisible past the deadline" +
                    (g.orderly ? ", FIFO queues blocked " + fixed(g.totals.fifoBlockedQueueS, 1) + " queue*s" : std::string()) + "\n";
  out += table(rows, 2, "    ");
  out += "    for this group:\n";
  for (const auto& [key, text] : popMetricsMeaning(popKindOf(g))) out += "      " + key + ": " + text + "\n";
  return out;
}

}  // namespace

std::string renderTextReport(const Scenario& scenario, const RunResult& r, const TextReportOptions& o) {
  const std::string bold = o.colour ? "\033[1m" : "", dim = o.colour ? "\033[2m" : "", yellow = o.colour ? "\033[33m" : "",
                    green = o.colour ? "\033[32m" : "", red = o.colour ? "\033[31m" : "", reset = o.colour ? "\033[0m" : "";
  std::string out;
  out += bold + scenario.name + reset + " (" + scenario.file + "): seed " + std::to_string(scenario.seed) + ", profile " +
         scenario.profile.name + ", " + formatDuration(r.endTime) + " simulated" + (r.partial ? " (PARTIAL: stopped early)" : "") + "\n";

  if (!r.events.empty()) {
    out += "\n" + bold + "Events" + reset + "\n";
    std::vector<std::vector<std::string>> rows = {
        {"time", "event", "converged", "moves", "min", "excess", "overlap q*s", "orphan q*s", "duplicates", "skipped"}};
    for (const EventMetrics& e : r.events) {
      std::string ev = e.action + (e.target.empty() ? "" : " " + e.target);
      if (ev.size() > 40) ev = ev.substr(0, 37) + "...";
      rows.push_back({formatDuration(e.at), ev, e.convergenceSeconds ? fixed(*e.convergenceSeconds, 2) + " s" : "never",
                      std::to_string(e.queueMoves), std::to_string(e.minMoves), std::to_string(e.queueMoves - e.minMoves),
                      fixed(e.overlapQueueSeconds, 1), fixed(e.orphanQueueSeconds, 1), std::to_string(e.duplicates),
                      std::to_string(e.skippedMessages)});
    }
    out += table(rows, 2, "  ");
  }

  out += "\n" + bold + "Final balance" + reset + "\n";
  std::vector<std::vector<std::string>> rows = {{"group", "strategy", "clients", "queues", "min", "max", "excess", "idle", "jain", ""}};
  for (const GroupFinal& g : r.groups) {
    const BalanceStats& b = g.balance;
    rows.push_back({g.name, g.broadcasting ? "broadcasting" : g.strategy, std::to_string(b.consumers), std::to_string(b.queues),
                    std::to_string(b.minLoad), std::to_string(b.maxLoad), std::to_string(b.excessImbalance),
                    std::to_string(b.idleConsumers), fixed(b.jainIndex, 3), b.complete ? "complete" : "INCOMPLETE"});
    if (g.topics.size() < 2) continue;
    // Per topic too: a group can tilt while every topic is balanced (allocation restarts per topic).
    for (const TopicFinal& t : g.topics) {
      const BalanceStats& tb = t.balance;
      rows.push_back({"  " + t.topic, "", std::to_string(tb.consumers), std::to_string(tb.queues), std::to_string(tb.minLoad),
                      std::to_string(tb.maxLoad), std::to_string(tb.excessImbalance), std::to_string(tb.idleConsumers),
                      fixed(tb.jainIndex, 3), ""});
    }
  }
  std::string balance = table(rows, 2, "  ");
  if (o.colour) {
    for (const char* w : {"INCOMPLETE"}) {
      auto p = balance.find(w);
      while (p != std::string::npos) balance.replace(p, 10, red + "INCOMPLETE" + reset), p = balance.find(w, p + red.size() + 14);
    }
  }
  out += balance;

  const Summary& s = r.summary;
  out += "\n" + bold + "Summary" + reset + ": " + std::to_string(s.rebalances) + " rebalances (" + std::to_string(s.changedRebalances) +
         " changed), " + std::to_string(s.queueMoves) + " queue moves (" + std::to_string(s.minMoves) + " forced), overlap " +
         fixed(s.overlapQueueSeconds, 1) + " queue*s, orphan " + fixed(s.orphanQueueSeconds, 1) + " queue*s, " +
         std::to_string(s.duplicates) + " duplicates, " + std::to_string(s.skippedMessages) + " skipped, max lag " + std::to_string(s.maxLag) + " messages\n";

  out += "\n" + bold + "Assignment" + reset + " (end of run)\n";
  for (const GroupFinal& g : r.groups) {
    out += "  " + g.name + "\n";
    if (g.pop) {
      out += popGroupText(g);
      continue;
    }
    std::map<std::string, std::vector<std::string>> byClient;
    std::vector<std::string> unowned;
    for (const auto& [queue, owners] : g.assignment) {
      if (owners.empty()) unowned.push_back(queue);
      for (const auto& o2 : owners) byClient[o2].push_back(queue);
    }
    for (const auto& [name, load] : g.loadByClient) byClient[name];  // idle clients too
    std::vector<std::vector<std::string>> arows;
    std::size_t listed = 0;
    for (const auto& [name, qs] : byClient) {
      if (++listed > o.maxClientsListed) break;
      arows.push_back({name, std::to_string(qs.size()), qs.empty() ? dim + "(idle)" + reset : compactQueueRanges(qs)});
    }
    out += table(arows, 3, "    ");
    if (byClient.size() > o.maxClientsListed)
      out += "    ... " + std::to_string(byClient.size() - o.maxClientsListed) + " more clients (see --format json)\n";
    if (!unowned.empty()) out += "    " + red + "unowned" + reset + "  " + compactQueueRanges(unowned) + "\n";
  }

  auto warnings = plainWarnings(scenario, r);
  warnings.insert(warnings.end(), o.extraWarnings.begin(), o.extraWarnings.end());
  if (!warnings.empty()) {
    out += "\n" + bold + "Warnings" + reset + "\n";
    for (const auto& w : warnings) out += "  " + yellow + "!" + reset + " " + w + "\n";
  } else {
    out += "\n" + green + "No warnings." + reset + "\n";
  }
  if (!o.reproduce.empty()) out += "\n" + dim + o.reproduce + reset + "\n";
  return out;
}

}  // namespace rmqsim
