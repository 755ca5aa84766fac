#include "places/locate.h"

#include <array>

#include "base/names.h"

namespace st::places {
namespace {

constexpr std::array<std::string_view, 9> kSourceNames = {
    "none",        "manual",           "person_city", "openalex_institution", "site_table", "email_site",
    "institution_country", "email_cctld", "institution_city"};

std::string_view ShortId(std::string_view id) {
  if (const size_t slash = id.rfind('/'); slash != std::string_view::npos) id.remove_prefix(slash + 1);
  return id;
}

}  // namespace

std::string_view SourceName(LocationSource s) { return kSourceNames[static_cast<size_t>(s)]; }

std::optional<LocationSource> ParseSource(std::string_view name) {
  for (size_t i = 0; i < kSourceNames.size(); ++i)
    if (kSourceNames[i] == name) return static_cast<LocationSource>(i);
  return std::nullopt;
}

Location Locator::FromCity(const City& c, LocationSource source, std::string evidence) const {
  Location l;
  l.city = c.name;
  l.region = c.region;
  l.country = c.country;
  l.at = c.at;
  l.tz = c.tz;
  l.source = source;
  l.evidence = std::move(evidence);
  return l;
}

std::string Locator::ZoneAt(const std::string& cc, const std::optional<LatLon>& at) const {
  if (at) {
    const City* best = nullptr;
    double best_km = 150;
    for (const City& c : tables_.cities()) {
      if (c.country != cc) continue;
      const double km = DistanceKm(*at, c.at);
      if (km < best_km) best_km = km, best = &c;
    }
    if (best != nullptr) return best->tz;
  }
  return zones_.ZoneFor(cc, at);
}

Location Locator::CountryOnly(const std::string& cc, LocationSource source, std::string evidence) const {
  Location l;
  l.country = cc;
  l.tz = zones_.ZoneFor(cc, std::nullopt);
  l.source = source;
  l.evidence = std::move(evidence);
  return l;
}

std::string Locator::CountryInName(std::string_view name) const {
  name = TrimSpace(name);
  if (name.empty() || name.back() != ')') return {};
  const size_t open = name.rfind('(');
  if (open == std::string_view::npos) return {};
  return zones_.CountryCode(name.substr(open + 1, name.size() - open - 2));
}

Location Locator::Locate(const Evidence& e) const {
  // The person's own city field: what a recruiter typed is the freshest word.
  if (!TrimSpace(e.city_text).empty()) {
    if (auto l = FromCityText(e.city_text, LocationSource::kPersonCity); l.ok()) {
      l->evidence = "city field '" + std::string(TrimSpace(e.city_text)) + "'";
      return *l;
    }
  }
  const std::string_view inst_id = ShortId(e.institution_openalex_id);
  if (geo_ != nullptr && !inst_id.empty()) {
    if (auto it = geo_->find(std::string(inst_id)); it != geo_->end() && !it->second.country.empty()) {
      const InstitutionGeo& g = it->second;
      Location l;
      l.city = g.city;
      l.country = g.country;
      l.at = g.at;
      l.tz = ZoneAt(g.country, g.at);
      l.source = LocationSource::kOpenAlexInstitution;
      l.evidence = "OpenAlex institution " + std::string(inst_id) + " (" + e.institution_name + ")";
      return l;
    }
  }
  if (!inst_id.empty()) {
    if (const Site* s = tables_.SiteByOpenAlexId(inst_id))
      return FromCity(tables_.CityOf(*s), LocationSource::kSiteTable,
                      s->org + " site (OpenAlex " + std::string(inst_id) + ")");
  }
  // The country the source gives (a code, or a name: paper lists), or the one in the name
  // ("Microsoft Research (India)").
  std::string country = e.institution_country;
  if (country.size() != 2) country = zones_.CountryCode(country);
  if (country.empty()) country = CountryInName(e.institution_name);
  // The city the source gives for the institution (a paper's campus), when the gazetteer knows it there.
  if (!TrimSpace(e.institution_city).empty() && !country.empty()) {
    if (auto l = FromCityText(std::string(TrimSpace(e.institution_city)) + ", " + country,
                              LocationSource::kInstitutionCity);
        l.ok()) {
      l->evidence = "city of " + (e.institution_name.empty() ? std::string("the institution") : e.institution_name) +
                    " in the paper list";
      return *l;
    }
  }
  for (std::string_view name : {std::string_view(e.org), std::string_view(e.institution_name)}) {
    if (TrimSpace(name).empty()) continue;
    if (const Site* s = tables_.SiteForOrg(name, country)) {
      const City& c = tables_.CityOf(*s);
      return FromCity(c, LocationSource::kSiteTable,
                      s->org + (s->main && country.empty() ? " main site" : " site in " + c.country));
    }
  }
  if (!TrimSpace(e.email).empty()) {
    if (const Site* s = tables_.SiteByDomain(e.email))
      return FromCity(tables_.CityOf(*s), LocationSource::kEmailSite, "e-mail domain of " + s->org);
  }
  if (!country.empty() && zones_.KnownCountry(country))
    return CountryOnly(country, LocationSource::kInstitutionCountry,
                       "country of " + (e.institution_name.empty() ? std::string("the institution") : e.institution_name));
  if (!TrimSpace(e.email).empty()) {
    std::string cc = CountryOfEmailDomain(e.email, zones_);
    if (!cc.empty()) {
      std::string_view domain = e.email;
      if (const size_t at = domain.rfind('@'); at != std::string_view::npos) domain.remove_prefix(at + 1);
      return CountryOnly(cc, LocationSource::kEmailCctld, "e-mail domain " + std::string(domain));
    }
  }
  return Location{};
}

Result<Location> Locator::FromCityText(std::string_view text, LocationSource source) const {
  std::string_view t = TrimSpace(text);
  if (t.empty()) return Status::InvalidInput("field 'city': empty");
  std::string_view name = t, country_text;
  if (const size_t comma = t.rfind(','); comma != std::string_view::npos) {
    name = TrimSpace(t.substr(0, comma));
    country_text = TrimSpace(t.substr(comma + 1));
  }
  std::string cc;
  if (!country_text.empty()) {
    // "Cambridge, MA" names a region (MA is also Morocco's code: the region wins).
    for (const City& c : tables_.cities())
      if (!c.region.empty() && FoldText(c.name) == FoldText(name) && FoldText(c.region) == FoldText(country_text))
        return FromCity(c, source, "city '" + std::string(t) + "'");
    cc = zones_.CountryCode(country_text);
    if (cc.empty())
      return Status::NotFound("field 'city': '" + std::string(country_text) + "' is not a country or region");
  }
  if (const City* c = tables_.FindCity(name, cc)) return FromCity(*c, source, "city '" + std::string(t) + "'");
  if (cc.empty()) {
    std::string choices;
    for (const City& c : tables_.cities())
      if (FoldText(c.name) == FoldText(name)) choices += (choices.empty() ? "" : ", ") + c.name + ", " + c.country;
    if (!choices.empty())
      return Status::NotFound("field 'city': '" + std::string(name) + "' is ambiguous; say which: " + choices);
  }
  return Status::NotFound("field 'city': '" + std::string(t) +
                          "' is not in the gazetteer (src/places/cities.csv); give country and coordinates");
}

Result<Location> Locator::FromParts(std::string city, std::string region, std::string country,
                                    std::optional<LatLon> at, std::string tz, LocationSource source) const {
  if (!zones_.KnownCountry(country)) return Status::InvalidInput("field 'country': '" + country + "' is not an ISO 3166 code");
  if (at && !ValidLatLon(*at)) return Status::InvalidInput("field 'lat'/'lon': out of range");
  if (!city.empty() && !at) {
    if (const City* c = tables_.FindCity(city, country)) at = c->at;
  }
  if (tz.empty()) tz = ZoneAt(country, at);
  if (!tz.empty() && !zones_.KnownZone(tz)) return Status::InvalidInput("field 'tz': '" + tz + "' is not an IANA zone");
  Location l;
  l.city = std::move(city);
  l.region = std::move(region);
  l.country = std::move(country);
  l.at = at;
  l.tz = std::move(tz);
  l.source = source;
  l.evidence = "set by hand";
  return l;
}

}  // namespace st::places
