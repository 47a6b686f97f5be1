#include "util/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include <unistd.h>

namespace rmqsim {

namespace {

std::filesystem::path tempPathFor(const std::string& path) {
  const std::filesystem::path target(path);
  // Same directory as the target: rename(2) is atomic only within one file system.
  return target.parent_path() / (".~" + target.filename().string() + "." + std::to_string(::getpid()) + ".tmp");
}

}  // namespace

void writeFileAtomically(const std::string& path, std::string_view content) {
  AtomicFileWriter out(path);
  out.write(content);
  out.commit();
}

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)), tmp_(tempPathFor(path_).string()) {
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(tmp_, ignored);
}

void AtomicFileWriter::commit() {
  out_.flush();
  if (!out_) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
  out_.close();
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
  committed_ = true;
}

}  // namespace rmqsim
