#include "web/openapi.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace st::web {
namespace {

nlohmann::json Schema(const Field& f) {
  nlohmann::json s = {{"type", FieldTypeName(f.type)}};
  if (f.type == FieldType::kArrayOfStrings) s["items"] = {{"type", "string"}};
  if (!f.description.empty()) s["description"] = f.description;
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

nlohmann::json OpenApiDocument(const RouteTable& table) {
  nlohmann::json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "superteam API"},
                 {"version", "1"},
                 {"description", "Campaign store, pipeline and talent search. Errors: "
                                 "{\"error\":{\"code\",\"message\"}}. See docs/API.md."}};
  doc["components"]["securitySchemes"]["session"] = {{"type", "apiKey"}, {"in", "cookie"}, {"name", "st_session"}};
  doc["components"]["securitySchemes"]["csrf"] = {{"type", "apiKey"}, {"in", "header"}, {"name", "X-CSRF-Token"}};
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}};
  nlohmann::json error_ref = {{"description", "error"},
                              {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& r : table.routes()) {
    nlohmann::json op;
    op["summary"] = r.summary;
    op["tags"] = {r.tag};
    op["operationId"] = Lower(MethodName(r.method)) + "_" + r.path;
    std::string roles = r.RolesText();
    op["x-roles"] = roles;
    op["description"] = "Roles: " + roles + ". Response: " + r.response;
    nlohmann::json params = nlohmann::json::array();
    for (const auto& p : r.PathParams()) {
      params.push_back({{"name", p}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const Field& q : r.query) {
      params.push_back({{"name", q.name}, {"in", "query"}, {"required", q.required}, {"schema", Schema(q)}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.body.empty()) {
      nlohmann::json props = nlohmann::json::object();
      nlohmann::json required = nlohmann::json::array();
      for (const Field& f : r.body) {
        props[f.name] = Schema(f);
        if (f.required) required.push_back(f.name);
      }
      nlohmann::json schema = {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
      if (!required.empty()) schema["required"] = required;
      op["requestBody"] = {{"required", r.body_required},
                           {"content", {{"application/json", {{"schema", schema}}}}}};
    }
    if (r.access != Access::kPublic) {
      op["security"] = r.method == Method::kGet ? nlohmann::json::array({{{"session", nlohmann::json::array()}}})
                                                : nlohmann::json::array({{{"session", nlohmann::json::array()},
                                                                          {"csrf", nlohmann::json::array()}}});
    }
    std::string code = std::to_string(r.success_status);
    op["responses"][code] = {{"description", r.response.empty() ? "ok" : r.response}};
    op["responses"]["default"] = error_ref;
    paths[r.path][Lower(MethodName(r.method))] = op;
  }
  doc["paths"] = paths;
  return doc;
}

}  // namespace st::web
