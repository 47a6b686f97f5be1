// A small sorted set of client or queue indices (internal to metrics/): a queue's owners, its
// expected owners, a client's queues. Up to three are stored in place, more in a vector: a
// queue has one owner most of the time, and a vector per queue was a heap block to fetch on
// every ownership change and on every queue of a refresh of the expected owners.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace rmqsim {

class IndexSet {
 public:
  const std::int32_t* begin() const { return size_ <= kInline ? inline_ : heap_.data(); }
  const std::int32_t* end() const { return begin() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::int32_t front() const { return *begin(); }
  bool contains(std::int32_t v) const { return std::binary_search(begin(), end(), v); }
  /// Adds v in order; false if present.
  bool insert(std::int32_t v) {
    const std::size_t pos = position(v);
    if (pos < size_ && begin()[pos] == v) return false;
    if (size_ < kInline) {
      std::copy_backward(inline_ + pos, inline_ + size_, inline_ + size_ + 1);
      inline_[pos] = v;
    } else {
      if (size_ == kInline) heap_.assign(inline_, inline_ + kInline);
      heap_.insert(heap_.begin() + static_cast<std::ptrdiff_t>(pos), v);
    }
    ++size_;
    return true;
  }
  /// Removes v; false if absent.
  bool erase(std::int32_t v) {
    const std::size_t pos = position(v);
    if (pos >= size_ || begin()[pos] != v) return false;
    if (size_ <= kInline) {
      std::copy(inline_ + pos + 1, inline_ + size_, inline_ + pos);
    } else {
      heap_.erase(heap_.begin() + static_cast<std::ptrdiff_t>(pos));
      if (size_ - 1 == kInline) std::copy(heap_.begin(), heap_.end(), inline_);
    }
    --size_;
    return true;
  }
  /// The sorted range [b, e) instead.
  void assign(const std::int32_t* b, const std::int32_t* e) {
    size_ = static_cast<std::uint32_t>(e - b);
    if (size_ <= kInline) std::copy(b, e, inline_);
    else heap_.assign(b, e);
  }
  /// The same indices as [b, e) (sizes first: no library call for the usual one or two).
  bool equals(const std::int32_t* b, const std::int32_t* e) const {
    if (static_cast<std::size_t>(e - b) != size_) return false;
    const std::int32_t* mine = begin();
    for (std::uint32_t i = 0; i < size_; ++i)
      if (mine[i] != b[i]) return false;
    return true;
  }
  bool operator==(const IndexSet& o) const { return equals(o.begin(), o.end()); }
  std::vector<std::int32_t> toVector() const { return {begin(), end()}; }
  /// Empty, keeping no memory (a dead process's queues).
  void clear() {
    size_ = 0;
    std::vector<std::int32_t>().swap(heap_);
  }

 private:
  static constexpr std::uint32_t kInline = 3;
  std::size_t position(std::int32_t v) const { return static_cast<std::size_t>(std::lower_bound(begin(), end(), v) - begin()); }

  std::uint32_t size_ = 0;
  std::int32_t inline_[kInline] = {};
  std::vector<std::int32_t> heap_;  ///< all of them while more than kInline
};

}  // namespace rmqsim
