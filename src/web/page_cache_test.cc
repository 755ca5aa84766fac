// PageCache: one render per person at a time, writes invalidate, and an
// ageing page is refreshed by one reader while the others keep getting it.
#include "web/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

namespace st::web {
namespace {

using namespace std::chrono_literals;

TEST(PageCache, RendersOnceUntilAWrite) {
  PageCache cache(60s);
  int renders = 0;
  auto render = [&]() -> Result<std::string> { return "page " + std::to_string(++renders); };
  EXPECT_EQ(**cache.GetOrRender(7, 1, render), "page 1");
  EXPECT_EQ(**cache.GetOrRender(7, 1, render), "page 1");
  EXPECT_EQ(**cache.GetOrRender(7, 2, render), "page 2");  // a write happened
  EXPECT_EQ(**cache.GetOrRender(8, 2, render), "page 3");  // another person
  EXPECT_FALSE(cache.GetOrRender(9, 2, [] { return Result<std::string>(Status::NotFound("no person 9")); }).ok());
  EXPECT_EQ(**cache.GetOrRender(9, 2, render), "page 4");  // errors are not cached
}

TEST(PageCache, AgeingPageIsServedWhileOneReaderRefreshesIt) {
  PageCache cache(2000ms);
  ASSERT_TRUE(cache.GetOrRender(7, 1, [] { return Result<std::string>("old"); }).ok());
  std::this_thread::sleep_for(1200ms);  // past half the ttl, well within it
  std::promise<void> started, release;
  auto refresher = std::async(std::launch::async, [&] {
    return cache.GetOrRender(7, 1, [&]() -> Result<std::string> {
      started.set_value();
      release.get_future().wait();
      return std::string("new");
    });
  });
  ASSERT_EQ(started.get_future().wait_for(5s), std::future_status::ready) << "nobody refreshed the ageing page";
  std::atomic<int> extra{0};
  auto never = [&]() -> Result<std::string> {
    ++extra;
    return std::string("unexpected");
  };
  auto reader = std::async(std::launch::async, [&] { return cache.GetOrRender(7, 1, never); });
  EXPECT_EQ(reader.wait_for(5s), std::future_status::ready) << "a reader waited for the refresh";
  release.set_value();
  EXPECT_EQ(**reader.get(), "old");
  EXPECT_EQ(**refresher.get(), "new");
  EXPECT_EQ(**cache.GetOrRender(7, 1, never), "new");
  EXPECT_EQ(extra.load(), 0);
}

TEST(PageCache, ConcurrentMissesShareOneRender) {
  PageCache cache(60s);
  std::atomic<int> renders{0};
  std::vector<std::thread> readers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      auto page = cache.GetOrRender(5, 1, [&]() -> Result<std::string> {
        ++renders;
        std::this_thread::sleep_for(50ms);
        return std::string("page");
      });
      if (page.ok() && **page == "page") ++ok;
    });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(renders.load(), 1);
}

}  // namespace
}  // namespace st::web
