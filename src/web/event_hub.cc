#include "web/event_hub.h"

namespace st::web {

void EventHub::Notify() {
  {
    std::lock_guard lock(mu_);
    ++sequence_;
  }
  cv_.notify_all();
}

uint64_t EventHub::Wait(uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [&] { return sequence_ != seen || shut_down_; });
  return sequence_;
}

uint64_t EventHub::sequence() const {
  std::lock_guard lock(mu_);
  return sequence_;
}

void EventHub::Shutdown() {
  {
    std::lock_guard lock(mu_);
    shut_down_ = true;
  }
  cv_.notify_all();
}

bool EventHub::shut_down() const {
  std::lock_guard lock(mu_);
  return shut_down_;
}

}  // namespace st::web
