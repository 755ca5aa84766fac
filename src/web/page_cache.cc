#include "web/page_cache.h"

namespace st::web {

Result<PageCache::Page> PageCache::GetOrRender(std::int64_t person, uint64_t sequence,
                                               const std::function<Result<std::string>()>& render) {
  std::unique_lock lock(mu_);
  for (;;) {
    auto it = entries_.find(person);
    const auto age = it == entries_.end() ? ttl_ : Clock::now() - it->second.at;
    // Sequences only grow: a page rendered after a later write is valid too.
    if (it != entries_.end() && it->second.sequence >= sequence && age <= ttl_) {
      // Valid: served as is, unless it is past half its ttl and nobody is
      // refreshing it yet; then this reader refreshes it.
      if (age < ttl_ / 2 || rendering_.contains(person)) return it->second.page;
      break;
    }
    if (!rendering_.contains(person)) break;
    // Another reader renders this person; its page is valid for us unless a
    // write came in between (then we render ourselves).
    rendered_.wait(lock);
  }
  rendering_.insert(person);
  lock.unlock();
  Result<std::string> text = render();
  lock.lock();
  rendering_.erase(person);
  rendered_.notify_all();
  if (!text.ok()) return text.status();
  auto page = std::make_shared<const std::string>(std::move(text).value());
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[person] = Entry{sequence, Clock::now(), page};
  return Page(page);
}

}  // namespace st::web
