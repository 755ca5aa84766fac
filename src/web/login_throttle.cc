#include "web/login_throttle.h"

#include <algorithm>

namespace st::web {

long LoginThrottle::Wait(std::deque<Clock::time_point>& q, int max, Clock::time_point now) {
  while (!q.empty() && now - q.front() >= limits_.window) q.pop_front();
  if (static_cast<int>(q.size()) < max) return 0;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(q.front() + limits_.window - now).count();
  return std::max<long>(1, wait);
}

long LoginThrottle::RetryAfter(std::string_view account, std::string_view ip, Clock::time_point now) {
  std::lock_guard lock(mu_);
  long a = Wait(by_account_[std::string(account)], limits_.max_per_account, now);
  long b = Wait(by_ip_[std::string(ip)], limits_.max_per_ip, now);
  return std::max(a, b);
}

void LoginThrottle::RecordFailure(std::string_view account, std::string_view ip, Clock::time_point now) {
  std::lock_guard lock(mu_);
  by_account_[std::string(account)].push_back(now);
  by_ip_[std::string(ip)].push_back(now);
  // Bound memory against attackers spraying random usernames: drop idle keys.
  if (by_account_.size() > 100000) {
    std::erase_if(by_account_, [&](auto& kv) { return kv.second.empty() || now - kv.second.back() >= limits_.window; });
  }
}

void LoginThrottle::RecordSuccess(std::string_view account) {
  std::lock_guard lock(mu_);
  by_account_.erase(std::string(account));
}

}  // namespace st::web
