// Output files are written to a temporary name beside the target and renamed into place, so a
// failed or interrupted run never leaves a truncated report behind.
#pragma once

#include <fstream>
#include <string>
#include <string_view>

namespace rmqsim {

/// Writes `content` to `path` atomically (temp file + rename). Throws std::runtime_error with a
/// message naming the path and the OS reason when it cannot.
void writeFileAtomically(const std::string& path, std::string_view content);

/// The same for output written in pieces (timelines too large to build in memory first): the
/// pieces go to the temporary file, commit() renames it into place; destroyed uncommitted, the
/// temporary file is removed.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  void write(std::string_view piece) { out_.write(piece.data(), static_cast<std::streamsize>(piece.size())); }
  void commit();

 private:
  std::string path_, tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace rmqsim
