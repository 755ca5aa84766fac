#include "web/graph_cache.h"

namespace st::web {

std::shared_ptr<const GraphCache::Staff> GraphCache::staff() const {
  std::lock_guard lock(mu_);
  return staff_;
}

void GraphCache::SetStaff(std::shared_ptr<const Staff> staff) {
  std::lock_guard lock(mu_);
  bool changed = !staff_ || staff_->author_ids != staff->author_ids || staff_->name_of != staff->name_of;
  staff_ = std::move(staff);
  if (changed) entries_.clear();
}

std::shared_ptr<const std::string> GraphCache::Get(uint32_t author) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(author);
  return it == entries_.end() ? nullptr : it->second;
}

void GraphCache::Put(uint32_t author, std::shared_ptr<const std::string> sections) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[author] = std::move(sections);
}

}  // namespace st::web
