// Runs n independent tasks on up to `threads` threads, each thread taking the
// next task index from a shared counter (so a caller that orders tasks by
// size, largest first, gets a good balance). Used where one process verifies
// a whole file at open: the work is all independent checks over a mapping.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace st {

// Threads worth using for such work: the machine's cores, at most `cap`.
inline unsigned WorkerThreads(unsigned cap = 4) {
  return std::clamp(std::thread::hardware_concurrency(), 1u, cap);
}

// fn(i) for every i in [0, n); returns when all have run. fn must not throw.
template <typename Fn>
void ParallelTasks(size_t n, unsigned threads, Fn&& fn) {
  threads = static_cast<unsigned>(std::min<size_t>(std::max(1u, threads), n));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
}

// ParallelTasks with the tasks taken largest first by size_of(i), so the long
// ones start early and the threads finish together; fn(i) as above.
template <typename SizeOf, typename Fn>
void ParallelTasksLargestFirst(size_t n, unsigned threads, SizeOf&& size_of, Fn&& fn) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return size_of(x) > size_of(y); });
  ParallelTasks(n, threads, [&](size_t k) { fn(order[k]); });
}

}  // namespace st
