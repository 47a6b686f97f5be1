// A move-only `void()` callable stored in place: the event loop's callback type. std::function
// keeps only 16 bytes inline, so a network message (its delivery and loss handlers, the
// destination and its epoch) would cost a heap allocation per event; this keeps up to
// kInlineBytes in the slot itself and falls back to the heap only beyond that.
// Layout: the ops pointer first, then the buffer, so an event's slot header and the start of
// its callable share a cache line (what a delivered message reads is in its first 48 bytes).
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace rmqsim {

class InlineCallback {
 public:
  /// The event loop's slot is 128 bytes: 8 of its own, this pointer, and the buffer.
  static constexpr std::size_t kInlineBytes = 112;

  InlineCallback() = default;
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, InlineCallback>>>
  InlineCallback(F&& f) {  // NOLINT(google-explicit-constructor): lambdas convert, like std::function
    emplace(std::forward<F>(f));
  }
  InlineCallback(InlineCallback&& o) noexcept { take(o); }
  InlineCallback& operator=(InlineCallback&& o) noexcept {
    if (this != &o) {
      reset();
      take(o);
    }
    return *this;
  }
  InlineCallback& operator=(std::nullptr_t) {
    reset();
    return *this;
  }
  InlineCallback(const InlineCallback&) = delete;
  InlineCallback& operator=(const InlineCallback&) = delete;
  ~InlineCallback() { reset(); }

  /// Stores `f` in this empty callback (the event loop builds an event's callable in its slot,
  /// without a temporary to move from).
  template <class F>
  void emplace(F&& f) {
    using Fn = std::decay_t<F>;
    if constexpr (sizeof(Fn) <= kInlineBytes && alignof(Fn) <= alignof(void*) && std::is_nothrow_move_constructible_v<Fn>) {
      ::new (static_cast<void*>(buf_)) Fn(std::forward<F>(f));
      ops_ = &inlineOps<Fn>;
    } else {
      *reinterpret_cast<Fn**>(buf_) = new Fn(std::forward<F>(f));
      ops_ = &heapOps<Fn>;
    }
  }

  void operator()() { ops_->invoke(buf_); }
  /// Runs the callable, then destroys it (one indirect call for both); it is empty afterwards.
  void invokeOnce() {
    const Ops* ops = ops_;
    ops->invokeOnce(buf_);
    ops_ = nullptr;
  }

 private:
  struct Ops {
    void (*invoke)(void*);
    void (*invokeOnce)(void*);  ///< invoke, then destroy
    void (*move)(void* from, void* to);  ///< move-constructs into `to`, destroys `from`
    void (*destroy)(void*);  ///< null when there is nothing to destroy
  };
  template <class Fn>
  static constexpr Ops inlineOps{
      [](void* p) { (*static_cast<Fn*>(p))(); },
      [](void* p) {
        (*static_cast<Fn*>(p))();
        static_cast<Fn*>(p)->~Fn();
      },
      [](void* from, void* to) {
        ::new (to) Fn(std::move(*static_cast<Fn*>(from)));
        static_cast<Fn*>(from)->~Fn();
      },
      std::is_trivially_destructible_v<Fn> ? nullptr : +[](void* p) { static_cast<Fn*>(p)->~Fn(); }};
  template <class Fn>
  static constexpr Ops heapOps{
      [](void* p) { (**static_cast<Fn**>(p))(); },
      [](void* p) {
        Fn* f = *static_cast<Fn**>(p);
        (*f)();
        delete f;
      },
      [](void* from, void* to) { *static_cast<Fn**>(to) = *static_cast<Fn**>(from); },
      [](void* p) { delete *static_cast<Fn**>(p); }};

  void take(InlineCallback& o) noexcept {
    if (o.ops_) {
      o.ops_->move(o.buf_, buf_);
      ops_ = o.ops_;
      o.ops_ = nullptr;
    }
  }
  void reset() {
    if (ops_) {
      if (ops_->destroy) ops_->destroy(buf_);
      ops_ = nullptr;
    }
  }

  const Ops* ops_ = nullptr;
  alignas(void*) unsigned char buf_[kInlineBytes];
};

}  // namespace rmqsim
