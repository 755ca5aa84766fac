#include "campaign/campaign_settings.h"

#include <algorithm>

namespace st::campaign {

Status SettingsFieldError(std::string_view key, std::string_view field, std::string_view what) {
  return Status::InvalidInput("settings." + std::string(key) + "." + std::string(field) + " " + std::string(what));
}

Status RejectUnknownFields(std::string_view key, const nlohmann::json& j, const std::vector<std::string>& known) {
  if (!j.is_object()) return Status::InvalidInput("settings." + std::string(key) + " must be a JSON object");
  for (const auto& [name, value] : j.items()) {
    if (std::find(known.begin(), known.end(), name) == known.end())
      return SettingsFieldError(key, name, "is not a known field");
  }
  return Status::Ok();
}

namespace {

Status ReadText(const nlohmann::json& j, const char* field, size_t max_len, std::string& out) {
  if (!j.contains(field)) return Status::Ok();
  const auto& v = j[field];
  if (!v.is_string() || v.get_ref<const std::string&>().empty() || v.get_ref<const std::string&>().size() > max_len)
    return SettingsFieldError("campaign", field, "must be a non-empty string of at most " + std::to_string(max_len) +
                                                     " bytes");
  out = v.get<std::string>();
  return Status::Ok();
}

Status ReadInt(const nlohmann::json& j, const char* field, int lo, int hi, int& out) {
  if (!j.contains(field)) return Status::Ok();
  const auto& v = j[field];
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
    return SettingsFieldError("campaign", field,
                              "must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  out = v.get<int>();
  return Status::Ok();
}

}  // namespace

Result<CampaignSettings> CampaignSettingsFromJson(const nlohmann::json& j) {
  ST_RETURN_IF_ERROR(RejectUnknownFields(
      "campaign", j, {"lab_name", "ceo_name", "mission", "offer_themes", "mission_clarity", "reorganisations_12m"}));
  CampaignSettings s;
  ST_RETURN_IF_ERROR(ReadText(j, "lab_name", 200, s.lab_name));
  ST_RETURN_IF_ERROR(ReadText(j, "ceo_name", 200, s.ceo_name));
  ST_RETURN_IF_ERROR(ReadText(j, "mission", 2000, s.mission));
  if (j.contains("offer_themes")) {
    const auto& t = j["offer_themes"];
    if (!t.is_array() || t.size() > 10)
      return SettingsFieldError("campaign", "offer_themes", "must be an array of at most 10 strings");
    s.offer_themes.clear();
    for (const auto& e : t) {
      if (!e.is_string() || e.get_ref<const std::string&>().empty() || e.get_ref<const std::string&>().size() > 300)
        return SettingsFieldError("campaign", "offer_themes", "must hold non-empty strings of at most 300 bytes");
      s.offer_themes.push_back(e.get<std::string>());
    }
  }
  ST_RETURN_IF_ERROR(ReadInt(j, "mission_clarity", 1, 5, s.mission_clarity));
  ST_RETURN_IF_ERROR(ReadInt(j, "reorganisations_12m", 0, 100, s.reorganisations_12m));
  return s;
}

nlohmann::json CampaignSettingsToJson(const CampaignSettings& s) {
  return {{"lab_name", s.lab_name},
          {"ceo_name", s.ceo_name},
          {"mission", s.mission},
          {"offer_themes", s.offer_themes},
          {"mission_clarity", s.mission_clarity},
          {"reorganisations_12m", s.reorganisations_12m}};
}

}  // namespace st::campaign
