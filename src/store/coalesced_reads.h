// Coalesces identical concurrent reads: a caller runs read(key) itself or
// waits for a run of it that *started after the caller arrived*, and takes
// that run's value. So every caller sees every write committed before it
// called — what a plain cache cannot promise — while N concurrent callers of
// one key cost about one read per read-latency instead of N.
// Used for session checks: every API request reads its session, and a busy
// client sends many requests with the same cookie at once (on PostgreSQL each
// read is a round trip to the server).
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

namespace st::store {

template <typename Key, typename Value>
class CoalescedReads {
 public:
  Value Get(const Key& key, const std::function<Value()>& read) {
    std::unique_lock lock(mu_);
    Flight& f = flights_[key];
    ++f.callers;
    // Runs numbered from 1; the first run that can serve us is the next one.
    const std::uint64_t need = f.started + 1;
    f.cv.wait(lock, [&] { return f.finished >= need || !f.running; });
    if (f.finished < need) {  // no run in progress: run it ourselves
      f.running = true;
      const std::uint64_t run = ++f.started;
      lock.unlock();
      Value v = read();
      lock.lock();
      f.value = v;
      f.finished = run;
      f.running = false;
      f.cv.notify_all();
    }
    Value out = *f.value;
    if (--f.callers == 0) flights_.erase(key);
    return out;
  }

 private:
  struct Flight {
    std::uint64_t started = 0, finished = 0;  // run numbers
    bool running = false;
    std::optional<Value> value;  // of run `finished`
    int callers = 0;             // the entry lives while someone uses it
    std::condition_variable cv;
  };
  std::mutex mu_;
  std::map<Key, Flight> flights_;  // guarded by mu_
};

}  // namespace st::store
