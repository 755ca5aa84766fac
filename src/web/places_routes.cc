// /api/places: candidates by city for the map, trip planning ("the CEO is in
// London on these dates"), the gazetteer, and a person's location with its
// source (set by hand, or back to the derived one).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/names.h"
#include "events/ical.h"
#include "places/spatial_index.h"
#include "places/trip.h"
#include "web/api_context.h"
#include "web/json_mapping.h"
#include "web/located_people.h"

namespace st::web {
namespace {

using nlohmann::json;

Result<PeopleFilter> FilterFrom(const Call& call) {
  PeopleFilter f;
  if (auto s = call.Query("stage"); s && !s->empty()) {
    f.stage = campaign::ParseStage(*s);
    if (!f.stage) return Status::InvalidInput("parameter 'stage': unknown stage '" + s->substr(0, 40) + "'");
  }
  f.topic = call.Query("topic").value_or("");
  f.org = call.Query("org").value_or("");
  return f;
}

json PersonBrief(const campaign::Person& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"org", p.org},
          {"stage", campaign::StageName(p.stage)},
          {"strength", p.metrics ? p.metrics->score : 0.0},
          {"topics", p.topics}};
}

// "+01:00"-style offset of a zone now, or "" when unknown.
std::string OffsetNow(const std::string& tz, std::int64_t now) {
  if (tz.empty()) return "";
  auto l = events::ToLocal(now, tz);
  if (!l.ok()) return "";
  const int m = l->utc_offset_seconds / 60;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
  return buf;
}

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The point a request names: ?city=London[, GB] or ?lat=&lon=.
Result<places::Location> CenterFrom(const Call& call, const places::Locator& locator) {
  if (auto city = call.Query("city"); city && !city->empty())
    return locator.FromCityText(*city, places::LocationSource::kManual);
  auto lat = call.Query("lat"), lon = call.Query("lon");
  if (!lat || !lon) return Status::InvalidInput("parameter 'city' or 'lat' and 'lon': where the trip goes");
  char* end = nullptr;
  const double la = std::strtod(lat->c_str(), &end);
  if (*end != '\0') return Status::InvalidInput("parameter 'lat': a number");
  const double lo = std::strtod(lon->c_str(), &end);
  if (*end != '\0') return Status::InvalidInput("parameter 'lon': a number");
  places::Location l;
  l.at = places::LatLon{la, lo};
  if (!places::ValidLatLon(*l.at)) return Status::InvalidInput("parameter 'lat'/'lon': out of range");
  return l;
}

}  // namespace

void AddPlacesRoutes(RouteTable& table, const ApiContext& ctx) {
  const std::vector<Field> filters = {{"stage", FieldType::kString, false, "only this stage"},
                                      {"topic", FieldType::kString, false, "only people with this topic"},
                                      {"org", FieldType::kString, false, "only people at this organisation"}};
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/places/people",
      .summary = "Candidates with their locations (hand-set or derived, with the source), grouped by city for the map",
      .tag = "places",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = filters,
      .response = "{people: [{id, name, org, stage, strength, topics, location}], cities: [{city, country, lat, lon, "
                  "count, by_stage}], counts: {people, with_country, with_city, by_source}, filters: {stages, topics, orgs}}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(PeopleFilter filter, FilterFrom(call));
            ST_ASSIGN_OR_RETURN(const places::Locator* locator, DefaultLocator());
            ST_ASSIGN_OR_RETURN(auto people, LocatePeople(ctx, ActorFor(call), filter));
            json out = {{"people", json::array()}, {"cities", json::array()}};
            std::map<std::pair<std::string, std::string>, json> cities;
            std::map<std::string, std::int64_t> by_source;
            std::set<std::string> topics, orgs;
            std::int64_t with_country = 0, with_city = 0;
            for (const LocatedPerson& lp : people) {
              json p = PersonBrief(lp.person);
              p["location"] = LocationToJson(lp.location, locator->zones());
              out["people"].push_back(std::move(p));
              ++by_source[std::string(places::SourceName(lp.location.source))];
              with_country += lp.location.known();
              for (const auto& t : lp.person.topics) topics.insert(t);
              if (!lp.person.org.empty()) orgs.insert(lp.person.org);
              if (!lp.location.has_city()) continue;
              ++with_city;
              json& c = cities[{lp.location.city, lp.location.country}];
              if (c.is_null())
                c = {{"city", lp.location.city}, {"country", lp.location.country}, {"lat", lp.location.at->lat},
                     {"lon", lp.location.at->lon}, {"tz", lp.location.tz}, {"count", 0}, {"strength", 0.0},
                     {"by_stage", json::object()}, {"people", json::array()}};
              c["count"] = c["count"].get<int>() + 1;
              c["strength"] = c["strength"].get<double>() + (lp.person.metrics ? lp.person.metrics->score : 0.0);
              const std::string stage(campaign::StageName(lp.person.stage));
              c["by_stage"][stage] = c["by_stage"].value(stage, 0) + 1;
              c["people"].push_back(lp.person.id);
            }
            for (auto& [key, c] : cities) out["cities"].push_back(std::move(c));
            out["counts"] = {{"people", people.size()}, {"with_country", with_country}, {"with_city", with_city},
                             {"by_source", by_source}};
            json stages = json::array();
            for (campaign::Stage s : campaign::AllStages()) stages.push_back(campaign::StageName(s));
            out["filters"] = {{"stages", stages}, {"topics", topics}, {"orgs", orgs}};
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/places/trip",
      .summary = "Trip planning: the candidates within a radius of a city or point, most pressing first (stage, "
                 "then strength, then distance), with their time zones",
      .tag = "places",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"city", FieldType::kString, false, "'London', 'Cambridge, US' (or lat and lon)"},
                {"lat", FieldType::kNumber, false, "degrees north"},
                {"lon", FieldType::kNumber, false, "degrees east"},
                {"radius_km", FieldType::kNumber, false, "default: settings places.trip_radius_km (100)"},
                {"from", FieldType::kString, false, "first day of the trip, YYYY-MM-DD (echoed)"},
                {"to", FieldType::kString, false, "last day, YYYY-MM-DD (echoed)"},
                {"include_closed", FieldType::kBoolean, false, "also joined, declined and withdrawn people"},
                {"limit", FieldType::kInteger, false, "1..500, default 100"}},
      .response = "{center: {city, country, lat, lon, tz}, radius_km, from, to, stops: [{person, location, km, "
                  "priority, utc_offset}], located, not_located}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(const places::Locator* locator, DefaultLocator());
            ST_ASSIGN_OR_RETURN(places::Location center, CenterFrom(call, *locator));
            ST_ASSIGN_OR_RETURN(places::PlacesSettings settings, LoadPlacesSettings(ctx));
            places::TripQuery q;
            q.at = *center.at;
            q.radius_km = settings.trip_radius_km;
            if (auto r = call.Query("radius_km")) {
              char* end = nullptr;
              q.radius_km = std::strtod(r->c_str(), &end);
              if (*end != '\0' || !(q.radius_km > 0 && q.radius_km <= 20000))
                return Status::InvalidInput("parameter 'radius_km': 0 < km <= 20000");
            }
            q.include_closed = call.Query("include_closed").value_or("") == "true";
            ST_ASSIGN_OR_RETURN(auto limit, call.QueryInt("limit", 1, 500));
            q.limit = static_cast<size_t>(limit.value_or(100));
            for (const char* day : {"from", "to"}) {
              const std::string d = call.Query(day).value_or("");
              if (!d.empty() && (d.size() != 10 || d[4] != '-' || d[7] != '-'))
                return Status::InvalidInput(std::string("parameter '") + day + "': YYYY-MM-DD");
            }
            ST_ASSIGN_OR_RETURN(auto people, LocatePeople(ctx, ActorFor(call), PeopleFilter{}));
            std::unordered_map<std::int64_t, places::TripCandidate> by_id;
            std::unordered_map<std::int64_t, const LocatedPerson*> located;
            std::vector<places::IndexedPoint> points;
            for (const LocatedPerson& lp : people) {
              if (!lp.location.at) continue;
              const auto& p = lp.person;
              by_id[p.id] = {p.id, p.name, p.org, lp.location.city, lp.location.country, lp.location.tz, p.stage,
                             p.metrics ? p.metrics->score : 0.0, *lp.location.at};
              located[p.id] = &lp;
              points.push_back({p.id, *lp.location.at});
            }
            const places::SpatialIndex index(std::move(points));
            const std::int64_t now = NowSeconds();
            json stops = json::array();
            for (const places::TripStop& s : places::PlanTrip(index, by_id, q)) {
              const LocatedPerson& lp = *located.at(s.candidate->person_id);
              json stop = PersonBrief(lp.person);
              stop["location"] = LocationToJson(lp.location, locator->zones());
              stop["km"] = std::round(s.km * 10) / 10;
              stop["priority"] = s.priority;
              stop["utc_offset"] = OffsetNow(lp.location.tz, now);
              stops.push_back(std::move(stop));
            }
            json c = LocationToJson(center, locator->zones());
            json out = {{"center", c},
                        {"radius_km", q.radius_km},
                        {"from", call.Query("from").value_or("")},
                        {"to", call.Query("to").value_or("")},
                        {"stops", stops},
                        {"located", by_id.size()},
                        {"not_located", people.size() - by_id.size()}};
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/places/cities",
      .summary = "The gazetteer: cities whose name starts with q (for the trip and location forms)",
      .tag = "places",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"q", FieldType::kString, false, "start of a city name, any case and accents"}},
      .response = "{cities: [{city, region, country, lat, lon, tz}]}",
      .handler =
          [](Call& call) -> Result<Reply> {
            const std::string q = FoldText(call.Query("q").value_or(""));
            json out = {{"cities", json::array()}};
            for (const places::City& c : places::PlaceTables::Builtin().cities()) {
              bool hit = FoldText(c.name).rfind(q, 0) == 0;
              for (const auto& a : c.aliases) hit = hit || FoldText(a).rfind(q, 0) == 0;
              if (!hit) continue;
              out["cities"].push_back({{"city", c.name}, {"region", c.region}, {"country", c.country},
                                       {"lat", c.at.lat}, {"lon", c.at.lon}, {"tz", c.tz}});
              if (out["cities"].size() >= 50) break;
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}/location",
      .summary = "A person's location: the effective one with its source, and the derived one beside it",
      .tag = "places",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{location, derived}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(const places::Locator* locator, DefaultLocator());
            ST_ASSIGN_OR_RETURN(campaign::Person p, ctx.store->GetPerson(ActorFor(call), id));
            const places::Location derived = DeriveLocation(ctx, *locator, p);
            json out = {{"derived", LocationToJson(derived, locator->zones())}};
            out["location"] = out["derived"];
            ST_ASSIGN_OR_RETURN(auto manual, ctx.store->ListPersonLocations());
            for (const auto& m : manual) {
              if (m.person_id != id) continue;
              places::Location l;
              l.city = m.city;
              l.region = m.region;
              l.country = m.country;
              if (m.lat && m.lon) l.at = places::LatLon{*m.lat, *m.lon};
              l.tz = m.tz;
              l.source = places::LocationSource::kManual;
              l.evidence = m.evidence + " (set by " + m.actor + ")";
              out["location"] = LocationToJson(l, locator->zones());
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people/{id}/location",
      .summary = "Set a person's location by hand: a gazetteer city ('Zurich', 'Cambridge, US'), or country with "
                 "city, coordinates and zone",
      .tag = "places",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"city", FieldType::kString, false, "city name (alone: looked up in the gazetteer)"},
               {"region", FieldType::kString, false, "state or province"},
               {"country", FieldType::kString, false, "ISO 3166 alpha-2"},
               {"lat", FieldType::kNumber, false, "degrees north"},
               {"lon", FieldType::kNumber, false, "degrees east"},
               {"tz", FieldType::kString, false, "IANA zone; derived from country and coordinates when absent"}},
      .body_required = true,
      .response = "{location}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(const places::Locator* locator, DefaultLocator());
            const json& b = *call.body;
            auto text = [&](const char* k) { return b.contains(k) ? b[k].get<std::string>() : std::string(); };
            places::Location l;
            if (!b.contains("country")) {
              ST_ASSIGN_OR_RETURN(l, locator->FromCityText(text("city"), places::LocationSource::kManual));
            } else {
              std::optional<places::LatLon> at;
              if (b.contains("lat") != b.contains("lon")) return Status::InvalidInput("field 'lat': give lat and lon together");
              if (b.contains("lat")) at = places::LatLon{b["lat"].get<double>(), b["lon"].get<double>()};
              ST_ASSIGN_OR_RETURN(l, locator->FromParts(text("city"), text("region"), text("country"), at, text("tz"),
                                                        places::LocationSource::kManual));
            }
            if (!l.tz.empty() && !events::KnownTimeZone(l.tz))
              return Status::InvalidInput("field 'tz': '" + l.tz + "' is not a known zone");
            store::PersonLocation m;
            m.person_id = id;
            m.city = l.city;
            m.region = l.region;
            m.country = l.country;
            if (l.at) m.lat = l.at->lat, m.lon = l.at->lon;
            m.tz = l.tz;
            m.evidence = l.evidence;
            ST_ASSIGN_OR_RETURN(store::PersonLocation stored, ctx.store->SetPersonLocation(ActorFor(call), m));
            ctx.hub->Notify();
            l.evidence = stored.evidence + " (set by " + stored.actor + ")";
            return Reply::Json({{"location", LocationToJson(l, locator->zones())}});
          },
  });
  table.Add(Route{
      .method = Method::kDelete,
      .path = "/api/people/{id}/location",
      .summary = "Drop a hand-set location: the derived one applies again",
      .tag = "places",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .success_status = 204,
      .response = "204",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_RETURN_IF_ERROR(ctx.store->ClearPersonLocation(ActorFor(call), id));
            ctx.hub->Notify();
            return Reply::NoContent();
          },
  });
}

}  // namespace st::web
