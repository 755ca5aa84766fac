// One keep-alive HTTP/1.1 connection as an asynchronous state machine on
// Boost.Beast: read a request (header and body limits, read timeout) ->
// dispatch -> write the reply (write timeout) -> read again, or close with a
// lingering drain so the client still gets a 413 sent before its body ended.
// Streamed replies (SSE) hand the socket to StreamThreads. Only server.cc
// includes this header (Asio stays out of the rest of the code).
// Thread-safety: a connection runs on its own strand.
#pragma once

#include <utility>  // before Asio: Boost 1.74 with g++ 12 in C++20 (DEPENDENCIES.md)

#include <atomic>
#include <chrono>
#include <cstddef>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

namespace st::web {

class Dispatcher;
class StreamThreads;

// What every connection of one server shares; outlives them all.
struct ConnectionShared {
  const Dispatcher* dispatcher = nullptr;
  StreamThreads* streams = nullptr;
  boost::asio::thread_pool* handler_pool = nullptr;  // null: handlers run on the I/O thread
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 64 * 1024;
  std::chrono::seconds read_timeout{30};   // a whole request, and the keep-alive wait before it
  std::chrono::seconds write_timeout{30};  // a whole reply
  std::atomic<int> open{0};                // connections alive now
};

// Serves `socket` (whose executor is a strand) until the client leaves.
void StartConnection(boost::asio::ip::tcp::socket socket, ConnectionShared& shared);

}  // namespace st::web
