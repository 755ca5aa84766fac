#include "corpus/json_fields.h"

#include <cmath>

namespace st::corpus::json {
namespace {

const char* TypeName(simdjson::ondemand::json_type t) {
  using simdjson::ondemand::json_type;
  switch (t) {
    case json_type::array: return "array";
    case json_type::object: return "object";
    case json_type::number: return "number";
    case json_type::string: return "string";
    case json_type::boolean: return "boolean";
    case json_type::null: return "null";
  }
  return "unknown";
}

// Type of v, or false with err set.
bool TypeOf(value& v, std::string_view field, simdjson::ondemand::json_type* t, std::string* err) {
  auto e = v.type().get(*t);
  if (e) return Fail(err, field, e);
  return true;
}

bool WrongType(std::string* err, std::string_view field, const char* expected,
               simdjson::ondemand::json_type got) {
  return Fail(err, field, std::string("expected ") + expected + ", got " + TypeName(got));
}

}  // namespace

bool Fail(std::string* err, std::string_view field, std::string_view what) {
  err->assign("field '");
  err->append(field);
  err->append("': ");
  err->append(what);
  return false;
}

bool Fail(std::string* err, std::string_view field, simdjson::error_code code) {
  return Fail(err, field, simdjson::error_message(code));
}

bool GetStringView(value v, std::string_view field, std::string_view* out, std::string* err) {
  simdjson::ondemand::json_type t;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) {
    *out = std::string_view();
    return true;
  }
  if (t != simdjson::ondemand::json_type::string) return WrongType(err, field, "string", t);
  auto e = v.get_string().get(*out);
  if (e) return Fail(err, field, e);
  return true;
}

bool GetString(value v, std::string_view field, std::string* out, std::string* err) {
  std::string_view s;
  if (!GetStringView(v, field, &s, err)) return false;
  out->assign(s);
  return true;
}

bool GetInt(value v, std::string_view field, int64_t* out, std::string* err) {
  simdjson::ondemand::json_type t;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::number) return WrongType(err, field, "integer", t);
  int64_t i;
  if (!v.get_int64().get(i)) {
    *out = i;
    return true;
  }
  double d;
  auto e = v.get_double().get(d);
  if (e) return Fail(err, field, e);
  if (!(std::fabs(d) < 9e18) || d != std::floor(d)) return Fail(err, field, "expected integer");
  *out = static_cast<int64_t>(d);
  return true;
}

bool GetDouble(value v, std::string_view field, double* out, std::string* err) {
  simdjson::ondemand::json_type t;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::number) return WrongType(err, field, "number", t);
  auto e = v.get_double().get(*out);
  if (e) return Fail(err, field, e);
  return true;
}

bool GetBool(value v, std::string_view field, bool* out, std::string* err) {
  simdjson::ondemand::json_type t;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::boolean) return WrongType(err, field, "boolean", t);
  auto e = v.get_bool().get(*out);
  if (e) return Fail(err, field, e);
  return true;
}

bool GetObject(value v, std::string_view field, simdjson::ondemand::object* out, bool* present,
               std::string* err) {
  *present = false;
  simdjson::ondemand::json_type t;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::object) return WrongType(err, field, "object", t);
  auto e = v.get_object().get(*out);
  if (e) return Fail(err, field, e);
  *present = true;
  return true;
}

bool GetArray(value v, std::string_view field, simdjson::ondemand::array* out, bool* present,
              std::string* err) {
  *present = false;
  simdjson::ondemand::json_type t;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::array) return WrongType(err, field, "array", t);
  auto e = v.get_array().get(*out);
  if (e) return Fail(err, field, e);
  *present = true;
  return true;
}

}  // namespace st::corpus::json
