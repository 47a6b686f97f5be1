// Runs N independent jobs on up to `threads` threads; results land by index, so the output
// never depends on the thread count or on which job finishes first.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rmqsim {

/// Calls job(i) for i in [0, count) on min(threads, count) threads. The first exception thrown by
/// any job is rethrown here after all threads stopped; remaining jobs are skipped.
inline void parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& job) {
  const std::size_t n = std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, threads)));
  if (n <= 1) {
    for (std::size_t i = 0; i < count; ++i) job(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex errorMutex;
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < n; ++t) {
    pool.emplace_back([&] {
      while (!failed.load()) {
        const std::size_t i = next.fetch_add(1);
        if (i >= count) return;
        try {
          job(i);
        } catch (...) {
          std::lock_guard<std::mutex> lock(errorMutex);
          if (!error) error = std::current_exception();
          failed.store(true);
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace rmqsim
