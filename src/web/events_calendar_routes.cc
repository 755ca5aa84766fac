// /api/calendar/events: dinners at the CEO's homes and other events — create, change,
// call off, suggested invitees, invitations, answers with dietary notes, and
// the iCalendar invitation (.ics). (events_routes.cc is the live SSE stream.)
// Times travel as wall-clock "YYYY-MM-DDTHH:MM" in the event's zone; replies
// carry the unix seconds and UTC time too.
#include <cstdio>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "events/ical.h"
#include "outreach/service.h"
#include "web/api_context.h"
#include "web/json_mapping.h"
#include "web/located_people.h"

namespace st::web {
namespace {

using nlohmann::json;

std::string LocalIso(std::int64_t t, const std::string& tz) {
  auto l = events::ToLocal(t, tz);
  if (!l.ok()) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", l->year, l->month, l->day, l->hour, l->minute);
  return buf;
}

Result<std::int64_t> ParseLocal(const std::string& field, const std::string& text, const std::string& tz) {
  events::LocalTime l;
  char t = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d", &l.year, &l.month, &l.day, &t, &l.hour, &l.minute) != 6 ||
      (t != 'T' && t != ' ') || text.size() != 16)
    return Status::InvalidInput("field '" + field + "': a local time YYYY-MM-DDTHH:MM in the event's zone");
  auto r = events::FromLocal(l, tz);
  if (!r.ok()) return Status::InvalidInput("field '" + field + "': " + r.status().message());
  return *r;
}

// "dinner in Palo Alto on 12 March: 8 invited, 5 yes"
std::string DashboardLine(const events::Event& e, const events::InviteCounts& c) {
  auto l = events::ToLocal(e.starts_at, e.tz);
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  std::string date = l.ok() ? std::to_string(l->day) + " " + kMonths[l->month - 1] : "?";
  std::string s = std::string(events::EventKindName(e.kind)) + " in " + (e.city.empty() ? e.place : e.city) + " on " +
                  date + ": " + std::to_string(c.invited) + " invited, " + std::to_string(c.yes) + " yes";
  if (e.status == events::EventStatus::kCancelled) s += " (cancelled)";
  return s;
}

json CountsJson(const events::InviteCounts& c) {
  return {{"invited", c.invited}, {"yes", c.yes}, {"no", c.no}, {"maybe", c.maybe}, {"pending", c.pending}};
}

json EventJson(const events::Event& e, const events::InviteCounts& c) {
  json j = {{"id", e.id},
            {"title", e.title},
            {"kind", events::EventKindName(e.kind)},
            {"place", e.place},
            {"address", e.address},
            {"city", e.city},
            {"country", e.country},
            {"tz", e.tz},
            {"start", LocalIso(e.starts_at, e.tz)},
            {"end", LocalIso(e.ends_at, e.tz)},
            {"starts_at", e.starts_at},
            {"ends_at", e.ends_at},
            {"starts_utc", IsoTime(e.starts_at)},
            {"capacity", e.capacity},
            {"host_id", e.host_user_id},
            {"host", e.host},
            {"notes", e.notes},
            {"status", events::EventStatusName(e.status)},
            {"uid", e.uid},
            {"sequence", e.sequence},
            {"version", e.version},
            {"counts", CountsJson(c)},
            {"line", DashboardLine(e, c)}};
  if (e.lat && e.lon) j["lat"] = *e.lat, j["lon"] = *e.lon;
  return j;
}

json MailReportJson(const outreach::OutreachService::InvitationMailReport& r) {
  return {{"queued", r.queued}, {"up_to_date", r.up_to_date}, {"skipped", r.skipped}, {"messages", r.message_ids}};
}

json InviteJson(const events::Invite& i) {
  json j = {{"person_id", i.person_id}, {"name", i.person_name}, {"org", i.org},
            {"rsvp", events::RsvpName(i.status)}, {"invited_at", IsoTime(i.invited_at)},
            {"responded_at", i.responded_at ? json(IsoTime(i.responded_at)) : json(nullptr)}};
  if (!i.dietary.empty()) j["dietary"] = i.dietary;
  j["mailed_sequence"] = i.mailed_sequence;
  return j;
}

// Fills place/city/country/coordinates/zone from `home` (settings) or `city` (gazetteer) in the body.
Status ApplyWhere(const ApiContext& ctx, const json& b, events::EventPatch& patch) {
  ST_ASSIGN_OR_RETURN(const places::Locator* locator, DefaultLocator());
  std::string city_text;
  if (b.contains("home")) {
    ST_ASSIGN_OR_RETURN(places::PlacesSettings settings, LoadPlacesSettings(ctx));
    const std::string home = b["home"].get<std::string>();
    for (const places::Home& h : settings.homes)
      if (h.name == home || h.city == home) city_text = h.city, patch.place = h.name;
    if (city_text.empty()) return Status::InvalidInput("field 'home': no home named '" + home.substr(0, 60) + "' in settings");
  } else if (b.contains("city")) {
    city_text = b["city"].get<std::string>();
  }
  if (!city_text.empty()) {
    ST_ASSIGN_OR_RETURN(places::Location l, locator->FromCityText(city_text, places::LocationSource::kManual));
    patch.city = l.city;
    patch.country = l.country;
    patch.lat = std::optional<double>(l.at->lat);
    patch.lon = std::optional<double>(l.at->lon);
    if (!b.contains("tz")) patch.tz = l.tz;
    if (!patch.place && !b.contains("place")) patch.place = l.city;
  }
  return Status::Ok();
}

Result<events::EventPatch> PatchFrom(const ApiContext& ctx, const json& b, const events::Event& current) {
  events::EventPatch p;
  auto text = [&](const char* k, std::optional<std::string>& out) {
    if (b.contains(k)) out = b[k].get<std::string>();
  };
  text("title", p.title);
  text("place", p.place);
  text("address", p.address);
  text("notes", p.notes);
  text("tz", p.tz);
  if (b.contains("kind")) {
    p.kind = events::ParseEventKind(b["kind"].get<std::string>());
    if (!p.kind) return Status::InvalidInput("field 'kind': dinner or event");
  }
  ST_RETURN_IF_ERROR(ApplyWhere(ctx, b, p));
  if (p.tz && !events::KnownTimeZone(*p.tz)) return Status::InvalidInput("field 'tz': '" + *p.tz + "' is not a known zone");
  const std::string tz = p.tz.value_or(current.tz);
  if (b.contains("start") || b.contains("end")) {
    if (tz.empty()) return Status::InvalidInput("field 'tz': needed to read start and end (or give a city or home)");
  }
  if (b.contains("start")) {
    ST_ASSIGN_OR_RETURN(std::int64_t t, ParseLocal("start", b["start"].get<std::string>(), tz));
    p.starts_at = t;
  }
  if (b.contains("end")) {
    ST_ASSIGN_OR_RETURN(std::int64_t t, ParseLocal("end", b["end"].get<std::string>(), tz));
    p.ends_at = t;
  } else if (p.starts_at && current.ends_at == 0) {
    p.ends_at = *p.starts_at + 3 * 3600;  // a dinner's three hours
  }
  if (b.contains("capacity")) p.capacity = static_cast<int>(std::clamp<std::int64_t>(b["capacity"].get<std::int64_t>(), -1, 100000));
  if (b.contains("host_id")) p.host_user_id = b["host_id"].get<std::int64_t>();
  return p;
}

std::vector<Field> EventFields(bool creating) {
  return {{"title", FieldType::kString, creating, "≤ 200 characters"},
          {"kind", FieldType::kString, false, "dinner (default) or event"},
          {"home", FieldType::kString, false, "one of the CEO's homes (settings places.homes): fills place, city, zone"},
          {"place", FieldType::kString, false, "venue name"},
          {"address", FieldType::kString, false, "street address for the invitation"},
          {"city", FieldType::kString, false, "gazetteer city: fills country, coordinates and zone"},
          {"tz", FieldType::kString, false, "IANA zone (default: the city's)"},
          {"start", FieldType::kString, creating, "local YYYY-MM-DDTHH:MM"},
          {"end", FieldType::kString, false, "local YYYY-MM-DDTHH:MM (default start + 3 h)"},
          {"capacity", FieldType::kInteger, creating, "seats, 1..1000"},
          {"host_id", FieldType::kInteger, false, "the hosting user (default: the caller)"},
          {"notes", FieldType::kString, false, "shown in the invitation"}};
}

Result<std::string> Ics(const ApiContext& ctx, const store::EventDetail& d, std::optional<std::int64_t> only_person,
                        const std::string& host_name) {
  ST_ASSIGN_OR_RETURN(places::PlacesSettings settings, LoadPlacesSettings(ctx));
  std::vector<events::CalendarPerson> attendees;
  for (const auto& i : d.invites)
    if (!only_person || *only_person == i.person_id) attendees.push_back({i.person_name, i.email, i.status, i.person_id});
  if (only_person && attendees.empty()) return Status::NotFound("person " + std::to_string(*only_person) + " is not invited");
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return events::InvitationIcs(d.event, {host_name, settings.organiser_email}, attendees,
                               d.event.status == events::EventStatus::kCancelled ? events::IcsMethod::kCancel
                                                                                 : events::IcsMethod::kRequest,
                               now);
}

}  // namespace

void AddEventsCalendarRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/calendar/events",
      .summary = "Dinners and events by start time, each with its invitation counts and a dashboard line",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"person", FieldType::kInteger, false,
                 "only the events this person is invited to, each with their invitation as `invite`"}},
      .response = "{events: [Event (+ invite when person is given)], homes: [{name, city}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto person, call.QueryInt("person", 1, INT64_MAX));
            ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListEvents());
            ST_ASSIGN_OR_RETURN(places::PlacesSettings settings, LoadPlacesSettings(ctx));
            json out = {{"events", json::array()}, {"homes", places::PlacesSettingsToJson(settings)["homes"]}};
            for (const auto& s : list) {
              if (!person) {
                out["events"].push_back(EventJson(s.event, s.counts));
                continue;
              }
              // A candidate's page: the few events they are invited to (events are dozens, not thousands).
              ST_ASSIGN_OR_RETURN(store::EventDetail d, ctx.store->GetEvent(ActorFor(call), s.event.id));
              for (const auto& i : d.invites) {
                if (i.person_id != *person) continue;
                json e = EventJson(s.event, s.counts);
                e["invite"] = InviteJson(i);
                out["events"].push_back(std::move(e));
              }
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/calendar/events",
      .summary = "Plan a dinner or event",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = EventFields(true),
      .body_required = true,
      .success_status = 201,
      .response = "201 Event",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            events::Event e;
            e.kind = events::EventKind::kDinner;
            ST_ASSIGN_OR_RETURN(events::EventPatch p, PatchFrom(ctx, *call.body, e));
            events::ApplyPatch(p, e);
            if (!call.body->contains("host_id")) e.host_user_id = ActorFor(call).user_id;
            ST_ASSIGN_OR_RETURN(events::Event created, ctx.store->CreateEvent(ActorFor(call), e));
            ctx.hub->Notify();
            return Reply::Json(EventJson(created, {}), 201);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/calendar/events/{id}",
      .summary = "One event with its invitations and answers (dietary notes only for roles that work with people)",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{event: Event, invites: [{person_id, name, org, rsvp, dietary?, invited_at, responded_at}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(store::EventDetail d, ctx.store->GetEvent(ActorFor(call), id));
            json out = {{"event", EventJson(d.event, events::CountInvites(d.invites))}, {"invites", json::array()}};
            for (const auto& i : d.invites) out["invites"].push_back(InviteJson(i));
            return Reply::Json(out);
          },
  });
  auto patch_fields = EventFields(false);
  patch_fields.insert(patch_fields.begin(), {"version", FieldType::kInteger, true, "the version read"});
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/calendar/events/{id}",
      .summary = "Change an event: raises its version and the invitations' SEQUENCE",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = patch_fields,
      .body_required = true,
      .response = "Event",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(store::EventDetail d, ctx.store->GetEvent(ActorFor(call), id));
            ST_ASSIGN_OR_RETURN(events::EventPatch p, PatchFrom(ctx, *call.body, d.event));
            ST_ASSIGN_OR_RETURN(events::Event e,
                                ctx.store->UpdateEvent(ActorFor(call), id, (*call.body)["version"].get<std::int64_t>(), p));
            ctx.hub->Notify();
            return Reply::Json(EventJson(e, events::CountInvites(d.invites)));
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/calendar/events/{id}/cancel",
      .summary = "Call an event off (its .ics becomes METHOD:CANCEL with a higher SEQUENCE; when the ceo calls it "
                 "off, those e-mailed the invitation are sent the cancellation)",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"version", FieldType::kInteger, true, "the version read"}},
      .body_required = true,
      .response = "Event",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(events::Event e,
                                ctx.store->CancelEvent(ActorFor(call), id, (*call.body)["version"].get<std::int64_t>()));
            json out = EventJson(e, {});
            // The CEO's cancellation reaches at once those who were e-mailed the invitation (METHOD:CANCEL).
            if (ctx.outreach && ActorFor(call).role == campaign::Role::kCeo) {
              auto mailed = ctx.outreach->MailInvitations(ActorFor(call), id);
              out["mail"] = mailed.ok() ? MailReportJson(*mailed) : json{{"error", mailed.status().message()}};
            }
            ctx.hub->Notify();
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/calendar/events/{id}/suggestions",
      .summary = "Who to invite: open-stage candidates near the event by stage and strength, then the strongest "
                 "worth flying in",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"limit", FieldType::kInteger, false, "1..100, default 20"},
                {"near_km", FieldType::kNumber, false, "default: settings places.near_km (150)"}},
      .response = "{suggestions: [{id, name, org, stage, strength, city, km, reason}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(auto limit, call.QueryInt("limit", 1, 100));
            ST_ASSIGN_OR_RETURN(places::PlacesSettings settings, LoadPlacesSettings(ctx));
            double near_km = settings.near_km;
            if (auto n = call.Query("near_km")) {
              char* end = nullptr;
              near_km = std::strtod(n->c_str(), &end);
              if (*end != '\0' || !(near_km > 0)) return Status::InvalidInput("parameter 'near_km': a positive number");
            }
            ST_ASSIGN_OR_RETURN(store::EventDetail d, ctx.store->GetEvent(ActorFor(call), id));
            ST_ASSIGN_OR_RETURN(auto people, LocatePeople(ctx, ActorFor(call), PeopleFilter{}));
            std::vector<events::Prospect> pool;
            for (const LocatedPerson& lp : people) {
              events::Prospect p{lp.person.id, lp.person.name, lp.person.org, lp.location.city, lp.person.stage,
                                 lp.person.metrics ? lp.person.metrics->score : 0.0, std::nullopt};
              if (lp.location.at && d.event.lat && d.event.lon)
                p.km = places::DistanceKm(*lp.location.at, {*d.event.lat, *d.event.lon});
              pool.push_back(std::move(p));
            }
            std::vector<std::int64_t> invited;
            for (const auto& i : d.invites) invited.push_back(i.person_id);
            json out = {{"suggestions", json::array()}};
            for (const auto& s : events::SuggestInvitees(pool, near_km, static_cast<size_t>(limit.value_or(20)), invited)) {
              json j = {{"id", s.prospect->person_id}, {"name", s.prospect->name}, {"org", s.prospect->org},
                        {"stage", campaign::StageName(s.prospect->stage)}, {"strength", s.prospect->strength},
                        {"city", s.prospect->city}, {"reason", s.reason}};
              j["km"] = s.prospect->km ? json(std::round(*s.prospect->km)) : json(nullptr);
              out["suggestions"].push_back(std::move(j));
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/calendar/events/{id}/invites",
      .summary = "Invite people (already invited ones are skipped; 409 when the seats would be overbooked)",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"person_ids", FieldType::kArrayOfStrings, true, "person ids (as strings), 1..500"}},
      .body_required = true,
      .response = "{invites: [Invite]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            std::vector<std::int64_t> ids;
            for (const auto& v : (*call.body)["person_ids"]) {
              const std::string s = v.get<std::string>();
              char* end = nullptr;
              const long long n = std::strtoll(s.c_str(), &end, 10);
              if (s.empty() || *end != '\0' || n <= 0) return Status::InvalidInput("field 'person_ids': '" + s.substr(0, 30) + "' is not an id");
              ids.push_back(n);
            }
            ST_ASSIGN_OR_RETURN(auto invites, ctx.store->InvitePeople(ActorFor(call), id, ids));
            ctx.hub->Notify();
            json out = {{"invites", json::array()}};
            for (const auto& i : invites) out["invites"].push_back(InviteJson(i));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/calendar/events/{id}/rsvp",
      .summary = "Record an invitee's answer and dietary notes (personal data: exported and erased with the person)",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"person_id", FieldType::kInteger, true, "the invited person"},
               {"rsvp", FieldType::kString, true, "yes, no, maybe or invited"},
               {"dietary", FieldType::kString, false, "≤ 500 characters"}},
      .body_required = true,
      .response = "Invite",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            const json& b = *call.body;
            auto answer = events::ParseRsvp(b["rsvp"].get<std::string>());
            if (!answer) return Status::InvalidInput("field 'rsvp': yes, no, maybe or invited");
            std::optional<std::string> dietary;
            if (b.contains("dietary")) dietary = b["dietary"].get<std::string>();
            ST_ASSIGN_OR_RETURN(events::Invite i, ctx.store->SetRsvp(ActorFor(call), id, b["person_id"].get<std::int64_t>(),
                                                                     *answer, dietary));
            ctx.hub->Notify();
            return Reply::Json(InviteJson(i));
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/calendar/events/{id}/send",
      .summary = "E-mail the invitations from the CEO's mailbox (ceo only): each invitee with an address whose copy "
                 "is behind the event's SEQUENCE gets the .ics as a text/calendar part (REQUEST, or CANCEL once "
                 "called off), queued in the outreach outbox",
      .tag = "events",
      .access = Access::kAnyUser,
      .response = "{queued, up_to_date, skipped: [text], messages: [id]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            if (ActorFor(call).role != campaign::Role::kCeo)
              return Status::Forbidden("only the ceo e-mails invitations as the CEO");
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            if (!ctx.outreach) return Status::NotFound("outreach is not configured on this server (serve --outreach)");
            ST_ASSIGN_OR_RETURN(auto report, ctx.outreach->MailInvitations(ActorFor(call), id));
            ctx.hub->Notify();
            return Reply::Json(MailReportJson(report));
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/calendar/events/{id}/invitation.ics",
      .summary = "The iCalendar invitation (METHOD:REQUEST, or CANCEL once called off) for all invitees or one",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"person", FieldType::kInteger, false, "only this invitee as ATTENDEE"}},
      .response = "text/calendar",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(auto person, call.QueryInt("person", 1, INT64_MAX));
            ST_ASSIGN_OR_RETURN(store::EventDetail d, ctx.store->GetEvent(ActorFor(call), id));
            std::string host_name = d.event.host;
            if (d.event.host_user_id != 0)
              if (auto u = ctx.store->GetUser(d.event.host_user_id); u.ok()) host_name = u->display_name;
            ST_ASSIGN_OR_RETURN(std::string ics, Ics(ctx, d, person, host_name));
            Reply r;
            r.body = std::move(ics);
            r.content_type = "text/calendar; charset=utf-8; method=" +
                             std::string(d.event.status == events::EventStatus::kCancelled ? "CANCEL" : "REQUEST");
            call.SetHeader("Content-Disposition", "attachment; filename=\"event-" + std::to_string(id) + ".ics\"");
            return r;
          },
  });
}

}  // namespace st::web
