#include "places/settings.h"

#include "campaign/campaign_settings.h"
#include "places/locate.h"

namespace st::places {

Result<PlacesSettings> PlacesSettingsFromJson(const nlohmann::json& j) {
  using campaign::SettingsFieldError;
  PlacesSettings s;
  if (!j.is_object()) return SettingsFieldError("places", "", "a JSON object");
  ST_RETURN_IF_ERROR(campaign::RejectUnknownFields("places", j, {"homes", "organiser_email", "near_km", "trip_radius_km"}));
  if (j.contains("homes")) {
    const auto& homes = j["homes"];
    if (!homes.is_array() || homes.size() > 20) return SettingsFieldError("places", "homes", "a list of up to 20 {name, city}");
    s.homes.clear();
    for (const auto& h : homes) {
      if (!h.is_object() || !h.contains("name") || !h.contains("city") || !h["name"].is_string() ||
          !h["city"].is_string() || h.size() != 2)
        return SettingsFieldError("places", "homes", "entries of {name, city} (text)");
      Home home{h["name"].get<std::string>(), h["city"].get<std::string>()};
      if (home.name.empty() || home.name.size() > 100) return SettingsFieldError("places", "homes", "names of 1..100 characters");
      s.homes.push_back(std::move(home));
    }
  }
  if (j.contains("organiser_email")) {
    if (!j["organiser_email"].is_string()) return SettingsFieldError("places", "organiser_email", "an e-mail address");
    s.organiser_email = j["organiser_email"].get<std::string>();
    const size_t at = s.organiser_email.find('@');
    if (at == std::string::npos || at == 0 || s.organiser_email.find('.', at) == std::string::npos ||
        s.organiser_email.size() > 200 || s.organiser_email.find_first_of(" \r\n\t:;,<>\"") != std::string::npos)
      return SettingsFieldError("places", "organiser_email", "an e-mail address");
  }
  for (auto [field, target] : {std::pair{"near_km", &s.near_km}, std::pair{"trip_radius_km", &s.trip_radius_km}}) {
    if (!j.contains(field)) continue;
    if (!j[field].is_number() || j[field].get<double>() <= 0 || j[field].get<double>() > 20000)
      return SettingsFieldError("places", field, "a distance in km, 0 < km <= 20000");
    *target = j[field].get<double>();
  }
  return s;
}

nlohmann::json PlacesSettingsToJson(const PlacesSettings& s) {
  nlohmann::json homes = nlohmann::json::array();
  for (const Home& h : s.homes) homes.push_back({{"name", h.name}, {"city", h.city}});
  return {{"homes", homes},
          {"organiser_email", s.organiser_email},
          {"near_km", s.near_km},
          {"trip_radius_km", s.trip_radius_km}};
}

}  // namespace st::places
