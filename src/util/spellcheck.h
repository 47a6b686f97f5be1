// Did-you-mean for unknown names (after ninja's SpellcheckStringV): edit distance <= 3.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rmqsim {

/// The candidate closest to word by edit distance (insert, delete, replace), if that distance
/// is at most 3 and smaller than the word itself; ties go to the earlier candidate.
std::optional<std::string> spellcheck(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace rmqsim
