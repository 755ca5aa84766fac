// The API's route table: one Route per (method, path) with the roles allowed,
// the query parameters and body fields accepted, and the handler. The server
// registers exactly these routes and GET /api/openapi.json is generated from
// the same table (web/openapi.h), so documentation and routing cannot drift.
// Body fields listed here are also the only ones the adapter accepts: a body
// with any other key is rejected before the handler runs (no mass assignment).
// Thread-safety: built once at start-up, then read-only.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"
#include "campaign/role.h"
#include "web/http_types.h"

namespace st::web {

enum class Method { kGet, kPost, kPatch, kDelete };
std::string_view MethodName(Method m);  // "GET", ...

// Who may call a route: anyone, any logged-in user, or roles holding a
// campaign::Permission (the same table the store checks again).
enum class Access { kPublic, kAnyUser, kPermission };

enum class FieldType { kString, kInteger, kNumber, kBoolean, kArrayOfStrings, kObject };
std::string_view FieldTypeName(FieldType t);  // OpenAPI type

struct Field {
  std::string name{};
  FieldType type = FieldType::kString;
  bool required = false;
  std::string description{};
};

// The logged-in caller, as the handlers see it.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  campaign::Role role = campaign::Role::kViewer;
  std::string session_token;
  std::string csrf_token;  // the session's; must come back as X-CSRF-Token on writes
};

// One API call after the adapter has authenticated it, checked role, CSRF and
// origin, and parsed and vetted the body.
struct Call {
  const Principal* principal = nullptr;  // null only on kPublic routes without a session
  std::map<std::string, std::string> path;   // {id} -> "12"
  std::map<std::string, std::string> query;  // only declared parameters
  const nlohmann::json* body = nullptr;      // an object, only declared fields; null when no body fields
  const std::string* raw_body = nullptr;     // the body as sent, only on routes with `raw_body` (form posts)
  std::string client_ip;
  const RequestHeaders* headers = nullptr;  // for the few routes that read headers (events)
  HeaderList response_headers;              // added to the response, errors included (cookies, Retry-After)

  std::string Header(std::string_view name) const { return headers ? headers->Get(name) : std::string(); }
  void SetHeader(std::string name, std::string value) {
    response_headers.emplace_back(std::move(name), std::move(value));
  }

  // Path/query helpers returning InvalidInput naming the parameter.
  Result<int64_t> PathId(const std::string& name) const;
  std::optional<std::string> Query(const std::string& name) const;
  Result<std::optional<int64_t>> QueryInt(const std::string& name, int64_t min, int64_t max) const;
};

struct Reply {
  int status = 200;
  std::string body;  // JSON text unless content_type says otherwise; empty for 204
  std::string content_type = "application/json; charset=utf-8";
  StreamProducer stream{};  // set: `body` is ignored and the server streams (SSE)
  static Reply Json(const nlohmann::json& j, int status = 200);
  static Reply NoContent() { return Reply{204, "", "", {}}; }
};

using Handler = std::function<Result<Reply>(Call&)>;

struct Route {
  // Default member initialisers on every member so handler files can use
  // designated initialisers and name only what they set.
  Method method = Method::kGet;
  std::string path{};  // OpenAPI template: "/api/people/{id}"
  std::string summary{};
  std::string tag{};  // resource group: "people", "auth", ...
  Access access = Access::kAnyUser;
  campaign::Permission permission = campaign::Permission::kReadPeople;  // for Access::kPermission
  std::vector<Field> query{};
  std::vector<Field> body{};
  bool body_required = false;
  int success_status = 200;
  std::string response{};  // short description of the response shape (see docs/API.md)
  Handler handler{};
  bool csrf_exempt = false;  // login only: there is no session yet
  bool raw_body = false;     // the body is not JSON (an RFC 8058 form post): handed over as sent, unvetted

  bool Allows(const campaign::Role* role) const;
  // "anyone", "any logged-in user" or "ceo, hr" — for the OpenAPI document.
  std::string RolesText() const;
  // Path parameter names in order, e.g. {"id"}. (web/route_matcher matches them.)
  std::vector<std::string> PathParams() const;
};

class RouteTable {
 public:
  void Add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace st::web
