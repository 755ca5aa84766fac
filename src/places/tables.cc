#include "places/tables.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "base/names.h"

namespace st::places {

// Defined in the generated places_tables_data.cc (CMake embeds the CSVs).
extern const char kPlacesCitiesCsv[];
extern const char kPlacesSitesCsv[];

namespace {

std::vector<std::string> SplitList(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= s.size()) {
    size_t end = s.find(sep, begin);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = TrimSpace(s.substr(begin, end - begin));
    if (!part.empty()) out.emplace_back(part);
    begin = end + 1;
  }
  return out;
}

bool ParseDouble(std::string_view s, double* out) {
  s = TrimSpace(s);
  if (s.empty()) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool IsCountryCode(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

std::string_view ShortOpenAlexId(std::string_view id) {
  if (const size_t slash = id.rfind('/'); slash != std::string_view::npos) id.remove_prefix(slash + 1);
  return id;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Calls fn(line_no, fields) for every row that is not blank or a comment.
template <typename Fn>
Status ForEachRow(std::string_view text, std::string_view table, size_t columns, Fn fn) {
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (TrimSpace(line).empty() || TrimSpace(line).front() == '#') continue;
    std::vector<std::string> f = SplitCsvLine(line);
    auto where = std::string(table) + ":" + std::to_string(line_no) + ": ";
    if (f.size() != columns)
      return Status::InvalidInput(where + "expected " + std::to_string(columns) + " columns, found " +
                                  std::to_string(f.size()));
    ST_RETURN_IF_ERROR(fn(where, f));
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

Result<PlaceTables> PlaceTables::Parse(std::string_view cities_csv, std::string_view sites_csv) {
  PlaceTables t;
  ST_RETURN_IF_ERROR(ForEachRow(cities_csv, "cities.csv", 7, [&](const std::string& where,
                                                                 const std::vector<std::string>& f) -> Status {
    City c;
    c.name = std::string(TrimSpace(f[0]));
    c.region = std::string(TrimSpace(f[1]));
    c.country = std::string(TrimSpace(f[2]));
    if (c.name.empty()) return Status::InvalidInput(where + "empty city");
    if (!IsCountryCode(c.country)) return Status::InvalidInput(where + "country '" + c.country + "' is not ISO alpha-2");
    if (!ParseDouble(f[3], &c.at.lat) || !ParseDouble(f[4], &c.at.lon) || !ValidLatLon(c.at))
      return Status::InvalidInput(where + "bad coordinates '" + f[3] + "," + f[4] + "'");
    c.tz = std::string(TrimSpace(f[5]));
    if (c.tz.find('/') == std::string::npos) return Status::InvalidInput(where + "time zone '" + c.tz + "' is not IANA");
    c.aliases = SplitList(f[6], '|');
    const auto index = static_cast<std::uint32_t>(t.cities_.size());
    std::set<std::string> keys{FoldText(c.name)};
    for (const auto& a : c.aliases) keys.insert(FoldText(a));
    for (const std::string& key : keys) {
      auto& list = t.city_by_key_[key];
      for (std::uint32_t other : list)
        if (t.cities_[other].country == c.country)
          return Status::InvalidInput(where + "'" + key + "' is already a city of " + c.country);
      list.push_back(index);
    }
    t.cities_.push_back(std::move(c));
    return Status::Ok();
  }));
  ST_RETURN_IF_ERROR(ForEachRow(sites_csv, "sites.csv", 6, [&](const std::string& where,
                                                               const std::vector<std::string>& f) -> Status {
    Site s;
    s.org = std::string(TrimSpace(f[0]));
    if (s.org.empty()) return Status::InvalidInput(where + "empty org");
    const std::string country(TrimSpace(f[2]));
    const City* city = t.FindCity(TrimSpace(f[1]), country);
    if (city == nullptr)
      return Status::InvalidInput(where + "city '" + f[1] + ", " + country + "' is not in cities.csv");
    s.city = static_cast<std::uint32_t>(city - t.cities_.data());
    const std::string org_key = FoldText(s.org);
    auto& org_sites = t.sites_by_org_[org_key];
    s.main = org_sites.empty();
    for (std::uint32_t other : org_sites)
      if (t.cities_[t.sites_[other].city].country == country)
        return Status::InvalidInput(where + s.org + " already has a site in " + country);
    s.openalex_ids = SplitList(f[3], ' ');
    s.domains = SplitList(f[4], ' ');
    s.aliases = SplitList(f[5], '|');
    const auto index = static_cast<std::uint32_t>(t.sites_.size());
    org_sites.push_back(index);
    for (const auto& a : s.aliases) {
      const std::string key = FoldText(a);
      if (key != org_key) t.org_by_alias_.emplace(key, org_key);
    }
    for (const auto& id : s.openalex_ids) {
      if (id.size() < 2 || id[0] != 'I') return Status::InvalidInput(where + "'" + id + "' is not an OpenAlex institution id");
      if (!t.site_by_openalex_.emplace(id, index).second)
        return Status::InvalidInput(where + "OpenAlex id " + id + " is listed twice");
    }
    for (auto& d : s.domains) {
      d = LowerAscii(d);
      if (!t.site_by_domain_.emplace(d, index).second)
        return Status::InvalidInput(where + "domain " + d + " is listed twice");
    }
    t.sites_.push_back(std::move(s));
    return Status::Ok();
  }));
  return t;
}

std::string_view PlaceTables::BuiltinCitiesCsv() { return kPlacesCitiesCsv; }
std::string_view PlaceTables::BuiltinSitesCsv() { return kPlacesSitesCsv; }

const PlaceTables& PlaceTables::Builtin() {
  static const PlaceTables* tables = [] {
    auto parsed = Parse(kPlacesCitiesCsv, kPlacesSitesCsv);
    if (!parsed.ok()) {
      std::fprintf(stderr, "superteam: built-in place tables: %s\n", parsed.status().ToString().c_str());
      std::abort();
    }
    return new PlaceTables(std::move(*parsed));
  }();
  return *tables;
}

const City* PlaceTables::FindCity(std::string_view name, std::string_view country) const {
  const auto it = city_by_key_.find(FoldText(name));
  if (it == city_by_key_.end()) return nullptr;
  if (country.empty()) return it->second.size() == 1 ? &cities_[it->second[0]] : nullptr;
  for (std::uint32_t i : it->second)
    if (cities_[i].country == country) return &cities_[i];
  return nullptr;
}

const Site* PlaceTables::SiteByOpenAlexId(std::string_view id) const {
  const auto it = site_by_openalex_.find(std::string(ShortOpenAlexId(id)));
  return it == site_by_openalex_.end() ? nullptr : &sites_[it->second];
}

const std::vector<std::uint32_t>* PlaceTables::OrgSites(std::string_view org) const {
  std::string key = FoldText(org);
  if (auto alias = org_by_alias_.find(key); alias != org_by_alias_.end()) key = alias->second;
  const auto it = sites_by_org_.find(key);
  return it == sites_by_org_.end() ? nullptr : &it->second;
}

const Site* PlaceTables::SiteForOrg(std::string_view org, std::string_view country) const {
  const std::vector<std::uint32_t>* list = OrgSites(org);
  if (list == nullptr || list->empty()) return nullptr;
  if (country.empty()) {
    for (std::uint32_t i : *list)
      if (sites_[i].main) return &sites_[i];
    return &sites_[list->front()];
  }
  for (std::uint32_t i : *list)
    if (cities_[sites_[i].city].country == country) return &sites_[i];
  return nullptr;
}

bool PlaceTables::KnowsOrg(std::string_view org) const { return OrgSites(org) != nullptr; }

const Site* PlaceTables::SiteByDomain(std::string_view domain) const {
  std::string d = LowerAscii(TrimSpace(domain));
  if (const size_t at = d.rfind('@'); at != std::string::npos) d.erase(0, at + 1);
  std::string_view rest = d;
  while (!rest.empty()) {
    if (auto it = site_by_domain_.find(std::string(rest)); it != site_by_domain_.end()) return &sites_[it->second];
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return nullptr;
}

}  // namespace st::places
