// The HTTP server: an event loop (Boost.Asio + Boost.Beast) with a few I/O
// threads on one io_context; keep-alive connections are asynchronous state
// machines (web/http_connection), not threads, and each request goes through
// web/http_dispatch (routes, pages, security headers) — the library stays in
// server.cc and http_connection.cc. Handlers run on the I/O threads (or on a
// handler pool when ServerOptions::handler_threads > 0); server-sent-event
// streams run on their own bounded threads (web/stream_threads).
// Untrusted clients: header and body size limits, read/write timeouts, a cap
// on open connections and on streams.
// Thread-safety: Bind/Run/StartInBackground from one thread; Stop from any.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "base/status.h"
#include "web/route_table.h"
#include "web/security.h"

namespace st::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0 = pick a free port (tests)
  std::string static_dir;          // empty = no static files
  std::string campaign_dir;        // editable campaign files (offer letter template); "" = shipped default only
  std::string letter_template_default;  // the shipped offer letter template
  bool tls_proxy = false;          // behind a TLS-terminating proxy: __Host- Secure cookie
  size_t max_body_bytes = 64 * 1024;
  size_t max_header_bytes = 16 * 1024;
  // I/O threads, which also run the handlers; 0 = DefaultIoThreads(back end).
  int threads = 0;
  int handler_threads = 0;         // > 0: handlers run on a pool of this size instead
  int max_connections = 4096;      // further connections are closed on accept
  int max_streams = 256;           // concurrent /api/events streams (one thread each)
  std::chrono::seconds read_timeout{30};   // a whole request, and the idle keep-alive wait
  std::chrono::seconds write_timeout{30};  // a whole reply
};

// Handlers run on the I/O threads, so a store that blocks on network round
// trips needs more of them to keep the cores busy. Measured with wrk on 2
// cores (bench/README.md): SQLite peaks at 2 per core (more threads only add
// lock and scheduler contention), PostgreSQL at 8 per core (concurrent
// session checks then share one read).
int DefaultIoThreads(std::string_view store_backend);

// Resolves a session token to the caller: nullopt if unknown, expired or
// revoked; an error only when the store fails.
using Authenticator = std::function<Result<std::optional<Principal>>(const std::string& token)>;

class ApiServer {
 public:
  ApiServer(ServerOptions options, std::shared_ptr<const RouteTable> routes, Authenticator authenticate);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds host:port; returns the bound port. Errors: IoError if the port is taken.
  Result<int> Bind();
  // Serves until Stop(); blocks. Call after Bind().
  void Run();
  // Bind() then Run() on a background thread (tests).
  Result<int> StartInBackground();
  // Runs the shutdown hook (ends long-lived SSE streams), stops accepting,
  // joins the stream threads, stops the event loop and joins the background
  // thread. Idempotent.
  void Stop();
  void SetShutdownHook(std::function<void()> hook) { shutdown_hook_ = std::move(hook); }

  const CookiePolicy& cookie_policy() const { return cookie_policy_; }

 private:
  struct Impl;

  ServerOptions options_;
  CookiePolicy cookie_policy_;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  std::once_flag stopped_;
  std::function<void()> shutdown_hook_;
};

}  // namespace st::web
