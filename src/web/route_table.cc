#include "web/route_table.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace st::web {

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

std::string_view FieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::kString: return "string";
    case FieldType::kInteger: return "integer";
    case FieldType::kNumber: return "number";
    case FieldType::kBoolean: return "boolean";
    case FieldType::kArrayOfStrings: return "array";
    case FieldType::kObject: return "object";
  }
  return "string";
}

namespace {

Result<int64_t> ParseInt(const std::string& s, const std::string& name) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) {
    return Status::InvalidInput("parameter '" + name + "' must be an integer, got '" + s.substr(0, 40) + "'");
  }
  return v;
}

}  // namespace

Result<int64_t> Call::PathId(const std::string& name) const {
  auto it = path.find(name);
  if (it == path.end()) return Status::Internal("route has no path parameter '" + name + "'");
  return ParseInt(it->second, name);
}

std::optional<std::string> Call::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<std::optional<int64_t>> Call::QueryInt(const std::string& name, int64_t min, int64_t max) const {
  auto q = Query(name);
  if (!q) return std::optional<int64_t>();
  ST_ASSIGN_OR_RETURN(int64_t v, ParseInt(*q, name));
  if (v < min || v > max) {
    return Status::InvalidInput("parameter '" + name + "' must be in " + std::to_string(min) + ".." +
                                std::to_string(max));
  }
  return std::optional<int64_t>(v);
}

Reply Reply::Json(const nlohmann::json& j, int status) {
  Reply r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

bool Route::Allows(const campaign::Role* role) const {
  switch (access) {
    case Access::kPublic: return true;
    case Access::kAnyUser: return role != nullptr;
    case Access::kPermission: return role != nullptr && campaign::HasPermission(*role, permission);
  }
  return false;
}

std::string Route::RolesText() const {
  if (access == Access::kPublic) return "anyone";
  if (access == Access::kAnyUser) return "any logged-in user";
  std::string out;
  for (campaign::Role r : campaign::AllRoles()) {
    if (campaign::HasPermission(r, permission)) out += (out.empty() ? "" : ", ") + std::string(campaign::RoleName(r));
  }
  return out;
}

std::vector<std::string> Route::PathParams() const {
  std::vector<std::string> out;
  size_t i = 0;
  while ((i = path.find('{', i)) != std::string::npos) {
    size_t j = path.find('}', i);
    out.push_back(path.substr(i + 1, j - i - 1));
    i = j;
  }
  return out;
}

void RouteTable::Add(Route route) {
  for (const Route& r : routes_) {
    if (r.method == route.method && r.path == route.path) {
      throw std::logic_error("duplicate route " + std::string(MethodName(r.method)) + " " + r.path);
    }
  }
  routes_.push_back(std::move(route));
}

}  // namespace st::web
