// Did-you-mean for unknown names (after ninja's SpellcheckStringV): edit distance <= 3.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rmqsim {

/// Words and candidates longer than this get no suggestion (names are at most 255 characters;
/// metric paths are longer), so a suggestion costs microseconds whatever the input.
inline constexpr std::size_t kMaxSpellcheckLength = 1024;

/// The candidate closest to word by edit distance (insert, delete, replace), if that distance
/// is at most 3 and smaller than the word itself; ties go to the earlier candidate. Banded:
/// linear in the shorter length, never quadratic.
std::optional<std::string> spellcheck(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace rmqsim
