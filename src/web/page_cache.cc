#include "web/page_cache.h"

namespace st::web {

std::shared_ptr<const std::string> PageCache::Get(std::int64_t person, uint64_t sequence) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(person);
  if (it == entries_.end() || it->second.sequence != sequence || Clock::now() - it->second.at > ttl_) return nullptr;
  return it->second.page;
}

void PageCache::Put(std::int64_t person, uint64_t sequence, std::shared_ptr<const std::string> page) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[person] = Entry{sequence, Clock::now(), std::move(page)};
}

}  // namespace st::web
