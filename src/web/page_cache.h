// A small cache of rendered candidate pages (GET /api/people/{id}) for roles
// that cannot see compensation (so no per-view audit entry is skipped).
// An entry is valid while no write has happened in this process (event-hub
// sequence unchanged) and for at most `ttl` — the bound on staleness when
// another process (a second server on the same PostgreSQL) writes.
// Thread-safety: all methods lock internally.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace st::web {

class PageCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit PageCache(std::chrono::milliseconds ttl = std::chrono::milliseconds(1000), size_t max_entries = 10000)
      : ttl_(ttl), max_entries_(max_entries) {}

  std::shared_ptr<const std::string> Get(std::int64_t person, uint64_t sequence) const;
  void Put(std::int64_t person, uint64_t sequence, std::shared_ptr<const std::string> page);

 private:
  struct Entry {
    uint64_t sequence;
    Clock::time_point at;
    std::shared_ptr<const std::string> page;
  };
  std::chrono::milliseconds ttl_;
  size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::int64_t, Entry> entries_;  // guarded by mu_
};

}  // namespace st::web
