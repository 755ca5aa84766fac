// Wakes the server-sent-event streams when this process writes something.
// Writers call Notify() after a committed write; each /api/events stream
// waits on the hub and then reads the new activities from the store (the
// store's activity ids are the SSE event ids, so Last-Event-ID resume and
// writes by other processes work the same way: streams also re-check the
// store after `poll` even without a notification).
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace st::web {

class EventHub {
 public:
  // Called after a write commits.
  void Notify();
  // Blocks until the sequence number differs from `seen`, `timeout` passes or
  // Shutdown(). Returns the current sequence number.
  uint64_t Wait(uint64_t seen, std::chrono::milliseconds timeout);
  uint64_t sequence() const;
  // Wakes every waiter for good; streams then end.
  void Shutdown();
  bool shut_down() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t sequence_ = 0;  // guarded by mu_
  bool shut_down_ = false;  // guarded by mu_
};

}  // namespace st::web
