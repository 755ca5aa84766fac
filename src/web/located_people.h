// The people of the campaign with their effective locations, for the map, the
// trip planner and invitee suggestions: a hand-set location (store) wins,
// else the locator's answer from the talent graph (current institution) and
// the person's own fields (city, organisation, e-mail).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "places/locate.h"
#include "places/settings.h"
#include "web/api_context.h"

namespace st::web {

struct LocatedPerson {
  campaign::Person person;
  places::Location location;
};

// The built-in tables with the system's tzdata (loaded once); an error names the missing file.
Result<const places::Locator*> DefaultLocator();

// The derived location of one person (no hand-set one considered).
places::Location DeriveLocation(const ApiContext& ctx, const places::Locator& locator, const campaign::Person& p);

struct PeopleFilter {
  std::optional<campaign::Stage> stage;
  std::string topic;  // exact topic name
  std::string org;    // exact organisation name
  bool candidates_only = true;
};
Result<std::vector<LocatedPerson>> LocatePeople(const ApiContext& ctx, const store::Actor& actor,
                                                const PeopleFilter& filter);

// A location as JSON: {city, region, country, country_name, lat, lon, tz, source, evidence, precision}.
nlohmann::json LocationToJson(const places::Location& l, const places::ZoneTable& zones);

// The "places" settings (stored or defaults).
Result<places::PlacesSettings> LoadPlacesSettings(const ApiContext& ctx);

}  // namespace st::web
