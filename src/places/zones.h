// Countries and IANA time zones from the tz database's own tables
// (zone.tab: country, principal city coordinates, zone; iso3166.tab: names),
// which Debian's tzdata installs in /usr/share/zoneinfo — the same database
// libical and the outreach send windows read. Parse() is pure; LoadSystem()
// reads the two files. Const methods are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "places/geo.h"

namespace st::places {

class ZoneTable {
 public:
  static Result<ZoneTable> Parse(std::string_view zone_tab, std::string_view iso3166_tab);
  // dir/zone.tab and dir/iso3166.tab; errors name the missing file (Debian package tzdata).
  static Result<ZoneTable> LoadSystem(const std::string& dir = "/usr/share/zoneinfo");

  bool KnownCountry(std::string_view cc) const { return names_.count(std::string(cc)) > 0; }
  // "United Kingdom" for GB ("" when unknown). tzdata's short forms are
  // replaced by the names people use (tzdata: "Britain (UK)").
  std::string_view CountryName(std::string_view cc) const;
  // The ISO code for a country name ("United Kingdom", "UK", "South Korea",
  // "Deutschland" is not known), case- and accent-insensitive; "" if unknown.
  std::string CountryCode(std::string_view name) const;
  // True for a zone listed in zone.tab, or UTC.
  bool KnownZone(std::string_view tz) const;
  // The zone of a place in `cc`: the country's only zone; for the US, Canada
  // and Australia a zone by longitude bands that follow the state lines
  // roughly; for other countries with several, the zone whose principal city
  // is nearest `at` (heuristics, right for the cities people live in, not for
  // every border town: Locator prefers a gazetteer city within 150 km);
  // "" for an unknown country or a multi-zone country without coordinates.
  std::string ZoneFor(std::string_view cc, const std::optional<LatLon>& at) const;
  // How many zones the country has (0 if unknown).
  size_t ZoneCount(std::string_view cc) const;

 private:
  struct Zone {
    std::string name;
    LatLon at;
  };
  std::unordered_map<std::string, std::vector<Zone>> zones_;   // country -> zones
  std::unordered_map<std::string, std::string> names_;         // country -> name
  std::unordered_map<std::string, std::string> codes_;         // folded name -> country
  std::unordered_map<std::string, bool> known_zones_;
};

// The country an e-mail domain's top-level domain names: ".de" -> DE, ".uk"
// -> GB, ".edu"/".gov"/".mil" -> US (US-only generic domains); "" for generic
// ones (.com, .org, .ai) and unknown codes. Takes an address or a domain.
std::string CountryOfEmailDomain(std::string_view email_or_domain, const ZoneTable& zones);

}  // namespace st::places
