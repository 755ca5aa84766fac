// Long-lived streamed responses (server-sent events) on a bounded set of
// blocking threads, one per stream, so a stream's producer may wait (EventHub,
// 1 s poll) without holding an I/O thread. Each thread owns its socket: it
// writes the response head, then every chunk the producer gives, and ends
// when the producer returns false, the client goes away, a write stalls past
// the send timeout, or StopAndJoin() is called.
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <atomic>
#include <list>
#include <mutex>
#include <string>
#include <thread>

#include "web/http_types.h"

namespace st::web {

class StreamThreads {
 public:
  explicit StreamThreads(int max_streams) : max_streams_(max_streams) {}
  ~StreamThreads() { StopAndJoin(); }

  // Takes ownership of the connected socket `fd` (closed in every case).
  // `head` is the complete HTTP response head of a chunked response. Returns
  // false (fd closed) when max_streams are already running or after Stop.
  bool Start(int fd, std::string head, StreamProducer producer);
  // True when Start would refuse (at max_streams, or stopping).
  bool Full();
  // Ends every stream once its producer returns (producers must wake on
  // shutdown: WebApp's shutdown hook ends EventHub waits) and joins them.
  void StopAndJoin();

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void Serve(int fd, const std::string& head, const StreamProducer& producer) const;
  void ReapLocked();  // joins finished workers; mu_ held

  const int max_streams_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::list<Worker> workers_;  // guarded by mu_
};

}  // namespace st::web
