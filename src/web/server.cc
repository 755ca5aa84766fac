#include "web/server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "web/http_error.h"

namespace st::web {
namespace {

void SendError(httplib::Response& res, int http_status, std::string_view code, std::string_view message) {
  res.status = http_status;
  res.set_content(ErrorBody(code, message), "application/json; charset=utf-8");
}

void SendStatus(httplib::Response& res, const Status& status) {
  HttpError e = HttpErrorFor(status.code());
  if (e.http_status >= 500) std::fprintf(stderr, "superteam serve: %s\n", status.ToString().c_str());
  // Server-side failures keep their detail in the log, not in the response.
  SendError(res, e.http_status, e.code, e.http_status >= 500 ? "internal error; see the server log" : status.message());
}

bool TypeMatches(const nlohmann::json& v, FieldType t) {
  switch (t) {
    case FieldType::kString: return v.is_string();
    case FieldType::kInteger: return v.is_number_integer();
    case FieldType::kNumber: return v.is_number();
    case FieldType::kBoolean: return v.is_boolean();
    case FieldType::kObject: return v.is_object();
    case FieldType::kArrayOfStrings:
      if (!v.is_array()) return false;
      for (const auto& e : v) {
        if (!e.is_string()) return false;
      }
      return true;
  }
  return false;
}

// Parses and vets a request body against the route's declared fields.
Result<nlohmann::json> VetBody(const Route& route, const std::string& text) {
  if (text.empty()) {
    if (route.body_required) return Status::InvalidInput("request body required (a JSON object)");
    return nlohmann::json::object();
  }
  nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Status::InvalidInput("request body is not valid JSON");
  if (!body.is_object()) return Status::InvalidInput("request body must be a JSON object");
  for (auto it = body.begin(); it != body.end(); ++it) {
    const Field* field = nullptr;
    for (const Field& f : route.body) {
      if (f.name == it.key()) field = &f;
    }
    if (field == nullptr) return Status::InvalidInput("unknown field '" + it.key() + "'");
    if (it->is_null() && !field->required) continue;  // explicit null clears an optional field
    if (!TypeMatches(*it, field->type)) {
      return Status::InvalidInput("field '" + it.key() + "' must be of type " +
                                  std::string(FieldTypeName(field->type)));
    }
  }
  for (const Field& f : route.body) {
    if (f.required && !body.contains(f.name)) return Status::InvalidInput("field '" + f.name + "' is required");
  }
  return body;
}

class HttplibHeaders final : public RequestHeaders {
 public:
  explicit HttplibHeaders(const httplib::Request& req) : req_(req) {}
  std::string Get(std::string_view name) const override { return req_.get_header_value(std::string(name).c_str()); }

 private:
  const httplib::Request& req_;
};

}  // namespace

ApiServer::ApiServer(ServerOptions options, std::shared_ptr<const RouteTable> routes, Authenticator authenticate)
    : options_(std::move(options)),
      routes_(std::move(routes)),
      authenticate_(std::move(authenticate)),
      http_(std::make_unique<httplib::Server>()) {
  cookie_policy_.secure = options_.tls_proxy;
  Register();
}

ApiServer::~ApiServer() { Stop(); }

void ApiServer::Register() {
  httplib::Server& s = *http_;
  // Without TCP_NODELAY small responses wait on Nagle + delayed ACK: measured
  // ~290 req/s instead of ~20k (DEPENDENCIES.md).
  s.set_tcp_nodelay(true);
  int threads = options_.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_keep_alive_max_count(100000);
  s.set_keep_alive_timeout(30);
  s.set_payload_max_length(options_.max_body_bytes);
  httplib::Headers defaults;
  for (auto& [k, v] : SecurityHeaders(false)) defaults.emplace(k, v);
  s.set_default_headers(defaults);

  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "superteam serve: handler threw: %s\n", what.c_str());
    SendError(res, 500, "internal", "internal error; see the server log");
  });

  std::string static_dir = options_.static_dir;
  s.set_error_handler(httplib::Server::HandlerWithResponse([static_dir](const httplib::Request& req,
                                                                       httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // our own JSON error
    bool api = req.path.rfind("/api", 0) == 0;
    if (api) res.set_header("Cache-Control", "no-store");
    if (res.status == 413) {
      SendError(res, 413, kPayloadTooLarge.code, "request body too large");
    } else if (res.status == 404 && api) {
      SendError(res, 404, "not_found", "no route " + req.method + " " + req.path);
    } else if (res.status == 404 && !static_dir.empty() && req.method == "GET" &&
               req.path.find('.') == std::string::npos) {
      // Client-side page paths ("/people/12") get the app shell.
      std::error_code ec;
      std::filesystem::path index = std::filesystem::path(static_dir) / "index.html";
      if (std::filesystem::exists(index, ec)) {
        std::FILE* f = std::fopen(index.c_str(), "rb");
        if (f != nullptr) {
          std::string body;
          char buf[65536];
          size_t n;
          while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) body.append(buf, n);
          std::fclose(f);
          res.status = 200;
          res.set_content(body, "text/html; charset=utf-8");
        }
      }
    } else if (res.status >= 400) {
      SendError(res, res.status, res.status == 404 ? "not_found" : "invalid_input",
                res.status == 404 ? "not found" : "bad request");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));

  if (!options_.static_dir.empty()) s.set_mount_point("/", options_.static_dir);
  // Debian's cpp-httplib 0.11 compresses every compressible body with brotli at its default quality
  // (11) when the client accepts br, on every request: 3 s for cytoscape.min.js. It only compresses
  // bare "application/javascript|json" or "text/*" types, so scripts go out with a charset parameter
  // and uncompressed (18 ms on loopback); CSS and HTML are small.
  s.set_file_extension_and_mimetype_mapping("js", "application/javascript; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("mjs", "application/javascript; charset=utf-8");
  s.set_file_extension_and_mimetype_mapping("json", "application/json; charset=utf-8");

  for (const Route& route : routes_->routes()) {
    const Route* r = &route;
    auto handler = [this, r](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      Principal principal;
      bool has_session = false;
      std::string token;
      if (auto cookie = CookieValue(req.get_header_value("Cookie"), cookie_policy_.name())) token = *cookie;
      if (!token.empty()) {
        Result<std::optional<Principal>> who = authenticate_(token);
        if (!who.ok()) return SendStatus(res, who.status());
        if (who->has_value()) {
          principal = std::move(**who);
          principal.session_token = token;
          has_session = true;
        }
      }
      if (r->access != Access::kPublic && !has_session) {
        return SendError(res, 401, "unauthenticated", "log in first");
      }
      if (!r->Allows(has_session ? &principal.role : nullptr)) {
        return SendError(res, 403, "forbidden",
                         "role '" + std::string(campaign::RoleName(principal.role)) + "' may not " +
                             std::string(MethodName(r->method)) + " " + r->path);
      }
      if (r->method != Method::kGet) {
        if (!SameOriginWrite(req.get_header_value("Host"), req.get_header_value("Origin"),
                             req.get_header_value("Sec-Fetch-Site"))) {
          return SendError(res, 403, "forbidden", "cross-site request refused");
        }
        if (!r->csrf_exempt) {
          std::string sent = req.get_header_value("X-CSRF-Token");
          if (sent.empty() || !SafeEquals(sent, principal.csrf_token)) {
            return SendError(res, 403, "forbidden", "missing or wrong X-CSRF-Token header");
          }
        }
      }
      Call call;
      call.principal = has_session ? &principal : nullptr;
      std::vector<std::string> names = r->PathParams();
      for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) call.path[names[i]] = req.matches[i + 1];
      for (const auto& [k, v] : req.params) {
        bool declared = false;
        for (const Field& q : r->query) declared |= q.name == k;
        if (!declared) return SendError(res, 400, "invalid_input", "unknown query parameter '" + k + "'");
        call.query[k] = v;
      }
      nlohmann::json body;
      if (!r->body.empty()) {
        Result<nlohmann::json> vetted = VetBody(*r, req.body);
        if (!vetted.ok()) return SendStatus(res, vetted.status());
        body = std::move(vetted).value();
        call.body = &body;
      } else if (!req.body.empty()) {
        // Clients may send "{}" on body-less writes (logout); anything else is refused.
        nlohmann::json empty = nlohmann::json::parse(req.body, nullptr, false);
        if (!empty.is_object() || !empty.empty()) {
          return SendError(res, 400, "invalid_input", "this route takes no request body");
        }
      }
      call.client_ip = req.remote_addr;
      HttplibHeaders headers(req);
      call.headers = &headers;
      Result<Reply> reply = r->handler(call);
      for (auto& [k, v] : call.response_headers) res.set_header(k, v);
      if (!reply.ok()) return SendStatus(res, reply.status());
      if (reply->stream) {
        res.set_chunked_content_provider(
            reply->content_type, [stream = std::move(reply->stream)](size_t, httplib::DataSink& sink) -> bool {
              std::string out;
              if (!sink.is_writable() || !stream(out)) return false;
              return out.empty() || sink.write(out.data(), out.size());
            });
        return;
      }
      res.status = reply->status;
      if (reply->status != 204) res.set_content(std::move(reply->body), reply->content_type);
    };
    std::string pattern = route.PathRegex();
    switch (route.method) {
      case Method::kGet: s.Get(pattern, handler); break;
      case Method::kPost: s.Post(pattern, handler); break;
      case Method::kPatch: s.Patch(pattern, handler); break;
      case Method::kDelete: s.Delete(pattern, handler); break;
    }
  }
}

namespace {

// Debian's cpp-httplib 0.11 is a compiled library built with a listen
// backlog of 5: when 64 clients connect at once the SYN queue overflows and
// connections wait for a 1 s / 3 s SYN retransmit (measured: p99 1.1 s and
// wrk timeouts). The server has no accessor for its socket, so find our
// listening socket by its port and raise the backlog (listen() on a listening
// socket only updates the backlog on Linux).
void RaiseListenBacklog(int port) {
  for (int fd = 0; fd < 4096; ++fd) {
    int accepting = 0;
    socklen_t len = sizeof accepting;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) != 0 || !accepting) continue;
    sockaddr_storage addr{};
    socklen_t alen = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &alen) != 0) continue;
    int bound = addr.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port)
                : addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                             : -1;
    if (bound == port) ::listen(fd, 1024);
  }
}

}  // namespace

Result<int> ApiServer::Bind() {
  int port = options_.port == 0 ? http_->bind_to_any_port(options_.host)
                                : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port <= 0) {
    return Status::IoError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                           " (in use or not allowed)");
  }
  RaiseListenBacklog(port);
  return port;
}

void ApiServer::Run() { http_->listen_after_bind(); }

Result<int> ApiServer::StartInBackground() {
  ST_ASSIGN_OR_RETURN(int port, Bind());
  thread_ = std::thread([this] { Run(); });
  // cpp-httplib 0.11 has no wait_until_ready(): poll until the accept loop runs.
  for (int i = 0; i < 2000 && !http_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return port;
}

void ApiServer::Stop() {
  if (shutdown_hook_) shutdown_hook_();
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace st::web
