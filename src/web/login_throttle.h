// Login throttling: at most `max_per_account` failed attempts per username
// and `max_per_ip` per client address inside a sliding `window`; beyond that
// attempts are refused until the oldest failure leaves the window.
// In memory (per server process) by design: a restart resets it, which a
// brute-forcer cannot trigger. Thread-safety: all methods lock internally.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace st::web {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    int max_per_account = 5;
    int max_per_ip = 20;
    std::chrono::seconds window{15 * 60};
  };
  explicit LoginThrottle(Limits limits) : limits_(limits) {}
  LoginThrottle() : LoginThrottle(Limits{}) {}

  // Seconds until an attempt for (account, ip) is allowed; 0 = allowed now.
  long RetryAfter(std::string_view account, std::string_view ip, Clock::time_point now = Clock::now());
  void RecordFailure(std::string_view account, std::string_view ip, Clock::time_point now = Clock::now());
  // A successful login clears the account's failures (not the IP's).
  void RecordSuccess(std::string_view account);

 private:
  long Wait(std::deque<Clock::time_point>& q, int max, Clock::time_point now);

  Limits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> by_account_;  // guarded by mu_
  std::unordered_map<std::string, std::deque<Clock::time_point>> by_ip_;       // guarded by mu_
};

}  // namespace st::web
