#include "places/zones.h"

#include <limits>

#include "base/fs.h"
#include "base/names.h"

namespace st::places {
namespace {

// ±DDMM[SS] as degrees.
bool ParseIso6709Part(std::string_view s, int deg_digits, double* out) {
  if (s.size() != static_cast<size_t>(1 + deg_digits + 2) && s.size() != static_cast<size_t>(1 + deg_digits + 4))
    return false;
  const double sign = s[0] == '-' ? -1 : 1;
  if (s[0] != '-' && s[0] != '+') return false;
  auto num = [&](size_t at, size_t len) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int d = num(1, deg_digits), m = num(1 + deg_digits, 2);
  const int sec = s.size() > static_cast<size_t>(3 + deg_digits) ? num(3 + deg_digits, 2) : 0;
  if (d < 0 || m < 0 || sec < 0) return false;
  *out = sign * (d + m / 60.0 + sec / 3600.0);
  return true;
}

bool ParseIso6709(std::string_view s, LatLon* out) {
  const size_t split = s.find_first_of("+-", 1);
  if (split == std::string_view::npos) return false;
  const std::string_view lat = s.substr(0, split), lon = s.substr(split);
  return ParseIso6709Part(lat, 2, &out->lat) && ParseIso6709Part(lon, 3, &out->lon);
}

template <typename Fn>
void ForEachTabLine(std::string_view text, Fn fn) {
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f;
    for (size_t b = 0; b <= line.size();) {
      size_t e = line.find('\t', b);
      if (e == std::string_view::npos) e = line.size();
      f.push_back(line.substr(b, e - b));
      b = e + 1;
    }
    fn(f);
  }
}

// Names people use where tzdata abbreviates, plus common other names.
constexpr std::pair<std::string_view, std::string_view> kNameOverrides[] = {
    {"GB", "United Kingdom"}, {"KR", "South Korea"}, {"KP", "North Korea"}, {"US", "United States"},
    {"RU", "Russia"},         {"TW", "Taiwan"},      {"HK", "Hong Kong"},   {"AE", "United Arab Emirates"},
};
constexpr std::pair<std::string_view, std::string_view> kOtherNames[] = {
    {"uk", "GB"},  {"britain", "GB"}, {"great britain", "GB"}, {"england", "GB"}, {"scotland", "GB"},
    {"usa", "US"}, {"u s a", "US"},   {"united states of america", "US"}, {"korea", "KR"},
    {"republic of korea", "KR"}, {"prc", "CN"}, {"people s republic of china", "CN"}, {"uae", "AE"},
    {"the netherlands", "NL"}, {"czech republic", "CZ"}, {"russian federation", "RU"},
};

}  // namespace

Result<ZoneTable> ZoneTable::Parse(std::string_view zone_tab, std::string_view iso3166_tab) {
  ZoneTable t;
  ForEachTabLine(iso3166_tab, [&](const std::vector<std::string_view>& f) {
    if (f.size() >= 2 && f[0].size() == 2) t.names_[std::string(f[0])] = std::string(TrimSpace(f[1]));
  });
  for (const auto& [cc, name] : kNameOverrides)
    if (t.names_.count(std::string(cc))) t.names_[std::string(cc)] = std::string(name);
  Status bad = Status::Ok();
  size_t line_no = 0;
  ForEachTabLine(zone_tab, [&](const std::vector<std::string_view>& f) {
    ++line_no;
    LatLon at;
    if (f.size() < 3 || f[0].size() != 2 || !ParseIso6709(f[1], &at)) {
      if (bad.ok()) bad = Status::InvalidInput("zone.tab: row " + std::to_string(line_no) + " is not 'CC\\tcoords\\tZone'");
      return;
    }
    t.zones_[std::string(f[0])].push_back({std::string(f[2]), at});
    t.known_zones_[std::string(f[2])] = true;
  });
  ST_RETURN_IF_ERROR(bad);
  if (t.zones_.empty() || t.names_.empty()) return Status::InvalidInput("zone.tab or iso3166.tab is empty");
  t.known_zones_["UTC"] = true;
  for (const auto& [cc, name] : t.names_) t.codes_[FoldText(name)] = cc;
  for (const auto& [name, cc] : kOtherNames) t.codes_[std::string(name)] = std::string(cc);
  return t;
}

Result<ZoneTable> ZoneTable::LoadSystem(const std::string& dir) {
  auto zone = ReadFileToString(dir + "/zone.tab");
  if (!zone.ok()) return Status::NotFound(dir + "/zone.tab: " + zone.status().message() + " (Debian package tzdata)");
  auto iso = ReadFileToString(dir + "/iso3166.tab");
  if (!iso.ok()) return Status::NotFound(dir + "/iso3166.tab: " + iso.status().message() + " (Debian package tzdata)");
  return Parse(*zone, *iso);
}

std::string_view ZoneTable::CountryName(std::string_view cc) const {
  const auto it = names_.find(std::string(cc));
  return it == names_.end() ? std::string_view() : std::string_view(it->second);
}

std::string ZoneTable::CountryCode(std::string_view name) const {
  const std::string key = FoldText(name);
  if (key.size() == 2) {
    std::string cc{static_cast<char>(key[0] - 'a' + 'A'), static_cast<char>(key[1] - 'a' + 'A')};
    if (cc == "UK") return "GB";
    if (names_.count(cc)) return cc;
  }
  const auto it = codes_.find(key);
  return it == codes_.end() ? std::string() : it->second;
}

bool ZoneTable::KnownZone(std::string_view tz) const { return known_zones_.count(std::string(tz)) > 0; }

size_t ZoneTable::ZoneCount(std::string_view cc) const {
  const auto it = zones_.find(std::string(cc));
  return it == zones_.end() ? 0 : it->second.size();
}

// The large multi-zone countries by region: a zone's "principal city" (what
// zone.tab gives) is a poor proxy there — Austin is nearer Denver than Chicago,
// and tiny zones (Boise, Tell_City, Busingen) would capture their neighbours.
// Boundaries approximate the states'/provinces' time zones by longitude.
std::string_view BandZone(std::string_view cc, const LatLon& p) {
  if (cc == "US") {
    if (p.lat < 23 && p.lon < -154) return "Pacific/Honolulu";
    if (p.lat > 51 && p.lon < -130) return "America/Anchorage";
    if (p.lon < -114.6) return "America/Los_Angeles";
    if (p.lat < 37 && p.lon < -109.05) return "America/Phoenix";
    if (p.lon < -101.5) return "America/Denver";
    if (p.lon < -86.5) return "America/Chicago";
    return "America/New_York";
  }
  if (cc == "CA") {
    if (p.lon > -59.5 && p.lat > 46.5) return "America/St_Johns";
    if (p.lon > -67.5) return "America/Halifax";
    if (p.lon > -90) return "America/Toronto";
    if (p.lon > -102) return "America/Winnipeg";
    if (p.lon > -110) return "America/Regina";
    if (p.lon > -120) return "America/Edmonton";
    return "America/Vancouver";
  }
  if (cc == "AU") {
    if (p.lon < 129) return "Australia/Perth";
    if (p.lon < 141) return p.lat > -26 ? "Australia/Darwin" : "Australia/Adelaide";
    if (p.lat > -28.2) return "Australia/Brisbane";
    if (p.lat < -39.5) return "Australia/Hobart";
    const bool victoria = p.lon < 148.2 ? p.lat < -34 : p.lat < -37;  // the Murray, then the coast
    return victoria ? "Australia/Melbourne" : "Australia/Sydney";
  }
  if (cc == "DE") return "Europe/Berlin";  // Busingen is one enclave
  return {};
}

std::string ZoneTable::ZoneFor(std::string_view cc, const std::optional<LatLon>& at) const {
  const auto it = zones_.find(std::string(cc));
  if (it == zones_.end()) return {};
  if (it->second.size() == 1) return it->second.front().name;
  // Countries whose other zones are islands or enclaves few people live in.
  static constexpr std::pair<std::string_view, std::string_view> kMainZone[] = {
      {"DE", "Europe/Berlin"}, {"CN", "Asia/Shanghai"}, {"ES", "Europe/Madrid"}, {"PT", "Europe/Lisbon"},
      {"NZ", "Pacific/Auckland"}, {"CL", "America/Santiago"}, {"EC", "America/Guayaquil"}};
  if (!at) {
    for (const auto& [country, zone] : kMainZone)
      if (country == cc) return std::string(zone);
    return {};
  }
  if (std::string_view band = BandZone(cc, *at); !band.empty()) return std::string(band);
  const Zone* best = nullptr;
  double best_km = std::numeric_limits<double>::max();
  for (const Zone& z : it->second) {
    const double km = DistanceKm(*at, z.at);
    if (km < best_km) best_km = km, best = &z;
  }
  return best->name;
}

std::string CountryOfEmailDomain(std::string_view email_or_domain, const ZoneTable& zones) {
  std::string_view d = TrimSpace(email_or_domain);
  if (const size_t at = d.rfind('@'); at != std::string_view::npos) d.remove_prefix(at + 1);
  while (!d.empty() && d.back() == '.') d.remove_suffix(1);
  const size_t dot = d.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string tld;
  for (char c : d.substr(dot + 1)) tld += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (tld == "edu" || tld == "gov" || tld == "mil") return "US";
  if (tld == "uk") return "GB";
  // Two-letter TLDs are country codes, except those sold as generic names.
  if (tld.size() != 2 || tld == "ai" || tld == "io" || tld == "co" || tld == "me" || tld == "tv" || tld == "ly")
    return {};
  std::string cc{static_cast<char>(tld[0] - 'a' + 'A'), static_cast<char>(tld[1] - 'a' + 'A')};
  return zones.KnownCountry(cc) ? cc : std::string();
}

}  // namespace st::places
