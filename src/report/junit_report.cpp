#include "report/junit_report.h"

#include <cstdio>

namespace rmqsim {

std::string xmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') out += '?';
        else out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

}  // namespace

std::string renderJunitXml(const std::vector<JunitSuite>& suites) {
  int tests = 0, failures = 0, errors = 0;
  double total = 0;
  std::string body;
  for (const JunitSuite& s : suites) {
    int sTests = 0, sFailures = 0, sErrors = 0;
    std::string cases;
    const std::string cls = xmlEscape(s.scenario.empty() ? s.name : s.scenario);
    if (!s.error.empty()) {
      ++sTests, ++sErrors;
      cases += "    <testcase classname=\"" + cls + "\" name=\"scenario is valid\" time=\"0\">\n      <error message=\"" +
               xmlEscape(s.error) + "\">" + xmlEscape(s.error) + "</error>\n    </testcase>\n";
    }
    for (const ExpectationResult& r : s.results) {
      ++sTests;
      const std::string name = xmlEscape(r.expectation.metric + " (" + r.bound + ")");
      cases += "    <testcase classname=\"" + cls + "\" name=\"" + name + "\" time=\"0\">\n";
      if (!r.passed) {
        ++sFailures;
        cases += "      <failure message=\"" + xmlEscape(r.expectation.metric + " " + r.message) + "\" type=\"expectation\">" +
                 xmlEscape("actual: " + r.actual + "\nbound: " + r.bound + "\n" + r.message) + "</failure>\n";
      }
      cases += "      <system-out>" + xmlEscape("actual " + r.actual) + "</system-out>\n    </testcase>\n";
    }
    for (const std::string& reg : s.regressions) {
      ++sTests, ++sFailures;
      cases += "    <testcase classname=\"" + cls + "\" name=\"baseline\" time=\"0\">\n      <failure message=\"" +
               xmlEscape(reg) + "\" type=\"regression\">" + xmlEscape(reg) + "</failure>\n    </testcase>\n";
    }
    body += "  <testsuite name=\"" + xmlEscape(s.name) + "\" tests=\"" + std::to_string(sTests) + "\" failures=\"" +
            std::to_string(sFailures) + "\" errors=\"" + std::to_string(sErrors) + "\" skipped=\"0\" time=\"" +
            seconds(s.seconds) + "\">\n" + cases + "  </testsuite>\n";
    tests += sTests, failures += sFailures, errors += sErrors, total += s.seconds;
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rmq-rebalance-sim check\" tests=\"" +
         std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
         "\" time=\"" + seconds(total) + "\">\n" + body + "</testsuites>\n";
}

}  // namespace rmqsim
