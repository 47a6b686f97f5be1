// Java String semantics the ports depend on (twin of java.lang.String#compareTo, UTF-16 order).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rmqsim {

/// Compares two UTF-8 strings as Java's String.compareTo compares their UTF-16 forms:
/// by UTF-16 code unit, shorter prefix first. Returns <0, 0, >0 (sign only is meaningful).
int javaCompare(std::string_view a, std::string_view b);

/// Java's String.hashCode() of the UTF-16 form: s[0]*31^(n-1) + ... + s[n-1] in int arithmetic.
/// Used to reproduce HashMap/HashSet iteration order (mqadmin's output).
std::int32_t javaHashCode(std::string_view s);

/// Strict weak order by javaCompare, for std::sort / std::map.
struct JavaStringLess {
  bool operator()(std::string_view a, std::string_view b) const { return javaCompare(a, b) < 0; }
};

}  // namespace rmqsim
