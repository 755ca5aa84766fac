// A small cache of rendered candidate pages (GET /api/people/{id}) for roles
// that cannot see compensation (so no per-view audit entry is skipped).
// An entry is valid while no write has happened in this process (event-hub
// sequence unchanged) and for at most `ttl` — the bound on staleness when
// another process (a second server on the same PostgreSQL) writes.
// After a write, the readers that miss at once wait for one of them to
// render the page instead of each rendering it (under mixed load dozens of
// readers miss together). An entry past half its ttl is refreshed ahead by
// one reader while the others still get it, so steady reads never all stall
// on an expiry (handlers run on the few I/O threads: a stall stalls them all).
// Thread-safety: all methods lock internally.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/status.h"

namespace st::web {

class PageCache {
 public:
  using Clock = std::chrono::steady_clock;
  using Page = std::shared_ptr<const std::string>;
  explicit PageCache(std::chrono::milliseconds ttl = std::chrono::milliseconds(1000), size_t max_entries = 10000)
      : ttl_(ttl), max_entries_(max_entries) {}

  // The cached page of `person` at `sequence`, or `render`'s result, cached.
  // One render per person at a time; others wait for it. Errors are not cached.
  Result<Page> GetOrRender(std::int64_t person, uint64_t sequence, const std::function<Result<std::string>()>& render);

 private:
  struct Entry {
    uint64_t sequence;
    Clock::time_point at;
    Page page;
  };

  std::chrono::milliseconds ttl_;
  size_t max_entries_;
  std::mutex mu_;
  std::condition_variable rendered_;
  std::unordered_map<std::int64_t, Entry> entries_;  // guarded by mu_
  std::unordered_set<std::int64_t> rendering_;        // guarded by mu_
};

}  // namespace st::web
