// Hand-set person locations of SqlStore, and the places/events part of a
// person's export. Derived locations are computed by places/ at read time.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace st::store {
namespace {

using campaign::CanEditPerson;

SqlValue OptDouble(const std::optional<double>& v) { return v ? SqlValue(*v) : SqlValue(); }

PersonLocation RowToLocation(const SqlRow& r) {
  PersonLocation l;
  l.person_id = r.Int(0);
  l.city = r.Text(1);
  l.region = r.Text(2);
  l.country = r.Text(3);
  if (!r.IsNull(4)) l.lat = r.Double(4);
  if (!r.IsNull(5)) l.lon = r.Double(5);
  l.tz = r.Text(6);
  l.source = r.Text(7);
  l.evidence = r.Text(8);
  l.updated_at = r.Int(9);
  l.actor = r.Text(10);
  return l;
}

constexpr const char* kLocationColumns =
    "person_id, city, region, country, lat, lon, tz, source, evidence, updated_at, actor";

nlohmann::json LocationJson(const PersonLocation& l) {
  nlohmann::json j = {{"city", l.city}, {"region", l.region}, {"country", l.country}, {"tz", l.tz},
                      {"source", l.source}, {"evidence", l.evidence}};
  if (l.lat && l.lon) j["lat"] = *l.lat, j["lon"] = *l.lon;
  return j;
}

std::string LocationText(const PersonLocation& l) {
  std::string s = l.city.empty() ? l.country : l.city + ", " + l.country;
  return s.empty() ? "unknown" : s;
}

}  // namespace

Result<std::vector<PersonLocation>> SqlStore::ListPersonLocations() {
  std::vector<PersonLocation> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kLocationColumns +
                                               " FROM person_locations ORDER BY person_id",
                                           {}));
    for (const SqlRow& r : rows) out.push_back(RowToLocation(r));
    return Status::Ok();
  }));
  return out;
}

Result<PersonLocation> SqlStore::SetPersonLocation(const Actor& actor, const PersonLocation& in) {
  if (in.country.size() != 2) return Status::InvalidInput("field 'country': an ISO 3166 alpha-2 code");
  if (in.lat.has_value() != in.lon.has_value()) return Status::InvalidInput("field 'lat': give lat and lon together");
  if (in.city.size() > 200 || in.region.size() > 100 || in.tz.size() > 64 || in.evidence.size() > 500)
    return Status::InvalidInput("field 'city': too long");
  PersonLocation stored = in;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Person person, LoadPerson(c, in.person_id));
    if (!CanEditPerson(actor.role, actor.user_id, person.owner_user_id))
      return Status::Forbidden("role " + std::string(campaign::RoleName(actor.role)) + " may not change person " +
                               std::to_string(in.person_id));
    SqlValue id[] = {in.person_id};
    ST_ASSIGN_OR_RETURN(auto before_rows, c.Query(std::string("SELECT ") + kLocationColumns +
                                                      " FROM person_locations WHERE person_id = $1",
                                                  id));
    stored.updated_at = Now();
    stored.actor = actor.username;
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM person_locations WHERE person_id = $1", id));
    SqlValue v[] = {in.person_id, stored.city, stored.region, stored.country, OptDouble(stored.lat),
                    OptDouble(stored.lon), stored.tz, stored.source, stored.evidence, stored.updated_at,
                    actor.user_id, actor.username};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO person_locations (person_id, city, region, country, lat, lon, tz, source, "
                              "evidence, updated_at, user_id, actor) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
                              v));
    const std::string before = before_rows.empty() ? "" : LocationJson(RowToLocation(before_rows[0])).dump();
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "person.location", PersonTarget(in.person_id), before,
                                LocationJson(stored).dump()));
    return AddActivity(c, actor, "location", in.person_id, "location set to " + LocationText(stored));
  }));
  return stored;
}

Status SqlStore::ClearPersonLocation(const Actor& actor, std::int64_t person_id) {
  return WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Person person, LoadPerson(c, person_id));
    if (!CanEditPerson(actor.role, actor.user_id, person.owner_user_id))
      return Status::Forbidden("role " + std::string(campaign::RoleName(actor.role)) + " may not change person " +
                               std::to_string(person_id));
    SqlValue id[] = {person_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("DELETE FROM person_locations WHERE person_id = $1 RETURNING person_id", id));
    if (rows.empty()) return Status::Ok();
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "person.location", PersonTarget(person_id), "{\"source\":\"manual\"}", ""));
    return AddActivity(c, actor, "location", person_id, "location back to the derived one");
  });
}

Status SqlStore::AddPlacesToExport(SqlConn& c, std::int64_t person_id, std::string* export_json) {
  auto doc = nlohmann::json::parse(*export_json, nullptr, false);
  if (!doc.is_object()) return Status::Internal("export document is not a JSON object");
  SqlValue id[] = {person_id};
  ST_ASSIGN_OR_RETURN(auto loc, c.Query(std::string("SELECT ") + kLocationColumns +
                                            " FROM person_locations WHERE person_id = $1",
                                        id));
  if (!loc.empty()) doc["location"] = LocationJson(RowToLocation(loc[0]));
  ST_ASSIGN_OR_RETURN(auto inv, c.Query("SELECT e.id, e.title, e.starts_at, e.tz, e.place, i.status, i.dietary, "
                                        "i.invited_at, COALESCE(i.responded_at, 0) FROM event_invites i JOIN events e "
                                        "ON e.id = i.event_id WHERE i.person_id = $1 ORDER BY e.starts_at",
                                        id));
  nlohmann::json list = nlohmann::json::array();
  for (const SqlRow& r : inv)
    list.push_back({{"event_id", r.Int(0)}, {"title", r.Text(1)}, {"starts_at", r.Int(2)}, {"tz", r.Text(3)},
                    {"place", r.Text(4)}, {"rsvp", r.Text(5)}, {"dietary", r.Text(6)}, {"invited_at", r.Int(7)},
                    {"responded_at", r.Int(8)}});
  doc["event_invitations"] = std::move(list);
  *export_json = doc.dump(2);
  return Status::Ok();
}

}  // namespace st::store
