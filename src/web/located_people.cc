#include "web/located_people.h"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "graph/view.h"
#include "places/graph_evidence.h"

namespace st::web {

Result<const places::Locator*> DefaultLocator() {
  static const Result<places::ZoneTable> zones = places::ZoneTable::LoadSystem();
  if (!zones.ok()) return zones.status();
  static const places::Locator locator(places::PlaceTables::Builtin(), *zones);
  return &locator;
}

places::Location DeriveLocation(const ApiContext& ctx, const places::Locator& locator, const campaign::Person& p) {
  places::Evidence e;
  if (ctx.graph && p.author_id && *p.author_id >= 0 && *p.author_id < ctx.graph->num_authors())
    e = places::EvidenceForAuthor(*ctx.graph, static_cast<graph::AuthorId>(*p.author_id));
  // The campaign's own organisation field speaks when the graph does not.
  if (e.org.empty() && e.institution_name.empty()) e.org = p.org;
  if (!p.email.empty()) e.email = p.email;  // else the institution's domain from the graph
  e.city_text = p.city;
  return locator.Locate(e);
}

Result<std::vector<LocatedPerson>> LocatePeople(const ApiContext& ctx, const store::Actor& actor,
                                                const PeopleFilter& filter) {
  ST_ASSIGN_OR_RETURN(const places::Locator* locator, DefaultLocator());
  ST_ASSIGN_OR_RETURN(auto manual_list, ctx.store->ListPersonLocations());
  std::unordered_map<std::int64_t, store::PersonLocation> manual;
  for (auto& m : manual_list) manual.emplace(m.person_id, std::move(m));
  std::vector<LocatedPerson> out;
  store::PersonQuery q;
  q.stage = filter.stage;
  if (!filter.org.empty()) q.org = filter.org;
  if (filter.candidates_only) q.kind = campaign::PersonKind::kCandidate;
  q.limit = 1000;
  for (q.offset = 0;; q.offset += q.limit) {
    ST_ASSIGN_OR_RETURN(store::PersonPage page, ctx.store->ListPeople(actor, q));
    for (auto& p : page.people) {
      if (!filter.topic.empty() && std::find(p.topics.begin(), p.topics.end(), filter.topic) == p.topics.end()) continue;
      LocatedPerson lp;
      if (auto it = manual.find(p.id); it != manual.end()) {
        const store::PersonLocation& m = it->second;
        lp.location.city = m.city;
        lp.location.region = m.region;
        lp.location.country = m.country;
        if (m.lat && m.lon) lp.location.at = places::LatLon{*m.lat, *m.lon};
        lp.location.tz = m.tz;
        lp.location.source = places::LocationSource::kManual;
        lp.location.evidence = m.evidence.empty() ? "set by " + m.actor : m.evidence + " (set by " + m.actor + ")";
      } else {
        lp.location = DeriveLocation(ctx, *locator, p);
      }
      lp.person = std::move(p);
      out.push_back(std::move(lp));
    }
    if (page.people.size() < static_cast<size_t>(q.limit)) break;
  }
  return out;
}

nlohmann::json LocationToJson(const places::Location& l, const places::ZoneTable& zones) {
  nlohmann::json j = {{"city", l.city},
                      {"region", l.region},
                      {"country", l.country},
                      {"country_name", std::string(zones.CountryName(l.country))},
                      {"tz", l.tz},
                      {"source", places::SourceName(l.source)},
                      {"evidence", l.evidence},
                      {"precision", l.has_city() ? "city" : l.known() ? "country" : "none"}};
  if (l.at) j["lat"] = l.at->lat, j["lon"] = l.at->lon;
  return j;
}

Result<places::PlacesSettings> LoadPlacesSettings(const ApiContext& ctx) {
  ST_ASSIGN_OR_RETURN(auto stored, ctx.store->GetSetting("places"));
  if (!stored) return places::PlacesSettings{};
  auto j = nlohmann::json::parse(stored->value_json, nullptr, false);
  return places::PlacesSettingsFromJson(j.is_discarded() ? nlohmann::json::object() : j);
}

}  // namespace st::web
