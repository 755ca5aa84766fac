#include "base/parallel_tasks.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace st {
namespace {

TEST(ParallelTasksTest, RunsEveryTaskExactlyOnce) {
  for (unsigned threads : {0u, 1u, 2u, 8u}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{3}, size_t{1000}}) {
      std::vector<std::atomic<int>> runs(n);
      ParallelTasks(n, threads, [&](size_t i) { runs[i].fetch_add(1); });
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(runs[i].load(), 1) << "task " << i << " of " << n << ", " << threads;
    }
  }
}

TEST(ParallelTasksTest, LargestFirstRunsEachOnceInSizeOrder) {
  const std::vector<size_t> sizes = {3, 9, 1, 9, 5};
  std::vector<size_t> order;
  ParallelTasksLargestFirst(sizes.size(), 1, [&](size_t i) { return sizes[i]; }, [&](size_t i) { order.push_back(i); });
  EXPECT_EQ(order, (std::vector<size_t>{1, 3, 4, 0, 2}));  // ties keep their order
  std::vector<std::atomic<int>> runs(sizes.size());
  ParallelTasksLargestFirst(sizes.size(), 3, [&](size_t i) { return sizes[i]; }, [&](size_t i) { runs[i]++; });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(ParallelTasksTest, UsesSeveralThreadsWhenAsked) {
  std::mutex m;
  std::set<std::thread::id> seen;
  std::atomic<int> waiting{0};
  // Each of the first two tasks waits (bounded) for the other to start, so
  // both must be running at once on different threads.
  ParallelTasks(2, 2, [&](size_t) {
    {
      std::lock_guard<std::mutex> lock(m);
      seen.insert(std::this_thread::get_id());
    }
    waiting.fetch_add(1);
    for (int spin = 0; spin < 2000 && waiting.load() < 2; ++spin) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_GE(WorkerThreads(), 1u);
  EXPECT_LE(WorkerThreads(4), 4u);
}

}  // namespace
}  // namespace st
