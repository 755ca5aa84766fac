#include "web/page_cache.h"

namespace st::web {

PageCache::Page PageCache::Fresh(std::int64_t person, uint64_t sequence) const {
  auto it = entries_.find(person);
  // Sequences only grow: a page rendered after a later write is fresh too.
  if (it == entries_.end() || it->second.sequence < sequence || Clock::now() - it->second.at > ttl_) return nullptr;
  return it->second.page;
}

Result<PageCache::Page> PageCache::GetOrRender(std::int64_t person, uint64_t sequence,
                                               const std::function<Result<std::string>()>& render) {
  std::unique_lock lock(mu_);
  // Wait while another reader renders this person; its page is then fresh
  // unless a write came in between, and we render ourselves.
  rendered_.wait(lock, [&] { return !rendering_.contains(person); });
  if (Page page = Fresh(person, sequence)) return page;
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
