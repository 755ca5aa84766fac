// Caches what the candidate page computes from the talent graph (profile,
// papers, neighbourhood, warm paths), per graph author. The graph is
// immutable while served, so entries only go stale when the set of own staff
// linked to graph authors changes; the cache is then dropped whole.
// Bounded: at most `max_entries` authors (cleared when full — simple, and
// the working set of a campaign is a few hundred people).
// Thread-safety: all methods lock internally.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace st::web {

class GraphCache {
 public:
  explicit GraphCache(size_t max_entries = 4096) : max_entries_(max_entries) {}

  // The staff author ids as last loaded, and the event-hub sequence they were
  // loaded at. Reload when the hub moved on.
  struct Staff {
    uint64_t sequence = 0;
    bool loaded = false;
    std::vector<uint32_t> author_ids;                       // sorted
    std::unordered_map<uint32_t, std::int64_t> person_of;   // author -> staff person id
    std::unordered_map<uint32_t, std::string> name_of;      // author -> staff person name
  };
  std::shared_ptr<const Staff> staff() const;
  // Replaces the staff set; drops cached sections if the ids changed.
  void SetStaff(std::shared_ptr<const Staff> staff);

  // Cached sections are kept serialised ("\"profile\":…,\"papers\":…",
  // the members of a JSON object without braces): the candidate read is the
  // hottest route and re-serialising ~25 KB of graph JSON dominated it.
  std::shared_ptr<const std::string> Get(uint32_t author) const;
  void Put(uint32_t author, std::shared_ptr<const std::string> sections);

 private:
  size_t max_entries_;
  mutable std::mutex mu_;
  std::shared_ptr<const Staff> staff_;                                           // guarded by mu_
  std::unordered_map<uint32_t, std::shared_ptr<const std::string>> entries_;  // guarded by mu_
};

}  // namespace st::web
