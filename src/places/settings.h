// The "places" campaign settings: the CEO's homes (where dinners happen), the
// organiser address invitations come from, and the default distances. Pure:
// JSON in, validated struct out (errors name the field); missing fields keep
// these defaults.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace st::places {

struct Home {
  std::string name;  // "Palo Alto house"
  std::string city;  // a gazetteer city: "Palo Alto", "Lake Tahoe", "Cambridge, GB"
};

struct PlacesSettings {
  std::vector<Home> homes = {{"Palo Alto house", "Palo Alto"}, {"Lake Tahoe house", "Lake Tahoe"}};
  std::string organiser_email = "ceo@superteam.invalid";  // ORGANIZER of invitations
  double near_km = 150;         // "near" for invitee suggestions
  double trip_radius_km = 100;  // default radius of a trip
};

Result<PlacesSettings> PlacesSettingsFromJson(const nlohmann::json& j);
nlohmann::json PlacesSettingsToJson(const PlacesSettings& s);

}  // namespace st::places
