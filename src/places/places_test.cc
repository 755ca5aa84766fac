#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <set>

#include "base/fs.h"
#include "base/names.h"
#include "base/test_paths.h"
#include "base/test_require.h"
#include "places/geo.h"
#include "places/locate.h"
#include "places/openalex_institutions.h"
#include "places/spatial_index.h"
#include "places/tables.h"
#include "places/trip.h"
#include "places/zones.h"

namespace st::places {
namespace {

const ZoneTable& Zones() {
  static const ZoneTable* z = [] {
    auto t = ZoneTable::LoadSystem();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return new ZoneTable(std::move(*t));
  }();
  return *z;
}

TEST(Geo, GeodesicMatchesKarneysWorkedExample) {
  // GeographicLib's documented example: JFK (40.6, -73.8) to LHR (51.6, -0.5) is 5551.759 km on WGS84.
  EXPECT_NEAR(DistanceKm({40.6, -73.8}, {51.6, -0.5}), 5551.759, 0.001);
  EXPECT_NEAR(DistanceKm({51.5074, -0.1278}, {51.5074, -0.1278}), 0.0, 1e-9);
  // Antipodes on the equator: half the equatorial circumference along a meridian pair, ~20003.9 km.
  EXPECT_NEAR(DistanceKm({0, 0}, {0, 180}), 20003.93, 0.01);
  EXPECT_FALSE(ValidLatLon({91, 0}));
  EXPECT_FALSE(ValidLatLon({0, NAN}));
}

TEST(Tables, BuiltinTablesParseAndResolve) {
  const PlaceTables& t = PlaceTables::Builtin();
  EXPECT_GT(t.cities().size(), 100u);
  EXPECT_GT(t.sites().size(), 150u);
  for (const City& c : t.cities()) EXPECT_TRUE(Zones().KnownZone(c.tz)) << c.name << " " << c.tz;
  for (const City& c : t.cities()) EXPECT_TRUE(Zones().KnownCountry(c.country)) << c.name;
  // The zone rules agree with the gazetteer's hand-checked zones wherever both speak (Ann Arbor's
  // America/Detroit and America/New_York have agreed since 1973; the bands give the latter).
  for (const City& c : t.cities()) {
    std::string zone = Zones().ZoneFor(c.country, c.at);
    if (c.tz == "America/Detroit") zone = zone == "America/New_York" ? c.tz : zone;
    EXPECT_EQ(zone, c.tz) << c.name << ", " << c.country;
  }
  ASSERT_NE(t.FindCity("Zurich", "CH"), nullptr);
  EXPECT_EQ(t.FindCity("zurich")->name, "Zürich");
  EXPECT_EQ(t.FindCity("Cambridge"), nullptr) << "ambiguous without a country";
  EXPECT_EQ(t.FindCity("Cambridge", "GB")->tz, "Europe/London");
  EXPECT_EQ(t.FindCity("Cambridge", "US")->tz, "America/New_York");
  EXPECT_EQ(t.CityOf(*t.SiteForOrg("Google DeepMind", "")).name, "London");
  EXPECT_EQ(t.CityOf(*t.SiteForOrg("DeepMind", "US")).name, "Mountain View") << "aliases reach every site";
  EXPECT_EQ(t.CityOf(*t.SiteForOrg("Microsoft", "GB")).name, "Cambridge");
  EXPECT_EQ(t.SiteForOrg("Google", "BR"), nullptr);
  EXPECT_EQ(t.CityOf(*t.SiteByDomain("jane@cs.stanford.edu")).name, "Stanford");
  EXPECT_EQ(t.SiteByDomain("notstanford.edu"), nullptr) << "suffixes match on a dot only";
  EXPECT_EQ(t.CityOf(*t.SiteByOpenAlexId("https://openalex.org/I97018004")).name, "Stanford");
}

TEST(Tables, ErrorsNameTableAndLine) {
  auto bad_city = PlaceTables::Parse("# c\nLondon,,GB,51.5,-0.1,Europe/London,\nParis,,FR,548.8,2.3,Europe/Paris,\n", "");
  ASSERT_FALSE(bad_city.ok());
  EXPECT_NE(bad_city.status().message().find("cities.csv:3"), std::string::npos) << bad_city.status().ToString();
  auto bad_site = PlaceTables::Parse("London,,GB,51.5,-0.1,Europe/London,\n", "Lab,Lodnon,GB,,,\n");
  ASSERT_FALSE(bad_site.ok());
  EXPECT_NE(bad_site.status().message().find("sites.csv:1: city 'Lodnon, GB'"), std::string::npos);
  auto dup = PlaceTables::Parse("London,,GB,51.5,-0.1,Europe/London,\n", "Lab,London,GB,,,\nLab,London,GB,,,\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("already has a site in GB"), std::string::npos);
  EXPECT_EQ(SplitCsvLine(R"("University of California, Berkeley",Berkeley,"say ""hi""")"),
            (std::vector<std::string>{"University of California, Berkeley", "Berkeley", "say \"hi\""}));
}

// The lab table covers every lab of ../shared/data/labs/lab_openalex_institutions.csv.
TEST(Tables, EveryLabOfTheSharedLabCsvHasASite) {
  const std::string dir = st::testing::SharedDataDir();
  const std::string path = dir + "/labs/lab_openalex_institutions.csv";
  if (dir.empty() || !std::filesystem::exists(path)) ST_SKIP_OR_FAIL() << path << " is absent";
  auto text = ReadFileToString(path);
  ASSERT_TRUE(text.ok());
  std::set<std::string> labs;
  size_t pos = text->find('\n') + 1;  // header
  while (pos < text->size()) {
    size_t end = text->find('\n', pos);
    if (end == std::string::npos) end = text->size();
    auto f = SplitCsvLine(std::string_view(*text).substr(pos, end - pos));
    pos = end + 1;
    if (f.size() == 2) labs.insert(f[1] == "DeepMind" ? "Google DeepMind" : f[1]);
  }
  EXPECT_EQ(labs.size(), 25u);
  for (const std::string& lab : labs) {
    const Site* s = PlaceTables::Builtin().SiteForOrg(lab, "");
    ASSERT_NE(s, nullptr) << lab << " has no site in src/places/sites.csv";
    EXPECT_TRUE(s->main);
  }
}

TEST(Zones, CountriesZonesAndEmailDomains) {
  const ZoneTable& z = Zones();
  EXPECT_EQ(z.ZoneFor("GB", std::nullopt), "Europe/London");
  EXPECT_EQ(z.ZoneFor("US", std::nullopt), "") << "several zones and no coordinates";
  EXPECT_EQ(z.ZoneFor("US", LatLon{30.27, -97.74}), "America/Chicago");  // Austin (nearer Denver's city)
  EXPECT_EQ(z.ZoneFor("US", LatLon{33.45, -112.07}), "America/Phoenix");
  EXPECT_EQ(z.ZoneFor("CA", LatLon{51.05, -114.07}), "America/Edmonton");  // Calgary
  EXPECT_EQ(z.ZoneFor("AU", LatLon{-31.95, 115.86}), "Australia/Perth");
  EXPECT_EQ(z.ZoneFor("RU", LatLon{55.03, 82.92}), "Asia/Novosibirsk") << "nearest principal city elsewhere";
  EXPECT_EQ(z.ZoneFor("US", LatLon{37.44, -122.14}), "America/Los_Angeles");  // Palo Alto
  EXPECT_EQ(z.CountryName("GB"), "United Kingdom");
  EXPECT_EQ(z.CountryCode("United Kingdom"), "GB");
  EXPECT_EQ(z.CountryCode("uk"), "GB");
  EXPECT_EQ(z.CountryCode("Switzerland"), "CH");
  EXPECT_EQ(z.CountryCode("Atlantis"), "");
  EXPECT_EQ(CountryOfEmailDomain("a@cs.ox.ac.uk", z), "GB");
  EXPECT_EQ(CountryOfEmailDomain("tsinghua.edu.cn", z), "CN");
  EXPECT_EQ(CountryOfEmailDomain("x@mit.edu", z), "US");
  EXPECT_EQ(CountryOfEmailDomain("x@google.com", z), "");
  EXPECT_EQ(CountryOfEmailDomain("x@mistral.ai", z), "") << ".ai is sold as generic";
  EXPECT_EQ(CountryOfEmailDomain("x@uni-tuebingen.de", z), "DE");
}

TEST(Locate, EachSourceInOrder) {
  InstitutionGeoMap geo;
  geo["I27837315"] = {"Ann Arbor", "US", {42.27756, -83.74088}};
  const Locator loc(PlaceTables::Builtin(), Zones(), &geo);

  Evidence e;
  e.city_text = "Zurich, Switzerland";
  e.org = "Stanford University";
  Location l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kPersonCity);
  EXPECT_EQ(l.city, "Zürich");
  EXPECT_EQ(l.tz, "Europe/Zurich");

  e = {};
  e.institution_openalex_id = "https://openalex.org/I27837315";
  e.institution_name = "University of Michigan";
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kOpenAlexInstitution);
  EXPECT_EQ(l.city, "Ann Arbor");
  EXPECT_EQ(l.tz, "America/Detroit");
  ASSERT_TRUE(l.has_city());

  e = {};
  e.institution_openalex_id = "I4210164937";  // Microsoft Research (United Kingdom)
  e.org = "Microsoft";
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kSiteTable);
  EXPECT_EQ(l.city, "Cambridge");
  EXPECT_EQ(l.country, "GB");

  e = {};
  e.institution_name = "Google (United Kingdom)";
  e.org = "Google";
  l = loc.Locate(e);
  EXPECT_EQ(l.city, "London") << "the country in the name picks the site";
  e.institution_name = "Google";
  EXPECT_EQ(loc.Locate(e).city, "Mountain View") << "no country: the main site";
  e.institution_country = "BR";
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kInstitutionCountry) << "Google has no site in Brazil in the table";
  EXPECT_EQ(l.country, "BR");
  EXPECT_FALSE(l.has_city());
  EXPECT_EQ(l.tz, "") << "Brazil has several zones";

  e = {};
  e.institution_name = "Some Small Lab";
  e.email = "someone@eecs.berkeley.edu";
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kEmailSite);
  EXPECT_EQ(l.city, "Berkeley");

  e.email = "someone@informatik.uni-hamburg.de";
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kEmailCctld);
  EXPECT_EQ(l.country, "DE");
  EXPECT_EQ(l.tz, "Europe/Berlin");

  e.email = "someone@gmail.com";
  EXPECT_FALSE(loc.Locate(e).known());
  EXPECT_EQ(SourceName(LocationSource::kEmailCctld), "email_cctld");

  // Paper lists name the country and the campus: "Google Research, Zurich, ZH, Switzerland".
  e = {};
  e.institution_name = "Google Research, Zurich, ZH, Switzerland";
  e.org = "Google";
  e.institution_country = "Switzerland";
  e.institution_city = "Zurich";
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kInstitutionCity);
  EXPECT_EQ(l.city, "Zürich");
  EXPECT_EQ(l.tz, "Europe/Zurich");
  EXPECT_EQ(SourceName(l.source), "institution_city");
  e.institution_city = "Nowhere-on-Sea";  // not in the gazetteer: the country picks the site
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kSiteTable);
  EXPECT_EQ(l.country, "CH");
  e = {};
  e.institution_name = "Bar-Ilan University";
  e.institution_country = "Israel";
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kInstitutionCountry);
  EXPECT_EQ(l.country, "IL");
  EXPECT_EQ(l.tz, "Asia/Jerusalem");
  e.institution_country = "Unknown";
  e.email = "biu.ac.il";  // the institution's e-mail domain (paper lists' aff_domain)
  l = loc.Locate(e);
  EXPECT_EQ(l.source, LocationSource::kEmailCctld);
  EXPECT_EQ(l.country, "IL");
  EXPECT_EQ(ParseSource("site_table"), LocationSource::kSiteTable);
}

TEST(Locate, CityTextAndParts) {
  const Locator loc(PlaceTables::Builtin(), Zones());
  auto amb = loc.FromCityText("Cambridge", LocationSource::kManual);
  ASSERT_FALSE(amb.ok());
  EXPECT_NE(amb.status().message().find("ambiguous"), std::string::npos) << amb.status().ToString();
  auto ma = loc.FromCityText("Cambridge, MA", LocationSource::kManual);
  ASSERT_TRUE(ma.ok()) << ma.status().ToString();
  EXPECT_EQ(ma->country, "US");
  EXPECT_EQ(loc.FromCityText("cambridge, uk", LocationSource::kManual)->country, "GB");
  EXPECT_EQ(loc.FromCityText("Lake Tahoe", LocationSource::kManual)->tz, "America/Los_Angeles");
  EXPECT_FALSE(loc.FromCityText("Atlantis", LocationSource::kManual).ok());
  auto parts = loc.FromParts("Hamburg", "", "DE", LatLon{53.55, 9.99}, "", LocationSource::kManual);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts->tz, "Europe/Berlin");
  EXPECT_FALSE(loc.FromParts("X", "", "ZZ", std::nullopt, "", LocationSource::kManual).ok());
  EXPECT_FALSE(loc.FromParts("X", "", "DE", std::nullopt, "Mars/Olympus", LocationSource::kManual).ok());
}

TEST(Locate, RealOpenAlexInstitutionRecord) {
  const std::string dir = st::testing::SharedDataDir();
  const std::string path = dir + "/openalex/entities/I27837315.json";
  if (dir.empty() || !std::filesystem::exists(path)) ST_SKIP_OR_FAIL() << path << " is absent";
  auto text = ReadFileToString(path);
  ASSERT_TRUE(text.ok());
  InstitutionGeoMap geo;
  ASSERT_TRUE(ReadInstitutionGeo(*text, path, &geo).ok());
  ASSERT_EQ(geo.count("I27837315"), 1u);
  EXPECT_EQ(geo["I27837315"].city, "Ann Arbor");
  const Locator loc(PlaceTables::Builtin(), Zones(), &geo);
  Evidence e;
  e.institution_openalex_id = "I27837315";
  Location l = loc.Locate(e);
  EXPECT_EQ(l.tz, "America/Detroit");
  EXPECT_NEAR(l.at->lat, 42.28, 0.01);
  auto bad = ReadInstitutionGeo("{\"id\":\"I1\"}\n{oops\n", "inst.jsonl", &geo);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("inst.jsonl:2"), std::string::npos) << bad.ToString();
}

TEST(SpatialIndex, MatchesBruteForce) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> lat(-85, 85), lon(-180, 180);
  std::vector<IndexedPoint> pts;
  for (int i = 0; i < 4000; ++i) pts.push_back({i, {lat(rng), lon(rng)}});
  // Many people share one city's coordinates.
  for (int i = 0; i < 200; ++i) pts.push_back({4000 + i, {51.5074, -0.1278}});
  const SpatialIndex index(pts);
  for (int q = 0; q < 40; ++q) {
    const LatLon at{lat(rng), lon(rng)};
    std::vector<Neighbour> all;
    for (const auto& p : pts) all.push_back({p.id, DistanceKm(at, p.at)});
    std::sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.km != b.km ? a.km < b.km : a.id < b.id; });
    auto near = index.Nearest(at, 10);
    ASSERT_EQ(near.size(), 10u);
    for (size_t i = 0; i < 10; ++i) EXPECT_NEAR(near[i].km, all[i].km, 1e-6) << "query " << q << " rank " << i;
    const double radius = 300 + q * 50;
    auto within = index.Within(at, radius);
    size_t expected = 0;
    while (expected < all.size() && all[expected].km <= radius) ++expected;
    ASSERT_EQ(within.size(), expected) << "query " << q;
    std::set<std::int64_t> got, want;
    for (size_t i = 0; i < expected; ++i) got.insert(within[i].id), want.insert(all[i].id);
    EXPECT_EQ(got, want) << "query " << q;
    for (const auto& w : within) EXPECT_NEAR(w.km, DistanceKm(at, pts[w.id].at), 0.006 * w.km + 1e-6);
  }
  EXPECT_EQ(index.Within({51.5, -0.13}, 5).size(), 200u) << "the London cluster";
  EXPECT_TRUE(SpatialIndex({}).Nearest({0, 0}, 3).empty());
}

TEST(Trip, RankedByStageThenStrengthThenDistance) {
  using campaign::Stage;
  const PlaceTables& t = PlaceTables::Builtin();
  const LatLon london = t.FindCity("London", "GB")->at, oxford = t.FindCity("Oxford", "GB")->at,
               paris = t.FindCity("Paris", "FR")->at;
  std::unordered_map<std::int64_t, TripCandidate> by_id;
  auto add = [&](std::int64_t id, Stage s, double strength, LatLon at) {
    by_id[id] = {id, "P" + std::to_string(id), "", "", "GB", "Europe/London", s, strength, at};
  };
  add(1, Stage::kIdentified, 9.0, london);
  add(2, Stage::kOffer, 1.0, oxford);
  add(3, Stage::kMeeting, 5.0, london);
  add(4, Stage::kMeeting, 5.0, oxford);
  add(5, Stage::kJoined, 9.0, london);
  add(6, Stage::kOffer, 9.0, paris);  // 344 km: outside 100 km
  std::vector<IndexedPoint> pts;
  for (const auto& [id, c] : by_id) pts.push_back({id, c.at});
  const SpatialIndex index(pts);
  TripQuery q;
  q.at = london;
  q.radius_km = 100;
  auto stops = PlanTrip(index, by_id, q);
  std::vector<std::int64_t> ids;
  for (const auto& s : stops) ids.push_back(s.candidate->person_id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{2, 3, 4, 1}));
  EXPECT_NEAR(stops[0].km, DistanceKm(london, oxford), 1e-9);
  q.include_closed = true;
  q.radius_km = 400;
  EXPECT_EQ(PlanTrip(index, by_id, q).size(), 6u);
}

}  // namespace
}  // namespace st::places
