// Compact append-only storage for the timelines (issue 16): records are LEB128 varints (signed
// values zigzag-coded) in a chunked byte log, so a queue move costs a few bytes instead of a
// rich object, and no reallocation copies or doubles a large buffer. Readers decode in append
// order; nothing is ever rewritten.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rmqsim {

/// Zigzag: small negative and positive deltas both take one byte once varint-coded.
constexpr std::uint64_t zigzagEncode(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
constexpr std::int64_t zigzagDecode(std::uint64_t u) {
  return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
}

class ByteLog {
 public:
  /// Chunks double from kFirstChunk to kChunk: a log per client stays small, a large log wastes
  /// at most one chunk.
  static constexpr std::size_t kFirstChunk = 256, kChunk = 64 * 1024;

  ByteLog() = default;
  ByteLog(ByteLog&&) noexcept = default;
  ByteLog& operator=(ByteLog&&) noexcept = default;
  /// Deep copies (a Timeline is returned by value in tests).
  ByteLog(const ByteLog& o) : size_(o.size_), capacity_(o.capacity_), used_(o.used_) {
    for (const Chunk& c : o.chunks_) {
      chunks_.push_back(Chunk{std::make_unique<std::uint8_t[]>(c.size), c.size});
      std::copy(c.data.get(), c.data.get() + c.size, chunks_.back().data.get());
    }
  }
  ByteLog& operator=(const ByteLog& o) {
    if (this != &o) *this = ByteLog(o);
    return *this;
  }

  void putU(std::uint64_t v) {
    while (v >= 0x80) {
      put(static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    put(static_cast<std::uint8_t>(v));
  }
  void putS(std::int64_t v) { putU(zigzagEncode(v)); }

  std::size_t bytes() const { return size_; }
  /// Heap held by the chunks, slack included.
  std::size_t capacityBytes() const { return capacity_; }
  bool empty() const { return size_ == 0; }

  class Reader {
   public:
    explicit Reader(const ByteLog& log) : log_(&log) {}
    bool done() const { return read_ >= log_->size_; }
    std::uint64_t getU() {
      std::uint64_t v = 0;
      for (int shift = 0;; shift += 7) {
        const std::uint8_t b = next();
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (b < 0x80) return v;
      }
    }
    std::int64_t getS() { return zigzagDecode(getU()); }

   private:
    std::uint8_t next() {
      if (offset_ == log_->chunks_[chunk_].size) ++chunk_, offset_ = 0;
      ++read_;
      return log_->chunks_[chunk_].data[offset_++];
    }
    const ByteLog* log_;
    std::size_t chunk_ = 0, offset_ = 0, read_ = 0;
  };

 private:
  struct Chunk {
    std::unique_ptr<std::uint8_t[]> data;
    std::size_t size;
  };
  void put(std::uint8_t b) {
    if (chunks_.empty() || used_ == chunks_.back().size) {
      const std::size_t n = chunks_.empty() ? kFirstChunk : std::min(kChunk, 2 * chunks_.back().size);
      chunks_.push_back(Chunk{std::make_unique<std::uint8_t[]>(n), n});
      capacity_ += n, used_ = 0;
    }
    chunks_.back().data[used_++] = b;
    ++size_;
  }

  std::vector<Chunk> chunks_;
  std::size_t size_ = 0, capacity_ = 0, used_ = 0;  ///< used_: bytes in the last chunk
};

/// Strings stored once; records refer to them by index.
class StringTable {
 public:
  std::uint32_t intern(std::string_view s) {
    const auto [it, added] = index_.try_emplace(std::string(s), static_cast<std::uint32_t>(strings_.size()));
    if (added) strings_.push_back(it->first);
    return it->second;
  }
  const std::string& at(std::uint64_t i) const { return strings_[static_cast<std::size_t>(i)]; }
  std::size_t size() const { return strings_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<std::string> strings_;
};

}  // namespace rmqsim
