// Where a person is, from the best evidence at hand, with the source named so
// a recruiter can see why and correct it (a manual location always wins; the
// store keeps it). Sources, strongest first:
//   manual               set by a user (kept in the store, never overwritten)
//   person_city          the person's own "city" field, found in the gazetteer
//   openalex_institution the current institution's OpenAlex record (geo: city, coordinates)
//   institution_city     the city the source gives for the institution (paper lists' campus)
//   site_table           the lab/university site table (by OpenAlex id, then organisation + country)
//   email_site           the e-mail domain of a known site (cs.stanford.edu -> Stanford)
//   institution_country  only the institution's country (OpenAlex works carry country_code)
//   email_cctld          only the country of the e-mail's top-level domain (.de, .uk, .edu)
// City-level locations carry coordinates and a time zone; country-level ones
// carry a time zone only when the country has one. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "places/geo.h"
#include "places/tables.h"
#include "places/zones.h"

namespace st::places {

enum class LocationSource {
  kNone = 0,
  kManual,
  kPersonCity,
  kOpenAlexInstitution,
  kSiteTable,
  kEmailSite,
  kInstitutionCountry,
  kEmailCctld,
  kInstitutionCity,  // ranked after openalex_institution (kept last so the numbers stay)
};
std::string_view SourceName(LocationSource s);  // "manual", "person_city", ...
std::optional<LocationSource> ParseSource(std::string_view name);

struct Location {
  std::string city;     // "" for a country-level location
  std::string region;   // "CA" or ""
  std::string country;  // ISO alpha-2, "" when unknown
  std::optional<LatLon> at;  // set for city-level locations
  std::string tz;       // IANA zone or ""
  LocationSource source = LocationSource::kNone;
  std::string evidence;  // "Stanford University (OpenAlex I97018004) in the site table"

  bool known() const { return !country.empty(); }
  bool has_city() const { return !city.empty() && at.has_value(); }
};

// What is known about a person that says where they are.
struct Evidence {
  std::string institution_openalex_id;  // current institution, "I97018004" or URL
  std::string institution_name;         // "Google (United Kingdom)"
  std::string institution_country;      // ISO alpha-2 or a country name ("United Kingdom") from the source, may be ""
  std::string institution_city;         // the source's city for the institution ("Zurich"), may be ""
  std::string org;                      // canonical organisation ("Google")
  std::string email;                    // address or bare domain
  std::string city_text;                // the person's free-text city ("London", "Zurich, CH")
};

// An OpenAlex institution record's geo block.
struct InstitutionGeo {
  std::string city;
  std::string country;  // ISO alpha-2
  LatLon at;
};
using InstitutionGeoMap = std::unordered_map<std::string, InstitutionGeo>;  // short id "I27837315" -> geo

class Locator {
 public:
  // `geo` may be null (no OpenAlex institution records were given).
  Locator(const PlaceTables& tables, const ZoneTable& zones, const InstitutionGeoMap* geo = nullptr)
      : tables_(tables), zones_(zones), geo_(geo) {}

  Location Locate(const Evidence& e) const;

  // A city the user names ("London", "Cambridge, US", "Zürich, Switzerland"):
  // the gazetteer's entry as a location with source `source`; NotFound naming
  // the text when it is unknown or ambiguous (the message lists the choices).
  Result<Location> FromCityText(std::string_view text, LocationSource source) const;
  // A location the user gives in full: checks the country code, coordinates
  // and zone; fills the zone from the country/coordinates when empty.
  Result<Location> FromParts(std::string city, std::string region, std::string country, std::optional<LatLon> at,
                             std::string tz, LocationSource source) const;

  const PlaceTables& tables() const { return tables_; }
  const ZoneTable& zones() const { return zones_; }

 private:
  Location FromCity(const City& c, LocationSource source, std::string evidence) const;
  // The zone at a point: a gazetteer city of `cc` within 150 km, else ZoneTable::ZoneFor.
  std::string ZoneAt(const std::string& cc, const std::optional<LatLon>& at) const;
  Location CountryOnly(const std::string& cc, LocationSource source, std::string evidence) const;
  // "Google (United Kingdom)" -> "GB"; "" when the name has no country in brackets.
  std::string CountryInName(std::string_view name) const;

  const PlaceTables& tables_;
  const ZoneTable& zones_;
  const InstitutionGeoMap* geo_;
};

}  // namespace st::places
