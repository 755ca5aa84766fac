// The place tables that ship with the binary (docs/places.md): a gazetteer of
// cities (cities.csv: coordinates and IANA time zone) and the sites of the
// main AI labs and universities (sites.csv: organisation -> city, with their
// OpenAlex institution ids and e-mail domains). Both CSVs live in this folder
// and are embedded at build time, so a wrong row is a test failure, not a
// runtime surprise. Pure; const methods are thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "places/geo.h"

namespace st::places {

struct City {
  std::string name;     // "Zürich"
  std::string region;   // "CA", "" when none
  std::string country;  // ISO 3166-1 alpha-2, "CH"
  LatLon at;
  std::string tz;       // IANA zone, "Europe/Zurich"
  std::vector<std::string> aliases;
};

struct Site {
  std::string org;      // "Google DeepMind"
  std::uint32_t city = 0;  // index into cities()
  bool main = false;    // the organisation's first row
  std::vector<std::string> openalex_ids;  // "I4210090411"
  std::vector<std::string> domains;       // "deepmind.com"
  std::vector<std::string> aliases;
};

class PlaceTables {
 public:
  // Parses the two CSVs (format in their header comments). Errors name the
  // table and line: "sites.csv:12: city 'Lodnon, GB' is not in cities.csv".
  static Result<PlaceTables> Parse(std::string_view cities_csv, std::string_view sites_csv);
  // The tables embedded in the binary (parsed once; a bad table aborts at
  // start-up with the error — places_test parses them on every build).
  static const PlaceTables& Builtin();
  static std::string_view BuiltinCitiesCsv();
  static std::string_view BuiltinSitesCsv();

  std::span<const City> cities() const { return cities_; }
  std::span<const Site> sites() const { return sites_; }
  const City& CityOf(const Site& s) const { return cities_[s.city]; }

  // A city by name or alias (accents and case folded; "Zurich" finds Zürich),
  // in `country` when given; nullptr when unknown or ambiguous without a
  // country ("Cambridge" is in GB and US: pass the country).
  const City* FindCity(std::string_view name, std::string_view country = {}) const;
  // The site with this OpenAlex institution id (URL or short form).
  const Site* SiteByOpenAlexId(std::string_view id) const;
  // The organisation's site in `country`, else (country empty or unknown
  // there) its main site when `country` is empty; nullptr when the org is not
  // in the table or is known only elsewhere than `country`.
  const Site* SiteForOrg(std::string_view org, std::string_view country) const;
  // True when the organisation is in the table at all.
  bool KnowsOrg(std::string_view org) const;
  // The site of an e-mail domain; subdomains match ("cs.stanford.edu").
  const Site* SiteByDomain(std::string_view domain) const;

 private:
  std::vector<City> cities_;
  std::vector<Site> sites_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> city_by_key_;  // folded name/alias -> cities
  const std::vector<std::uint32_t>* OrgSites(std::string_view org) const;

  std::unordered_map<std::string, std::vector<std::uint32_t>> sites_by_org_;  // folded org -> its sites
  std::unordered_map<std::string, std::string> org_by_alias_;                 // folded alias -> folded org
  std::unordered_map<std::string, std::uint32_t> site_by_openalex_;
  std::unordered_map<std::string, std::uint32_t> site_by_domain_;
};

// Splits one CSV line (RFC 4180 quoting with "", no embedded line breaks).
std::vector<std::string> SplitCsvLine(std::string_view line);

}  // namespace st::places
