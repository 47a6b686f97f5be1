// `allocate --cases`: one JSON case per line; a bad line is reported, never thrown.
#include <doctest/doctest.h>

#include "report/allocation_json.h"

using namespace rmqsim;

TEST_CASE("report/allocation_json/a line that is not JSON is an invalid case with its place") {
  const CaseLineResult r = allocateCaseLine("{\"id\": ", "cases.jsonl", 3);
  CHECK(r.invalid);
  CHECK(r.output["id"].is_null());
  CHECK(r.output["invalid"].get<std::string>().rfind("cases.jsonl:3: not valid JSON: ", 0) == 0);
}

TEST_CASE("report/allocation_json/a number too large for a double is an invalid case, not a crash") {
  // Found by fuzz_allocate_cases: nlohmann throws out_of_range (406), not parse_error.
  const CaseLineResult r = allocateCaseLine("5e55555555555555555555555555555 {\"id\": 1}", "cases.jsonl", 1);
  CHECK(r.invalid);
  CHECK(r.output["invalid"].get<std::string>().find("number overflow") != std::string::npos);
}
