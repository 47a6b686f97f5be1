#include <doctest/doctest.h>

#include "rocketmq/common/java_string.h"

using rmqsim::javaCompare;

TEST_CASE("rocketmq/common/javaCompare/shorter prefix first, ASCII by code unit") {
  CHECK(javaCompare("", "") == 0);
  CHECK(javaCompare("a", "ab") < 0);
  CHECK(javaCompare("ab", "a") > 0);
  CHECK(javaCompare("B", "a") < 0);  // no case folding
  CHECK(javaCompare("10.0.0.10@1", "10.0.0.2@1") < 0);
}

TEST_CASE("rocketmq/common/javaCompare/supplementary characters sort before U+E000..U+FFFF") {
  const char* emoji = "\xF0\x9F\x98\x80";   // U+1F600 -> surrogates D83D DE00
  const char* fullwidth = "\xEF\xBD\x9E";   // U+FF5E
  const char* privateUse = "\xEE\x80\x80";  // U+E000
  CHECK(javaCompare(emoji, fullwidth) < 0);  // UTF-8 byte order would say the opposite
  CHECK(javaCompare(emoji, privateUse) < 0);
  CHECK(javaCompare("\xED\x9F\xBF", emoji) < 0);  // U+D7FF < D83D
  CHECK(javaCompare("x\xC3\xA9", "xe\xCC\x81") > 0);  // é (E9) vs e + U+0301: no normalisation
  CHECK(javaCompare(emoji, emoji) == 0);
  CHECK(javaCompare("a", std::string("a") + emoji) < 0);
}

TEST_CASE("rocketmq/common/javaHashCode/matches java.lang.String#hashCode") {
  CHECK(rmqsim::javaHashCode("") == 0);
  CHECK(rmqsim::javaHashCode("abc") == 96354);
  CHECK(rmqsim::javaHashCode("broker-a") == 372697965);  // computed from the UTF-16 units
  CHECK(rmqsim::javaHashCode("\xF0\x9F\x98\x80") == 1772899);  // U+1F600: 0xD83D * 31 + 0xDE00
}
