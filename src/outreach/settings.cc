#include "outreach/settings.h"

#include <nlohmann/json.hpp>

#include "outreach/optout.h"
#include "outreach/sequence.h"

namespace st::outreach {
namespace {

using nlohmann::json;

Status FieldError(std::string_view field, std::string_view why) {
  return Status::InvalidInput("outreach settings: field '" + std::string(field) + "': " + std::string(why));
}

Status ReadInt(const json& j, const char* field, int lo, int hi, int& out) {
  if (!j.contains(field)) return Status::Ok();
  const json& v = j[field];
  if (!v.is_number_integer()) return FieldError(field, "must be an integer");
  const auto n = v.get<long long>();
  if (n < lo || n > hi) return FieldError(field, "must be " + std::to_string(lo) + ".." + std::to_string(hi));
  out = static_cast<int>(n);
  return Status::Ok();
}

Status ReadText(const json& j, const char* field, size_t max_len, std::string& out) {
  if (!j.contains(field)) return Status::Ok();
  const json& v = j[field];
  if (!v.is_string()) return FieldError(field, "must be a string");
  std::string s = v.get<std::string>();
  if (s.empty() || s.size() > max_len) return FieldError(field, "must be 1.." + std::to_string(max_len) + " bytes");
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return FieldError(field, "must not contain control characters");
  out = std::move(s);
  return Status::Ok();
}

}  // namespace

Result<OutreachSettings> SettingsFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidInput("outreach settings: not a JSON object");
  static const char* kKnown[] = {"lab_name",       "offer_themes",  "follow_up_business_days", "max_follow_ups",
                                 "window_start_hour", "window_end_hour", "weekdays_only", "daily_cap",
                                 "default_time_zone", "public_url"};
  for (const auto& [key, _] : j.items()) {
    bool known = false;
    for (const char* k : kKnown) known = known || key == k;
    if (!known) return FieldError(key, "unknown field");
  }
  OutreachSettings s;
  ST_RETURN_IF_ERROR(ReadText(j, "lab_name", 200, s.lab_name));
  if (j.contains("offer_themes")) {
    const json& v = j["offer_themes"];
    if (!v.is_array() || v.size() > 10) return FieldError("offer_themes", "must be a list of at most 10 strings");
    s.offer_themes.clear();
    for (const json& t : v) {
      json one = {{"offer_themes", t}};
      std::string theme;
      ST_RETURN_IF_ERROR(ReadText(one, "offer_themes", 300, theme));
      s.offer_themes.push_back(std::move(theme));
    }
  }
  ST_RETURN_IF_ERROR(ReadInt(j, "follow_up_business_days", 1, 30, s.follow_up_business_days));
  ST_RETURN_IF_ERROR(ReadInt(j, "max_follow_ups", 0, 5, s.max_follow_ups));
  ST_RETURN_IF_ERROR(ReadInt(j, "window_start_hour", 0, 23, s.window_start_hour));
  ST_RETURN_IF_ERROR(ReadInt(j, "window_end_hour", 1, 24, s.window_end_hour));
  if (s.window_end_hour <= s.window_start_hour)
    return FieldError("window_end_hour", "must be after window_start_hour");
  if (j.contains("weekdays_only")) {
    if (!j["weekdays_only"].is_boolean()) return FieldError("weekdays_only", "must be true or false");
    s.weekdays_only = j["weekdays_only"].get<bool>();
  }
  ST_RETURN_IF_ERROR(ReadInt(j, "daily_cap", 1, 2000, s.daily_cap));
  ST_RETURN_IF_ERROR(ReadText(j, "default_time_zone", 64, s.default_time_zone));
  if (!IsKnownTimeZone(s.default_time_zone)) return FieldError("default_time_zone", "not an IANA time zone name");
  if (j.contains("public_url")) {
    if (!j["public_url"].is_string()) return FieldError("public_url", "must be a string");
    s.public_url = j["public_url"].get<std::string>();
    if (!s.public_url.empty()) {
      Status u = CheckPublicUrl("public_url", s.public_url);
      if (!u.ok()) return Status::InvalidInput("outreach settings: " + u.message());
      while (s.public_url.back() == '/') s.public_url.pop_back();
    }
  }
  return s;
}

std::string SettingsToJson(const OutreachSettings& s) {
  json j = {{"lab_name", s.lab_name},
            {"offer_themes", s.offer_themes},
            {"follow_up_business_days", s.follow_up_business_days},
            {"max_follow_ups", s.max_follow_ups},
            {"window_start_hour", s.window_start_hour},
            {"window_end_hour", s.window_end_hour},
            {"weekdays_only", s.weekdays_only},
            {"daily_cap", s.daily_cap},
            {"default_time_zone", s.default_time_zone},
            {"public_url", s.public_url}};
  return j.dump();
}

}  // namespace st::outreach
