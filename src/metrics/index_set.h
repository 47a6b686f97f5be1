// A small sorted set of client or queue indices (internal to metrics/): a queue's owners, its
// expected owners, a client's queues. 16 bytes: up to two indices in place, more in a block of
// its own. A queue has one owner most of the time, and a vector per queue was a heap block to
// fetch on every ownership change and on every queue of a refresh of the expected owners (and
// made a queue's state two cache lines instead of one).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace rmqsim {

class IndexSet {
 public:
  IndexSet() : inline_{0, 0} {}
  ~IndexSet() { release(); }
  IndexSet(const IndexSet& o) : IndexSet() { assign(o.begin(), o.end()); }
  IndexSet(IndexSet&& o) noexcept : IndexSet() { steal(o); }
  IndexSet& operator=(const IndexSet& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  IndexSet& operator=(IndexSet&& o) noexcept {
    if (this != &o) release(), steal(o);
    return *this;
  }

  const std::int32_t* begin() const { return data(); }
  const std::int32_t* end() const { return data() + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::int32_t front() const { return *data(); }
  bool contains(std::int32_t v) const { return std::binary_search(begin(), end(), v); }
  /// Adds v in order; false if present.
  bool insert(std::int32_t v) {
    // Most inserts are into an empty set (an owner to an unowned queue): inline, nothing to move.
    if (size_ == 0) {
      data()[0] = v;
      size_ = 1;
      return true;
    }
    return insertAmong(v);
  }
  /// Removes v; false if absent.
  bool erase(std::int32_t v) {
    // Most erases empty a one-index set (a queue's only owner leaves): inline.
    if (size_ == 1 && data()[0] == v) {
      size_ = 0;
      return true;
    }
    return eraseAmong(v);
  }
  /// The sorted range [b, e) instead.
  void assign(const std::int32_t* b, const std::int32_t* e) {
    const auto n = static_cast<std::uint32_t>(e - b);
    reserve(n);
    std::int32_t* d = data();
    if (n <= kInline) {  // the usual one or two owners: copied in place, no library call
      for (std::uint32_t i = 0; i < n; ++i) d[i] = b[i];
    } else {
      std::memmove(d, b, n * sizeof(std::int32_t));
    }
    size_ = n;
  }
  /// The same indices as [b, e) (sizes first: no library call for the usual one or two).
  bool equals(const std::int32_t* b, const std::int32_t* e) const {
    if (static_cast<std::size_t>(e - b) != size_) return false;
    const std::int32_t* mine = data();
    for (std::uint32_t i = 0; i < size_; ++i)
      if (mine[i] != b[i]) return false;
    return true;
  }
  bool operator==(const IndexSet& o) const { return equals(o.begin(), o.end()); }
  std::vector<std::int32_t> toVector() const { return {begin(), end()}; }
  /// Empty, keeping no memory (a dead process's queues).
  void clear() {
    release();
    size_ = 0;
  }

 private:
  static constexpr std::uint32_t kInline = 2;
  bool insertAmong(std::int32_t v) {
    const std::size_t pos = position(v);
    if (pos < size_ && data()[pos] == v) return false;
    reserve(size_ + 1);
    std::int32_t* d = data();
    if (pos != size_) std::memmove(d + pos + 1, d + pos, (size_ - pos) * sizeof(std::int32_t));
    d[pos] = v;
    ++size_;
    return true;
  }
  bool eraseAmong(std::int32_t v) {
    const std::size_t pos = position(v);
    std::int32_t* d = data();
    if (pos >= size_ || d[pos] != v) return false;
    if (pos + 1 != size_) std::memmove(d + pos, d + pos + 1, (size_ - pos - 1) * sizeof(std::int32_t));
    --size_;
    return true;
  }
  const std::int32_t* data() const { return cap_ ? heap_ : inline_; }
  std::int32_t* data() { return cap_ ? heap_ : inline_; }
  std::size_t position(std::int32_t v) const { return static_cast<std::size_t>(std::lower_bound(begin(), end(), v) - begin()); }
  void reserve(std::uint32_t n) {
    const std::uint32_t have = cap_ ? cap_ : kInline;
    if (n <= have) return;
    const std::uint32_t cap = std::max(n, 2 * have);
    auto* block = new std::int32_t[cap];
    std::memcpy(block, data(), size_ * sizeof(std::int32_t));
    release();
    heap_ = block;
    cap_ = cap;
  }
  void release() {
    if (cap_) delete[] heap_;
    cap_ = 0;
    inline_[0] = inline_[1] = 0;
  }
  void steal(IndexSet& o) {  // this holds nothing
    size_ = o.size_;
    cap_ = o.cap_;
    if (cap_) heap_ = o.heap_;
    else inline_[0] = o.inline_[0], inline_[1] = o.inline_[1];
    o.cap_ = 0;
    o.size_ = 0;
  }

  std::uint32_t size_ = 0;
  std::uint32_t cap_ = 0;  ///< 0: the indices are in place; otherwise heap_'s capacity
  union {
    std::int32_t inline_[kInline];
    std::int32_t* heap_;
  };
};

}  // namespace rmqsim
