#include <doctest/doctest.h>

#include <string>

#include "util/name_rules.h"

using rmqsim::nameProblem;
using rmqsim::shownText;

TEST_CASE("util/name rules/length and control characters, with the position") {
  CHECK_FALSE(nameProblem("order-consumer").has_value());
  CHECK_FALSE(nameProblem("ROOM1@broker-a").has_value());
  CHECK_FALSE(nameProblem("\xe8\xae\xa2\xe5\x8d\x95").has_value());  // UTF-8 passes
  CHECK_FALSE(nameProblem(std::string(255, 'a')).has_value());
  CHECK(nameProblem(std::string(256, 'a')) == "is 256 characters long");
  CHECK(nameProblem(std::string("g\0h", 3)) == "holds control character U+0000 at character 2");
  CHECK(nameProblem("g-\x1b[31m") == "holds control character U+001B at character 3");
  CHECK(nameProblem("x\x7f") == "holds control character U+007F at character 2");
  CHECK(nameProblem("a\tb") == "holds control character U+0009 at character 2");
  CHECK_FALSE(nameProblem("two\nlines\tok", 100, true).has_value());
  CHECK(nameProblem("bell\a", 100, true) == "holds control character U+0007 at character 5");
  CHECK(nameProblem(std::string(300, 'a'), 1024) == std::nullopt);
}

TEST_CASE("util/name rules/shown text escapes and cuts") {
  CHECK(shownText(std::string("g\0h", 3)) == "g\\x00h");
  CHECK(shownText("a\nb\x1b") == "a\\x0Ab\\x1B");
  CHECK(shownText(std::string(100, 'x'), 10) == std::string(10, 'x') + "...");
  CHECK(shownText("short", 10) == "short");
}
