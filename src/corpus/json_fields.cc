#include "corpus/json_fields.h"

#include <cmath>
#include <cstring>

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

// Nesting depth of raw JSON, ignoring brackets inside strings. A state
// machine over the bytes, with 8-byte words that hold no quote, backslash or
// bracket skipped whole (most bytes of ids and URLs), since this runs over
// every ignored value on the ingest hot path.
inline uint64_t HasByte(uint64_t word, uint8_t byte) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  uint64_t y = word ^ (kOnes * byte);
  return (y - kOnes) & ~y & (kOnes << 7);
}

// Upper bound of the nesting depth: the number of '[' and '{' bytes (those
// inside strings included). Cheap, and enough for almost every value.
uint64_t CountOpeners(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  uint64_t n = 0;
  for (; end - p >= 8; p += 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    n += static_cast<uint64_t>(__builtin_popcountll(HasByte(word, '[') | HasByte(word, '{')));
  }
  for (; p < end; ++p) n += *p == '[' || *p == '{';
  return n;
}

bool ExceedsDepthImpl(std::string_view s, uint32_t max_depth) {
  if (CountOpeners(s) <= max_depth) return false;
  const char* p = s.data();
  const char* end = p + s.size();
  uint32_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  while (p < end) {
    if (end - p >= 8 && !escaped) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      uint64_t special = HasByte(word, '"') | HasByte(word, '\\');
      if (!in_string) {
        special |= HasByte(word, '[') | HasByte(word, ']') | HasByte(word, '{') | HasByte(word, '}');
      }
      if (special == 0) {
        p += 8;
        continue;
      }
    }
    char c = *p++;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
  }
  return false;
}


// One element of an ignored container: measured by its raw text, exactly
// only in the rare case that it holds more openers than the budget.
bool SkipElement(value& v, uint32_t max_depth, std::string* err) {
  simdjson::ondemand::json_type t = simdjson::ondemand::json_type::null;
  if (auto e = v.type().get(t)) return Fail(err, "(unknown field)", e);
  std::string_view raw;
  if (t == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array a;
    if (auto e = v.get_array().get(a)) return Fail(err, "(unknown field)", e);
    if (auto e = a.raw_json().get(raw)) return Fail(err, "(unknown field)", e);
  } else if (t == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object o;
    if (auto e = v.get_object().get(o)) return Fail(err, "(unknown field)", e);
    if (auto e = o.raw_json().get(raw)) return Fail(err, "(unknown field)", e);
  } else {
    return true;  // scalars are skipped by the parser
  }
  if (ExceedsDepthImpl(raw, max_depth))
    return Fail(err, "(unknown field)", "JSON nested deeper than the limit");
  return true;
}

}  // namespace

bool SkipAndMeasure(value& v, uint32_t max_depth, std::string* err) {
  // Containers are opened one level so that a large ignored array (OpenAlex
  // `locations`) is measured element by element, each almost always settled
  // by the cheap opener count instead of the exact byte scan.
  simdjson::ondemand::json_type t = simdjson::ondemand::json_type::null;
  if (auto e = v.type().get(t)) return Fail(err, "(unknown field)", e);
  if (t != simdjson::ondemand::json_type::array && t != simdjson::ondemand::json_type::object)
    return true;
  if (max_depth == 0) return Fail(err, "(unknown field)", "JSON nested deeper than the limit");
  if (t == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array a;
    if (auto e = v.get_array().get(a)) return Fail(err, "(unknown field)", e);
    for (auto er : a) {
      value ev;
      if (auto e = std::move(er).get(ev)) return Fail(err, "(unknown field)", e);
      if (!SkipElement(ev, max_depth - 1, err)) return false;
    }
  } else {
    simdjson::ondemand::object o;
    if (auto e = v.get_object().get(o)) return Fail(err, "(unknown field)", e);
    for (auto fr : o) {
      simdjson::ondemand::field f;
      if (auto e = std::move(fr).get(f)) return Fail(err, "(unknown field)", e);
      if (!SkipElement(f.value(), max_depth - 1, err)) return false;
    }
  }
  return true;
}

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

// The getters try the expected type first (the common case, one call) and
// only look at the actual type to accept null or to word the error.
static bool AbsentOrWrongType(value& v, std::string_view field, const char* expected, std::string* err) {
  simdjson::ondemand::json_type t = simdjson::ondemand::json_type::null;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  return WrongType(err, field, expected, t);
}

bool GetStringView(value& v, std::string_view field, std::string_view* out, std::string* err) {
  auto e = v.get_string().get(*out);
  if (!e) return true;
  *out = std::string_view();
  if (e != simdjson::INCORRECT_TYPE) return Fail(err, field, e);
  return AbsentOrWrongType(v, field, "string", err);
}

bool GetString(value& v, std::string_view field, std::string* out, std::string* err) {
  std::string_view s;
  if (!GetStringView(v, field, &s, err)) return false;
  out->assign(s);
  return true;
}

bool GetInt(value& v, std::string_view field, int64_t* out, std::string* err) {
  int64_t i;
  auto e = v.get_int64().get(i);
  if (!e) {
    *out = i;
    return true;
  }
  simdjson::ondemand::json_type t = simdjson::ondemand::json_type::null;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::number) return WrongType(err, field, "integer", t);
  double d;
  e = v.get_double().get(d);
  if (e) return Fail(err, field, e);
  if (!(std::fabs(d) < 9e18) || d != std::floor(d)) return Fail(err, field, "expected integer");
  *out = static_cast<int64_t>(d);
  return true;
}

bool GetDouble(value& v, std::string_view field, double* out, std::string* err) {
  simdjson::ondemand::json_type t = simdjson::ondemand::json_type::null;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::number) return WrongType(err, field, "number", t);
  auto e = v.get_double().get(*out);
  if (e) return Fail(err, field, e);
  return true;
}

bool GetBool(value& v, std::string_view field, bool* out, std::string* err) {
  simdjson::ondemand::json_type t = simdjson::ondemand::json_type::null;
  if (!TypeOf(v, field, &t, err)) return false;
  if (t == simdjson::ondemand::json_type::null) return true;
  if (t != simdjson::ondemand::json_type::boolean) return WrongType(err, field, "boolean", t);
  auto e = v.get_bool().get(*out);
  if (e) return Fail(err, field, e);
  return true;
}

bool GetObject(value& v, std::string_view field, simdjson::ondemand::object* out, bool* present,
               std::string* err) {
  auto e = v.get_object().get(*out);
  *present = !e;
  if (!e) return true;
  if (e != simdjson::INCORRECT_TYPE) return Fail(err, field, e);
  return AbsentOrWrongType(v, field, "object", err);
}

bool GetArray(value& v, std::string_view field, simdjson::ondemand::array* out, bool* present,
              std::string* err) {
  auto e = v.get_array().get(*out);
  *present = !e;
  if (!e) return true;
  if (e != simdjson::INCORRECT_TYPE) return Fail(err, field, e);
  return AbsentOrWrongType(v, field, "array", err);
}

}  // namespace st::corpus::json
