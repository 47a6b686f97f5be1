// Coroutines for simulated threads that block on a request (RebalanceService's round waiting for
// findConsumerIdList, a lock or an offset query). A Task<T> is lazy: it starts when awaited (or
// spawned on a TaskScope) and resumes its awaiter when it finishes (symmetric transfer, so long
// chains do not grow the stack). Frames are owned: destroying a Task destroys its frame, and
// through its locals every frame it is awaiting; TaskScope::cancelAll ends a dead process's threads.
// Pass coroutine parameters by value: a suspended frame outlives the caller's references.
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <new>
#include <optional>
#include <utility>

namespace rmqsim {

template <class T = void>
class Task;

namespace task_detail {

/// Frames are created and destroyed on every rebalance round; recycling them by size class keeps
/// the allocator off the hot path. Per thread (sweeps run simulations on several threads).
class FramePool {
 public:
  static void* allocate(std::size_t n) {
    const std::size_t cls = (n + kGrain - 1) / kGrain;
    if (cls >= kClasses) return ::operator new(n);
    Node*& head = local().heads[cls];
    if (Node* p = head) {
      head = p->next;
      return p;
    }
    return ::operator new(cls * kGrain);
  }
  static void deallocate(void* p, std::size_t n) noexcept {
    const std::size_t cls = (n + kGrain - 1) / kGrain;
    if (cls >= kClasses) return ::operator delete(p);
    Node*& head = local().heads[cls];
    head = new (p) Node{head};
  }

 private:
  struct Node {
    Node* next;
  };
  static constexpr std::size_t kGrain = 64;
  static constexpr std::size_t kClasses = 64;  ///< frames up to 4 KiB
  struct Lists {
    Node* heads[kClasses] = {};
    ~Lists() {
      for (Node* h : heads) {
        while (h) {
          Node* next = h->next;
          ::operator delete(static_cast<void*>(h));
          h = next;
        }
      }
    }
  };
  static Lists& local() {
    thread_local Lists lists;
    return lists;
  }
};

struct PromiseBase {
  static void* operator new(std::size_t n) { return FramePool::allocate(n); }
  static void operator delete(void* p, std::size_t n) noexcept { FramePool::deallocate(p, n); }

  std::coroutine_handle<> continuation;
  std::function<void()> onRootDone;  ///< set by TaskScope::spawn for a root task

  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      PromiseBase& p = h.promise();
      if (p.continuation) return p.continuation;
      if (p.onRootDone) {
        auto done = std::move(p.onRootDone);  // off the frame: `done` destroys it
        done();
      }
      return std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };

  std::suspend_always initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { std::terminate(); }  // model code does not throw
};

template <class T>
struct Promise : PromiseBase {
  std::optional<T> value;
  Task<T> get_return_object() noexcept;
  template <class U>
  void return_value(U&& v) {
    value.emplace(std::forward<U>(v));
  }
};

template <>
struct Promise<void> : PromiseBase {
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
};

}  // namespace task_detail

template <class T>
class [[nodiscard]] Task {
 public:
  using promise_type = task_detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  Task() = default;
  explicit Task(Handle h) : h_(h) {}
  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Task& operator=(Task&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { reset(); }

  Handle handle() const { return h_; }

  struct Awaiter {
    Handle h;
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
      h.promise().continuation = awaiting;
      return h;
    }
    T await_resume() {
      if constexpr (!std::is_void_v<T>) return std::move(*h.promise().value);
    }
  };
  Awaiter operator co_await() && noexcept { return Awaiter{h_}; }

 private:
  void reset() {
    if (h_) h_.destroy();
    h_ = {};
  }
  Handle h_;
};

namespace task_detail {
template <class T>
Task<T> Promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace task_detail

/// The running threads of one entity. Roots are kept until they finish or are cancelled.
class TaskScope {
 public:
  TaskScope() = default;
  TaskScope(const TaskScope&) = delete;
  TaskScope& operator=(const TaskScope&) = delete;
  ~TaskScope() { cancelAll(); }

  /// Starts `t` now; it runs until its first suspension before spawn returns.
  void spawn(Task<void> t) {
    const std::uint64_t id = nextId_++;
    auto h = t.handle();
    auto [it, inserted] = roots_.emplace(id, std::move(t));
    (void)it;
    (void)inserted;
    h.promise().onRootDone = [this, id] { roots_.erase(id); };
    h.resume();
  }
  /// Destroys every unfinished root (and the frames it awaits).
  void cancelAll() {
    auto roots = std::move(roots_);
    roots_.clear();
    roots.clear();
  }
  std::size_t running() const { return roots_.size(); }

 private:
  std::uint64_t nextId_ = 0;
  std::map<std::uint64_t, Task<void>> roots_;
};

}  // namespace rmqsim
