#include "web/api_call.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "web/http_error.h"

namespace st::web {
namespace {

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

}  // namespace

HttpReply StatusReply(const Status& status) {
  HttpError e = HttpErrorFor(status.code());
  if (e.http_status >= 500) std::fprintf(stderr, "superteam serve: %s\n", status.ToString().c_str());
  // Server-side failures keep their detail in the log, not in the response.
  return ErrorReply(e.http_status, e.code,
                    e.http_status >= 500 ? "internal error; see the server log" : status.message());
}

HttpReply RunRoute(const Route& route, const ApiRequest& req, const Authenticator& authenticate,
                   const CookiePolicy& cookies) {
  Principal principal;
  bool has_session = false;
  std::string token;
  if (auto cookie = CookieValue(req.headers->Get("Cookie"), cookies.name())) token = *cookie;
  if (!token.empty()) {
    Result<std::optional<Principal>> who = authenticate(token);
    if (!who.ok()) return StatusReply(who.status());
    if (who->has_value()) {
      principal = std::move(**who);
      principal.session_token = token;
      has_session = true;
    }
  }
  if (route.access != Access::kPublic && !has_session) return ErrorReply(401, "unauthenticated", "log in first");
  if (!route.Allows(has_session ? &principal.role : nullptr)) {
    return ErrorReply(403, "forbidden",
                      "role '" + std::string(campaign::RoleName(principal.role)) + "' may not " +
                          std::string(MethodName(route.method)) + " " + route.path);
  }
  if (route.method != Method::kGet) {
    if (!SameOriginWrite(req.headers->Get("Host"), req.headers->Get("Origin"), req.headers->Get("Sec-Fetch-Site"))) {
      return ErrorReply(403, "forbidden", "cross-site request refused");
    }
    if (!route.csrf_exempt) {
      std::string sent = req.headers->Get("X-CSRF-Token");
      if (sent.empty() || !SafeEquals(sent, principal.csrf_token)) {
        return ErrorReply(403, "forbidden", "missing or wrong X-CSRF-Token header");
      }
    }
  }
  Call call;
  call.principal = has_session ? &principal : nullptr;
  call.path = req.path_params;
  for (const auto& [k, v] : *req.query) {
    bool declared = false;
    for (const Field& q : route.query) declared |= q.name == k;
    if (!declared) return ErrorReply(400, "invalid_input", "unknown query parameter '" + k + "'");
    call.query[k] = v;
  }
  nlohmann::json body;
  if (route.raw_body) {
    call.raw_body = req.body;
  } else if (!route.body.empty()) {
    Result<nlohmann::json> vetted = VetBody(route, *req.body);
    if (!vetted.ok()) return StatusReply(vetted.status());
    body = std::move(vetted).value();
    call.body = &body;
  } else if (!req.body->empty()) {
    // Clients may send "{}" on body-less writes (logout); anything else is refused.
    nlohmann::json empty = nlohmann::json::parse(*req.body, nullptr, false);
    if (!empty.is_object() || !empty.empty()) {
      return ErrorReply(400, "invalid_input", "this route takes no request body");
    }
  }
  call.client_ip = req.client_ip;
  call.headers = req.headers;
  Result<Reply> reply = route.handler(call);
  HttpReply out = reply.ok() ? HttpReply{} : StatusReply(reply.status());
  if (reply.ok()) {
    out.status = reply->status;
    out.content_type = std::move(reply->content_type);
    out.stream = std::move(reply->stream);
    if (reply->status != 204) out.body = std::move(reply->body);
  }
  for (auto& h : call.response_headers) out.headers.push_back(std::move(h));
  return out;
}

}  // namespace st::web
