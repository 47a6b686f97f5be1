// Java String semantics (twin of java.lang.String#compareTo and #hashCode, UTF-16 based).
#include "rocketmq/common/java_string.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace rmqsim {
namespace {

/// The first index where a and b differ, at most min(sizes): 8 bytes per step (client ids
/// share long prefixes such as "10.0.").
std::size_t mismatchAt(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  std::size_t k = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; k + 8 <= n; k += 8) {
      std::uint64_t wa, wb;
      std::memcpy(&wa, a.data() + k, 8);
      std::memcpy(&wb, b.data() + k, 8);
      if (wa != wb) return k + static_cast<std::size_t>(std::countr_zero(wa ^ wb) / 8);
    }
  }
  while (k < n && a[k] == b[k]) ++k;
  return k;
}

// Decodes one UTF-8 sequence at s[i] (advancing i) into UTF-16 code units; returns the count.
// Malformed bytes map to themselves as one unit, so the order stays total on bad input.
int nextUnits(std::string_view s, std::size_t& i, char16_t out[2]) {
  auto b0 = static_cast<unsigned char>(s[i]);
  std::uint32_t cp;
  int len;
  if (b0 < 0x80) { cp = b0; len = 1; }
  else if ((b0 >> 5) == 0x6) { cp = b0 & 0x1F; len = 2; }
  else if ((b0 >> 4) == 0xE) { cp = b0 & 0x0F; len = 3; }
  else if ((b0 >> 3) == 0x1E) { cp = b0 & 0x07; len = 4; }
  else { ++i; out[0] = b0; return 1; }
  if (i + len > s.size()) { ++i; out[0] = b0; return 1; }
  for (int k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b >> 6) != 0x2) { ++i; out[0] = b0; return 1; }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  if (cp < 0x10000) { out[0] = static_cast<char16_t>(cp); return 1; }
  cp -= 0x10000;
  out[0] = static_cast<char16_t>(0xD800 + (cp >> 10));
  out[1] = static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
  return 2;
}

}  // namespace

int javaCompare(std::string_view a, std::string_view b) {
  // Fast path: equal bytes up to the first difference, and ASCII there (or the end of the
  // shorter string before an ASCII byte of the longer): an ASCII byte is never inside a
  // UTF-8 sequence, so the equal prefixes decode alike and that byte decides, as in UTF-16.
  {
    const std::size_t k = mismatchAt(a, b);
    const bool endA = k == a.size(), endB = k == b.size();
    if (endA && endB) return 0;
    const auto ca = endA ? 0u : static_cast<unsigned char>(a[k]);
    const auto cb = endB ? 0u : static_cast<unsigned char>(b[k]);
    if (ca < 0x80 && cb < 0x80) return endA ? -1 : endB ? 1 : (ca < cb ? -1 : 1);
  }
  std::size_t i = 0, j = 0;
  // ASCII prefix: for bytes < 0x80 UTF-8 order equals UTF-16 order.
  while (i < a.size() && j < b.size()) {
    auto ca = static_cast<unsigned char>(a[i]), cb = static_cast<unsigned char>(b[j]);
    if (ca >= 0x80 || cb >= 0x80) break;
    if (ca != cb) return ca < cb ? -1 : 1;
    ++i, ++j;
  }
  char16_t ua[2], ub[2];
  int na = 0, nb = 0, pa = 0, pb = 0;
  while (true) {
    if (pa == na) { if (i >= a.size()) break; na = nextUnits(a, i, ua); pa = 0; }
    if (pb == nb) { if (j >= b.size()) { return 1; } nb = nextUnits(b, j, ub); pb = 0; }
    if (ua[pa] != ub[pb]) return ua[pa] < ub[pb] ? -1 : 1;
    ++pa, ++pb;
  }
  // a exhausted (no pending units); b may have pending units or bytes left.
  if (pb < nb || j < b.size()) return -1;
  return 0;
}

std::int32_t javaHashCode(std::string_view s) {
  std::uint32_t h = 0;  // unsigned: Java's int overflow wraps
  std::size_t i = 0;
  char16_t units[2];
  while (i < s.size()) {
    int n = nextUnits(s, i, units);
    for (int k = 0; k < n; ++k) h = 31 * h + units[k];
  }
  return static_cast<std::int32_t>(h);
}

}  // namespace rmqsim
