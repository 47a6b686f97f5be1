#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

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

TEST_CASE("rocketmq/common/javaCompare/random mixes of ASCII and multi-byte characters order as UTF-16") {
  // Each token with its UTF-16 units; b shares a prefix of whole tokens with a (as client ids
  // share "10.0."), so the first difference falls at every offset of the 8-byte fast path.
  struct Token { std::string utf8; std::u16string utf16; };
  const std::vector<Token> tokens = {{"1", u"1"}, {"0", u"0"}, {".", u"."}, {"@", u"@"}, {"a", u"a"},
                                     {"\xC3\xA9", u"\u00E9"}, {"\xE2\x82\xAC", u"\u20AC"},
                                     {"\xEF\xBD\x9E", u"\uFF5E"}, {"\xF0\x9F\x98\x80", u"\U0001F600"}};
  std::mt19937 rng(7);
  auto randomTokens = [&](std::vector<std::size_t>& out, unsigned most) {
    for (unsigned k = 0, n = rng() % most; k < n; ++k) out.push_back(rng() % (rng() % 4 == 0 ? tokens.size() : 5));
  };
  auto encode = [&](const std::vector<std::size_t>& ts, std::string& u8, std::u16string& u16) {
    for (std::size_t t : ts) u8 += tokens[t].utf8, u16 += tokens[t].utf16;
  };
  for (int round = 0; round < 20000; ++round) {
    std::vector<std::size_t> a, b;
    randomTokens(a, 24);
    b.assign(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(rng() % (a.size() + 1)));
    randomTokens(b, 4);
    std::string a8, b8;
    std::u16string a16, b16;
    encode(a, a8, a16);
    encode(b, b8, b16);
    const int want = a16 < b16 ? -1 : (a16 == b16 ? 0 : 1);
    const int got = javaCompare(a8, b8);
    REQUIRE((got < 0 ? -1 : got == 0 ? 0 : 1) == want);
  }
}

TEST_CASE("rocketmq/common/javaHashCode/matches java.lang.String#hashCode") {
  CHECK(rmqsim::javaHashCode("") == 0);
  CHECK(rmqsim::javaHashCode("abc") == 96354);
  CHECK(rmqsim::javaHashCode("broker-a") == 372697965);  // computed from the UTF-16 units
  CHECK(rmqsim::javaHashCode("\xF0\x9F\x98\x80") == 1772899);  // U+1F600: 0xD83D * 31 + 0xDE00
}
