#include "web/stream_threads.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <exception>

namespace st::web {
namespace {

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // peer gone, or SO_SNDTIMEO passed (stalled reader)
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The client closed its end (EventSource navigated away): readable with EOF,
// or an error. Streams never expect request bytes, so anything readable
// other than EOF is ignored.
bool PeerClosed(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  if (p.revents & (POLLERR | POLLHUP | POLLRDHUP)) return true;
  char c;
  return ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

std::string Chunk(const std::string& data) {
  char size[24];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

}  // namespace

bool StreamThreads::Start(int fd, std::string head, StreamProducer producer) {
  std::lock_guard lock(mu_);
  ReapLocked();
  if (stopping_ || static_cast<int>(workers_.size()) >= max_streams_) {
    ::close(fd);
    return false;
  }
  Worker& w = workers_.emplace_back();
  w.thread = std::thread([this, fd, head = std::move(head), producer = std::move(producer), &w] {
    Serve(fd, head, producer);
    ::close(fd);
    w.done = true;
  });
  return true;
}

bool StreamThreads::Full() {
  std::lock_guard lock(mu_);
  ReapLocked();
  return stopping_ || static_cast<int>(workers_.size()) >= max_streams_;
}

void StreamThreads::Serve(int fd, const std::string& head, const StreamProducer& producer) const {
  // The I/O layer left the socket non-blocking; streams write blocking, with
  // a send timeout so a client that stops reading cannot pin the thread.
  int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (!SendAll(fd, head)) return;
  std::string out;
  while (!stopping_ && !PeerClosed(fd)) {
    out.clear();
    bool more = false;
    try {
      more = producer(out);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "superteam serve: event stream failed: %s\n", e.what());
      out.clear();
    }
    if (!out.empty() && !SendAll(fd, Chunk(out))) return;
    if (!more) break;
  }
  SendAll(fd, "0\r\n\r\n");  // end of the chunked body
}

void StreamThreads::ReapLocked() {
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (it->done) {
      it->thread.join();
      it = workers_.erase(it);
    } else {
      ++it;
    }
  }
}

void StreamThreads::StopAndJoin() {
  stopping_ = true;
  std::list<Worker> workers;
  {
    std::lock_guard lock(mu_);
    workers.swap(workers_);
  }
  for (Worker& w : workers) {
    if (w.thread.joinable()) w.thread.join();
  }
}

}  // namespace st::web
