// A small ordered map in one contiguous sorted vector: for the per-client tables (a client owns
// tens of queues) that the simulation touches on every tick, where std::map's scattered nodes
// cost a cache miss per step.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

namespace rmqsim {

/// A FlatMap element: std::pair's fields, but an aggregate, so it is trivially copyable when K
/// and V are and an insert or erase shifts the tail with one memmove (std::pair's assignment
/// operators moved a 96-byte ProcessQueue field by field, the round's top cost).
template <class K, class V>
struct FlatMapEntry {
  K first;
  V second;
};

template <class K, class V>
class FlatMap {
 public:
  using value_type = FlatMapEntry<K, V>;
  using iterator = typename std::vector<value_type>::iterator;
  using const_iterator = typename std::vector<value_type>::const_iterator;

  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

  iterator find(const K& k) {
    auto it = lower(k);
    return it != items_.end() && it->first == k ? it : items_.end();
  }
  const_iterator find(const K& k) const {
    auto it = std::lower_bound(items_.begin(), items_.end(), k, [](const value_type& a, const K& b) { return a.first < b; });
    return it != items_.end() && it->first == k ? it : items_.end();
  }
  V& operator[](const K& k) {
    auto it = lower(k);
    if (it == items_.end() || it->first != k) it = items_.insert(it, value_type{k, V{}});
    return it->second;
  }
  std::size_t count(const K& k) const { return find(k) != items_.end() ? 1 : 0; }
  V& at(const K& k) { return find(k)->second; }
  const V& at(const K& k) const { return find(k)->second; }
  /// Inserts (k, v) unless k is present; like std::map::emplace. Invalidates references.
  std::pair<iterator, bool> emplace(const K& k, V v) {
    auto it = lower(k);
    if (it != items_.end() && it->first == k) return {it, false};
    return {items_.insert(it, value_type{k, std::move(v)}), true};
  }
  void clear() { items_.clear(); }
  /// Erases the elements `pred` holds for in one pass, asking in order (each kept element moves
  /// once at most, not once per erase before it); returns how many went.
  template <class Pred>
  std::size_t eraseIf(Pred pred) {
    auto out = items_.begin();
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (pred(*it)) continue;
      if (out != it) *out = std::move(*it);
      ++out;
    }
    const auto gone = static_cast<std::size_t>(items_.end() - out);
    items_.erase(out, items_.end());
    return gone;
  }
  std::size_t erase(const K& k) {
    auto it = find(k);
    if (it == items_.end()) return 0;
    items_.erase(it);
    return 1;
  }

 private:
  iterator lower(const K& k) {
    return std::lower_bound(items_.begin(), items_.end(), k, [](const value_type& a, const K& b) { return a.first < b; });
  }
  std::vector<value_type> items_;
};

}  // namespace rmqsim
