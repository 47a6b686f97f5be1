#include "report/expectations.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "util/spellcheck.h"

namespace rmqsim {

namespace {

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : path) {
    if (c == '.') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

std::optional<std::size_t> parseIndex(const std::string& s) {
  std::size_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string numberText(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

const nlohmann::ordered_json* lookupReportPath(const nlohmann::ordered_json& report, const std::string& path,
                                               std::string* missingAt, std::vector<std::string>* candidates) {
  const nlohmann::ordered_json* cur = &report;
  std::string walked;
  for (const std::string& part : splitPath(path)) {
    walked += (walked.empty() ? "" : ".") + part;
    const nlohmann::ordered_json* next = nullptr;
    if (cur->is_object()) {
      auto it = cur->find(part);
      if (it != cur->end()) next = &*it;
      if (!next && candidates)
        for (auto it2 = cur->begin(); it2 != cur->end(); ++it2) candidates->push_back(it2.key());
    } else if (cur->is_array()) {
      if (auto i = parseIndex(part); i && *i < cur->size()) next = &(*cur)[*i];
      if (!next && candidates) candidates->push_back("0.." + std::to_string(cur->empty() ? 0 : cur->size() - 1));
    }
    if (!next) {
      if (missingAt) *missingAt = walked;
      return nullptr;
    }
    cur = next;
  }
  return cur;
}

std::string reportValueText(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return numberText(v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::vector<ExpectationResult> evaluateExpectations(const std::vector<Expectation>& expect,
                                                    const nlohmann::ordered_json& report) {
  std::vector<ExpectationResult> out;
  for (const Expectation& e : expect) {
    ExpectationResult r;
    r.expectation = e;
    std::vector<std::string> bounds;
    if (e.min) bounds.push_back("min " + numberText(*e.min));
    if (e.max) bounds.push_back("max " + numberText(*e.max));
    if (e.equals) bounds.push_back("equals " + *e.equals);
    for (std::size_t i = 0; i < bounds.size(); ++i) r.bound += (i ? ", " : "") + bounds[i];

    std::string missingAt;
    std::vector<std::string> candidates;
    const nlohmann::ordered_json* v = lookupReportPath(report, e.metric, &missingAt, &candidates);
    if (!v) {
      r.unknownMetric = true;
      r.actual = "missing";
      r.message = "the report has no '" + missingAt + "'";
      const std::string last = missingAt.substr(missingAt.rfind('.') == std::string::npos ? 0 : missingAt.rfind('.') + 1);
      if (auto s = spellcheck(last, candidates)) r.message += "; did you mean '" + *s + "'?";
      else if (!candidates.empty() && candidates.size() <= 12) {
        r.message += "; there:";
        for (const auto& c : candidates) r.message += " " + c;
      }
      out.push_back(std::move(r));
      continue;
    }
    r.actual = reportValueText(*v);
    r.passed = true;
    if (e.equals && r.actual != *e.equals) {
      r.passed = false;
      r.message = "is " + r.actual + ", expected " + *e.equals;
    }
    if (e.min || e.max) {
      if (!v->is_number()) {
        r.passed = false;
        r.message = "is " + r.actual + ", not a number";  // e.g. convergence_s null: never converged
      } else {
        const double x = v->get<double>();
        if (e.min && x < *e.min) r.passed = false, r.message = "is " + r.actual + ", below the minimum " + numberText(*e.min);
        if (e.max && x > *e.max) r.passed = false, r.message = "is " + r.actual + ", above the maximum " + numberText(*e.max);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace rmqsim
