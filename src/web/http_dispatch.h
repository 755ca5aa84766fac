// Everything the server does with a parsed request, independent of the HTTP
// library: parse and decode the target, match an API route (web/api_call.h
// runs it), else serve a page (static file, or the app shell for client-side
// page paths), else a JSON 404. Every reply carries the security headers and
// /api replies Cache-Control: no-store; a throwing handler becomes a 500.
// Thread-safety: read-only after construction; Handle runs concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "web/http_reply.h"
#include "web/route_matcher.h"
#include "web/server.h"
#include "web/static_files.h"

namespace st::web {

struct HttpRequest {
  std::string_view method;  // as sent: "GET", ...
  std::string_view target;  // as sent: "/api/people?limit=5"
  const RequestHeaders* headers = nullptr;
  const std::string* body = nullptr;
  std::string client_ip;
};

// "/api", "/api/..." or "/api?...": API replies get API headers and JSON 404s.
bool IsApiPath(std::string_view path);

class Dispatcher {
 public:
  Dispatcher(std::shared_ptr<const RouteTable> routes, Authenticator authenticate, CookiePolicy cookies,
             std::string static_dir);

  HttpReply Handle(const HttpRequest& request) const;
  // For errors the connection detects before a request is complete (413, 400),
  // with the same headers as every other reply.
  static HttpReply Error(int http_status, std::string_view code, std::string_view message, bool api);

 private:
  HttpReply Route(const HttpRequest& request) const;

  std::shared_ptr<const RouteTable> routes_;
  RouteMatcher matcher_;
  Authenticator authenticate_;
  CookiePolicy cookies_;
  StaticFiles files_;
};

}  // namespace st::web
