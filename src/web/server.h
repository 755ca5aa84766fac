// The HTTP adapter: registers every Route of a RouteTable on a cpp-httplib
// server and does, in one place and in this order, what every API call needs:
// security headers → session cookie → role check → same-origin + CSRF check
// for writes → declared query parameters only → body size limit, JSON parse
// and field vetting (unknown keys rejected) → handler → Status→HTTP mapping.
// Static pages are served from `static_dir` with the same security headers.
//
// cpp-httplib runs one blocking thread per connection: the pool is sized for
// the wrk benchmark's 64 connections plus long-lived SSE streams.
// Thread-safety: Start/Stop from one thread; handlers run concurrently.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "base/status.h"
#include "web/route_table.h"
#include "web/security.h"

namespace httplib {
class Server;
}

namespace st::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0 = pick a free port (tests)
  std::string static_dir;          // empty = no static files
  bool tls_proxy = false;          // behind a TLS-terminating proxy: __Host- Secure cookie
  size_t max_body_bytes = 64 * 1024;
  int threads = 160;               // 64 benchmark connections + SSE streams + headroom
};

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
  // Stops accepting, runs the shutdown hook (ends long-lived SSE streams so
  // their threads can be joined), then joins the server.
  void Stop();
  void SetShutdownHook(std::function<void()> hook) { shutdown_hook_ = std::move(hook); }

  const CookiePolicy& cookie_policy() const { return cookie_policy_; }

 private:
  void Register();

  ServerOptions options_;
  std::shared_ptr<const RouteTable> routes_;
  Authenticator authenticate_;
  CookiePolicy cookie_policy_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::function<void()> shutdown_hook_;
};

}  // namespace st::web
