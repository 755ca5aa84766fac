#include "web/http_dispatch.h"

#include <cstdio>
#include <exception>

#include "web/api_call.h"
#include "web/http_error.h"
#include "web/url.h"

namespace st::web {
bool IsApiPath(std::string_view path) {
  return path.substr(0, 4) == "/api" && (path.size() == 4 || path[4] == '/' || path[4] == '?');
}

namespace {

void AddCommonHeaders(HttpReply& reply, bool api) {
  HeaderList headers = SecurityHeaders(api);
  for (auto& h : reply.headers) headers.push_back(std::move(h));
  reply.headers = std::move(headers);
}

}  // namespace

HttpReply ErrorReply(int http_status, std::string_view code, std::string_view message) {
  HttpReply r;
  r.status = http_status;
  r.body = ErrorBody(code, message);
  return r;
}

Dispatcher::Dispatcher(std::shared_ptr<const RouteTable> routes, Authenticator authenticate, CookiePolicy cookies,
                       std::string static_dir)
    : routes_(std::move(routes)),
      matcher_(*routes_),
      authenticate_(std::move(authenticate)),
      cookies_(cookies),
      files_(std::move(static_dir)) {}

HttpReply Dispatcher::Error(int http_status, std::string_view code, std::string_view message, bool api) {
  HttpReply r = ErrorReply(http_status, code, message);
  AddCommonHeaders(r, api);
  return r;
}

HttpReply Dispatcher::Handle(const HttpRequest& req) const {
  bool api = IsApiPath(req.target);
  HttpReply reply;
  try {
    reply = Route(req);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "superteam serve: handler threw: %s\n", e.what());
    reply = ErrorReply(500, "internal", "internal error; see the server log");
  } catch (...) {
    std::fprintf(stderr, "superteam serve: handler threw: unknown exception\n");
    reply = ErrorReply(500, "internal", "internal error; see the server log");
  }
  AddCommonHeaders(reply, api);
  return reply;
}

HttpReply Dispatcher::Route(const HttpRequest& req) const {
  Result<Target> target = ParseTarget(req.target);
  if (!target.ok()) return ErrorReply(400, "invalid_input", target.status().message());
  // HEAD is GET without the body (the connection drops the body).
  std::optional<Method> method = ParseMethod(req.method == "HEAD" ? std::string_view("GET") : req.method);
  if (method) {
    if (auto match = matcher_.Find(*method, target->path)) {
      ApiRequest call{req.headers, std::move(match->params), &target->query, req.body, req.client_ip};
      return RunRoute(*match->route, call, authenticate_, cookies_);
    }
  }
  if (IsApiPath(target->path)) {
    return ErrorReply(404, "not_found", "no route " + std::string(req.method) + " " + target->path);
  }
  if (method == Method::kGet && files_.enabled()) {
    std::optional<StaticFile> file = files_.Find(target->path);
    // Client-side page paths ("/people/12") get the app shell.
    if (!file && target->path.find('.') == std::string::npos) file = files_.AppShell();
    if (file) {
      HttpReply r;
      r.body = std::move(file->body);
      r.content_type = std::move(file->content_type);
      return r;
    }
  }
  return ErrorReply(404, "not_found", "not found");
}

}  // namespace st::web
