// Typed field access over simdjson On-Demand for the corpus readers. The only
// header in the project that includes simdjson. Every getter accepts JSON
// null as "absent" and turns a wrong type into a message naming the field.
// Thread-safety: stateless functions; values belong to one parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

// In the readers' bool-returning parse functions: return false (the error
// message is already set) when a getter fails.
#define ST_JSON_OK(expr)       \
  do {                         \
    if (!(expr)) return false; \
  } while (0)

namespace st::corpus::json {

using simdjson::ondemand::value;

// Sets *err to "field '<field>': <what>" and returns false.
bool Fail(std::string* err, std::string_view field, std::string_view what);
bool Fail(std::string* err, std::string_view field, simdjson::error_code code);

// String or null (null gives an empty view / leaves *present false).
bool GetStringView(value& v, std::string_view field, std::string_view* out, std::string* err);
bool GetString(value& v, std::string_view field, std::string* out, std::string* err);
// Integer or null (null leaves *out untouched). Floats with no fraction pass.
bool GetInt(value& v, std::string_view field, int64_t* out, std::string* err);
bool GetDouble(value& v, std::string_view field, double* out, std::string* err);
bool GetBool(value& v, std::string_view field, bool* out, std::string* err);
// True when v is an object (false + no error when null; false + error otherwise).
bool GetObject(value& v, std::string_view field, simdjson::ondemand::object* out, bool* present,
               std::string* err);
bool GetArray(value& v, std::string_view field, simdjson::ondemand::array* out, bool* present,
              std::string* err);
// fn(key, value&) for each member of the object `v` holds (none when null),
// fn(value&) for each element of the array: the readers' one loop shape. The
// field is used in place: copying simdjson's result structs per field cost
// store-forwarding stalls on the ingest hot path. fn returns false, with *err
// set, to stop.
template <typename Fn>
bool ForEachMember(value& v, std::string_view field_name, std::string* err, Fn&& fn) {
  simdjson::ondemand::object obj;
  bool present;
  ST_JSON_OK(GetObject(v, field_name, &obj, &present, err));
  if (!present) return true;
  for (auto fr : obj) {
    if (auto e = fr.error()) return Fail(err, field_name, e);
    simdjson::ondemand::field& f = fr.value_unsafe();
    ST_JSON_OK(fn(f.key(), f.value()));
  }
  return true;
}
template <typename Fn>
bool ForEachElement(value& v, std::string_view field_name, std::string* err, Fn&& fn) {
  simdjson::ondemand::array arr;
  bool present;
  ST_JSON_OK(GetArray(v, field_name, &arr, &present, err));
  if (!present) return true;
  for (auto er : arr) {
    if (auto e = er.error()) return Fail(err, field_name, e);
    ST_JSON_OK(fn(er.value_unsafe()));
  }
  return true;
}

// Keyed lookup of an optional member (no per-field result structs, unlike a field loop): true with
// *found when it is there or not; false + an error named `field` when the lookup fails.
inline bool FindOptional(simdjson::ondemand::object& obj, std::string_view key, std::string_view field, value* out,
                         bool* found, std::string* err) {
  auto e = obj.find_field_unordered(key).get(*out);
  *found = !e;
  return !e || e == simdjson::NO_SUCH_FIELD || Fail(err, field, e);
}

// True when the document has no tokens left (simdjson 3.0 has no at_end()).
inline bool AtEnd(simdjson::ondemand::document& doc) {
  return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

// Skips a value the reader does not use. On-Demand skips without a depth
// limit (iteratively: no stack risk), so nested values are measured here to
// enforce the nesting cap (a record a million levels deep inside an ignored
// field is rejected) unless max_depth is kDepthChecked: the caller capped the
// whole record's nesting already, and the value is simply not consumed.
inline constexpr uint32_t kDepthChecked = UINT32_MAX;
bool SkipAndMeasure(value& v, uint32_t max_depth, std::string* err);
inline bool SkipUnknown(value& v, uint32_t max_depth, std::string* err) {
  // Inline so that the common case costs nothing: On-Demand skips the value
  // when the parent moves on.
  return max_depth == kDepthChecked || SkipAndMeasure(v, max_depth, err);
}

// s without `prefix` when it starts with it.
inline std::string_view StripPrefix(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix ? s.substr(prefix.size()) : s;
}

// Recycles vector elements so their heap buffers are reused by the next
// record instead of being freed and allocated again (the hot path).
template <typename T>
class Pool {
 public:
  void Recycle(std::vector<T>& v) {
    for (auto it = v.rbegin(); it != v.rend(); ++it) spare_.push_back(std::move(*it));
    v.clear();
  }
  T& Add(std::vector<T>& v) {
    if (spare_.empty()) {
      v.emplace_back();
    } else {
      v.push_back(std::move(spare_.back()));
      spare_.pop_back();
    }
    return v.back();
  }
  // Keeps the first n elements of v; the rest become spares.
  void KeepFirst(std::vector<T>& v, size_t n) {
    while (v.size() > n) {
      spare_.push_back(std::move(v.back()));
      v.pop_back();
    }
  }

 private:
  std::vector<T> spare_;
};

}  // namespace st::corpus::json
