// Output files are written to a temporary name beside the target and renamed into place, so a
// failed or interrupted run never leaves a truncated report behind.
#pragma once

#include <string>
#include <string_view>

namespace rmqsim {

/// Writes `content` to `path` atomically (temp file + rename). Throws std::runtime_error with a
/// message naming the path and the OS reason when it cannot.
void writeFileAtomically(const std::string& path, std::string_view content);

}  // namespace rmqsim
