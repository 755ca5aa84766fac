// Dinners and events of SqlStore: the events, their invitations and answers.
// Every write is audited ("event.create", "event.update", "event.cancel",
// "event.invite", "event.rsvp"); invitations and answers also land in each
// person's feed, so they show on the candidate's timeline.
#include <sodium.h>

#include <map>
#include <set>

#include "events/ical.h"
#include "outreach/mime.h"
#include "store/sql_store.h"

namespace st::store {
namespace {

using campaign::HasPermission;
using campaign::Permission;
using campaign::RoleName;
using events::Event;
using events::Invite;

constexpr const char* kEventColumns =
    "e.id, e.title, e.kind, e.place, e.address, e.city, e.country, e.lat, e.lon, e.tz, e.starts_at, e.ends_at, "
    "e.capacity, COALESCE(e.host_user_id, 0), COALESCE(u.username, ''), e.notes, e.status, e.uid, e.sequence, "
    "e.version, e.created_at, e.updated_at";

Event RowToEvent(const SqlRow& r) {
  Event e;
  e.id = r.Int(0);
  e.title = r.Text(1);
  e.kind = events::ParseEventKind(r.Text(2)).value_or(events::EventKind::kEvent);
  e.place = r.Text(3);
  e.address = r.Text(4);
  e.city = r.Text(5);
  e.country = r.Text(6);
  if (!r.IsNull(7)) e.lat = r.Double(7);
  if (!r.IsNull(8)) e.lon = r.Double(8);
  e.tz = r.Text(9);
  e.starts_at = r.Int(10);
  e.ends_at = r.Int(11);
  e.capacity = static_cast<int>(r.Int(12));
  e.host_user_id = r.Int(13);
  e.host = r.Text(14);
  e.notes = r.Text(15);
  e.status = r.Text(16) == "cancelled" ? events::EventStatus::kCancelled : events::EventStatus::kPlanned;
  e.uid = r.Text(17);
  e.sequence = static_cast<int>(r.Int(18));
  e.version = r.Int(19);
  e.created_at = r.Int(20);
  e.updated_at = r.Int(21);
  return e;
}

SqlValue OptDouble(const std::optional<double>& v) { return v ? SqlValue(*v) : SqlValue(); }

Status CheckWrite(const Actor& actor) {
  if (!HasPermission(actor.role, Permission::kWritePeople))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not plan events");
  return Status::Ok();
}

std::string EventTarget(std::int64_t id) { return "event:" + std::to_string(id); }

// "dinner 'Dinner in Palo Alto' on 12 March 2027" for feeds.
std::string EventLabel(const Event& e) {
  auto date = events::FormatLocal(e.starts_at, e.tz, true);
  return std::string(events::EventKindName(e.kind)) + " '" + e.title + "' on " + (date.ok() ? *date : "?");
}

std::string EventJsonForAudit(const Event& e) {
  return "{\"title\":" + std::string("\"") + (e.title.find('"') == std::string::npos ? e.title : "…") +
         "\",\"starts_at\":" + std::to_string(e.starts_at) + ",\"tz\":\"" + e.tz +
         "\",\"capacity\":" + std::to_string(e.capacity) + ",\"status\":\"" +
         std::string(events::EventStatusName(e.status)) + "\",\"sequence\":" + std::to_string(e.sequence) +
         ",\"version\":" + std::to_string(e.version) + "}";
}

Status CheckHost(SqlConn& c, std::int64_t host_user_id) {
  if (host_user_id == 0) return Status::Ok();
  SqlValue p[] = {host_user_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM users WHERE id = $1", p));
  if (rows.empty()) return Status::InvalidInput("field 'host_id': no user " + std::to_string(host_user_id));
  return Status::Ok();
}

Status EventVersionConflict(std::int64_t id, std::int64_t current, std::int64_t expected) {
  return Status::Conflict("event " + std::to_string(id) + " was changed by someone else (version " +
                          std::to_string(current) + ", you sent " + std::to_string(expected) + ")");
}

}  // namespace

Result<Event> SqlStore::LoadEvent(SqlConn& c, std::int64_t id) {
  SqlValue p[] = {id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kEventColumns +
                                             " FROM events e LEFT JOIN users u ON u.id = e.host_user_id WHERE e.id = $1",
                                         p));
  if (rows.empty()) return Status::NotFound("event " + std::to_string(id) + " not found");
  return RowToEvent(rows[0]);
}

Result<std::vector<Invite>> SqlStore::LoadInvites(SqlConn& c, std::int64_t event_id) {
  SqlValue p[] = {event_id};
  ST_ASSIGN_OR_RETURN(auto rows,
                      c.Query("SELECT i.event_id, i.person_id, p.name, p.email, COALESCE(o.name, ''), i.status, "
                              "i.dietary, i.invited_at, COALESCE(i.responded_at, 0), i.mailed_sequence FROM event_invites i "
                              "JOIN people p ON p.id = i.person_id LEFT JOIN organisations o ON o.id = p.org_id "
                              "WHERE i.event_id = $1 ORDER BY i.invited_at, i.person_id",
                              p));
  std::vector<Invite> out;
  for (const SqlRow& r : rows) {
    Invite i;
    i.event_id = r.Int(0);
    i.person_id = r.Int(1);
    i.person_name = r.Text(2);
    i.email = r.Text(3);
    i.org = r.Text(4);
    i.status = events::ParseRsvp(r.Text(5)).value_or(events::Rsvp::kInvited);
    i.dietary = r.Text(6);
    i.invited_at = r.Int(7);
    i.responded_at = r.Int(8);
    i.mailed_sequence = static_cast<int>(r.Int(9));
    out.push_back(std::move(i));
  }
  return out;
}

Result<std::vector<EventSummary>> SqlStore::ListEvents() {
  std::vector<EventSummary> out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kEventColumns +
                                               " FROM events e LEFT JOIN users u ON u.id = e.host_user_id "
                                               "ORDER BY e.starts_at, e.id",
                                           {}));
    ST_ASSIGN_OR_RETURN(auto counts, c.Query("SELECT event_id, status, COUNT(*) FROM event_invites "
                                             "GROUP BY event_id, status",
                                             {}));
    std::map<std::int64_t, events::InviteCounts> by_event;
    for (const SqlRow& r : counts) {
      events::InviteCounts& k = by_event[r.Int(0)];
      const std::int64_t n = r.Int(2);
      k.invited += n;
      switch (events::ParseRsvp(r.Text(1)).value_or(events::Rsvp::kInvited)) {
        case events::Rsvp::kYes: k.yes += n; break;
        case events::Rsvp::kNo: k.no += n; break;
        case events::Rsvp::kMaybe: k.maybe += n; break;
        case events::Rsvp::kInvited: k.pending += n; break;
      }
    }
    for (const SqlRow& r : rows) {
      EventSummary s{RowToEvent(r), {}};
      s.counts = by_event[s.event.id];
      out.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  return out;
}

Result<EventDetail> SqlStore::GetEvent(const Actor& actor, std::int64_t id) {
  EventDetail d;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(d.event, LoadEvent(c, id));
    ST_ASSIGN_OR_RETURN(d.invites, LoadInvites(c, id));
    return Status::Ok();
  }));
  // Dietary notes are personal data: only roles that work with people see them.
  if (!HasPermission(actor.role, Permission::kWritePeople))
    for (Invite& i : d.invites) i.dietary.clear();
  return d;
}

Result<Event> SqlStore::CreateEvent(const Actor& actor, const Event& in) {
  ST_RETURN_IF_ERROR(CheckWrite(actor));
  ST_RETURN_IF_ERROR(events::ValidateEvent(in));
  Event e = in;
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  e.uid = std::string(hex) + "@superteam";
  e.sequence = 0;
  e.version = 1;
  e.status = events::EventStatus::kPlanned;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(CheckHost(c, e.host_user_id));
    const std::int64_t now = Now();
    SqlValue v[] = {e.title,  std::string(events::EventKindName(e.kind)), e.place, e.address, e.city, e.country,
                    OptDouble(e.lat), OptDouble(e.lon), e.tz, e.starts_at, e.ends_at, std::int64_t{e.capacity},
                    e.host_user_id ? SqlValue(e.host_user_id) : SqlValue(), e.notes, e.uid, now};
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query("INSERT INTO events (title, kind, place, address, city, country, lat, lon, tz, "
                                "starts_at, ends_at, capacity, host_user_id, notes, status, uid, sequence, version, "
                                "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,"
                                "'planned',$15,0,1,$16,$16) RETURNING id",
                                v));
    ST_ASSIGN_OR_RETURN(e, LoadEvent(c, rows[0].Int(0)));
    return AddAudit(c, actor, "event.create", EventTarget(e.id), "", EventJsonForAudit(e));
  }));
  return e;
}

Result<Event> SqlStore::UpdateEvent(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                    const events::EventPatch& patch) {
  ST_RETURN_IF_ERROR(CheckWrite(actor));
  Event after;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Event before, LoadEvent(c, id));
    if (before.version != expected_version) return EventVersionConflict(id, before.version, expected_version);
    if (before.status == events::EventStatus::kCancelled)
      return Status::Conflict("event " + std::to_string(id) + " is cancelled");
    Event e = before;
    events::ApplyPatch(patch, e);
    ST_RETURN_IF_ERROR(events::ValidateEvent(e));
    ST_RETURN_IF_ERROR(CheckHost(c, e.host_user_id));
    SqlValue v[] = {e.title, std::string(events::EventKindName(e.kind)), e.place, e.address, e.city, e.country,
                    OptDouble(e.lat), OptDouble(e.lon), e.tz, e.starts_at, e.ends_at, std::int64_t{e.capacity},
                    e.host_user_id ? SqlValue(e.host_user_id) : SqlValue(), e.notes, Now(), id, expected_version};
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query("UPDATE events SET title=$1, kind=$2, place=$3, address=$4, city=$5, country=$6, "
                                "lat=$7, lon=$8, tz=$9, starts_at=$10, ends_at=$11, capacity=$12, host_user_id=$13, "
                                "notes=$14, updated_at=$15, sequence=sequence+1, version=version+1 "
                                "WHERE id=$16 AND version=$17 RETURNING id",
                                v));
    if (rows.empty()) return EventVersionConflict(id, expected_version + 1, expected_version);
    ST_ASSIGN_OR_RETURN(after, LoadEvent(c, id));
    return AddAudit(c, actor, "event.update", EventTarget(id), EventJsonForAudit(before), EventJsonForAudit(after));
  }));
  return after;
}

Result<Event> SqlStore::CancelEvent(const Actor& actor, std::int64_t id, std::int64_t expected_version) {
  ST_RETURN_IF_ERROR(CheckWrite(actor));
  Event after;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Event before, LoadEvent(c, id));
    if (before.version != expected_version) return EventVersionConflict(id, before.version, expected_version);
    if (before.status == events::EventStatus::kCancelled)
      return Status::Conflict("event " + std::to_string(id) + " is already cancelled");
    SqlValue v[] = {Now(), id, expected_version};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE events SET status='cancelled', updated_at=$1, sequence=sequence+1, "
                                           "version=version+1 WHERE id=$2 AND version=$3 RETURNING id",
                                           v));
    if (rows.empty()) return EventVersionConflict(id, expected_version + 1, expected_version);
    ST_ASSIGN_OR_RETURN(after, LoadEvent(c, id));
    ST_ASSIGN_OR_RETURN(auto invites, LoadInvites(c, id));
    for (const Invite& i : invites)
      ST_RETURN_IF_ERROR(AddActivity(c, actor, "event", i.person_id, EventLabel(after) + " cancelled"));
    return AddAudit(c, actor, "event.cancel", EventTarget(id), EventJsonForAudit(before), EventJsonForAudit(after));
  }));
  return after;
}

Result<std::vector<Invite>> SqlStore::InvitePeople(const Actor& actor, std::int64_t event_id,
                                                   const std::vector<std::int64_t>& person_ids) {
  ST_RETURN_IF_ERROR(CheckWrite(actor));
  if (person_ids.empty() || person_ids.size() > 500)
    return Status::InvalidInput("field 'person_ids': 1..500 people");
  std::vector<Invite> out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Event e, LoadEvent(c, event_id));
    if (e.status == events::EventStatus::kCancelled)
      return Status::Conflict("event " + std::to_string(event_id) + " is cancelled");
    ST_ASSIGN_OR_RETURN(auto existing, LoadInvites(c, event_id));
    std::set<std::int64_t> invited;
    for (const Invite& i : existing) invited.insert(i.person_id);
    std::vector<std::int64_t> fresh;
    for (std::int64_t id : person_ids)
      if (invited.insert(id).second) fresh.push_back(id);
    const std::int64_t held = events::SeatsHeld(events::CountInvites(existing));
    if (held + static_cast<std::int64_t>(fresh.size()) > e.capacity)
      return Status::Conflict("event " + std::to_string(event_id) + " has " + std::to_string(e.capacity) +
                              " seats and " + std::to_string(held) + " are held; " + std::to_string(fresh.size()) +
                              " more invitations would overbook it");
    const std::int64_t now = Now();
    const std::string label = EventLabel(e);
    for (std::int64_t person_id : fresh) {
      SqlValue pid[] = {person_id};
      ST_ASSIGN_OR_RETURN(auto person, c.Query("SELECT id FROM people WHERE id = $1", pid));
      if (person.empty()) return Status::NotFound("person " + std::to_string(person_id) + " not found");
      SqlValue v[] = {event_id, person_id, now};
      ST_RETURN_IF_ERROR(c.Exec("INSERT INTO event_invites (event_id, person_id, status, dietary, invited_at) "
                                "VALUES ($1, $2, 'invited', '', $3)",
                                v));
      ST_RETURN_IF_ERROR(AddActivity(c, actor, "event", person_id, "invited to " + label));
      ST_RETURN_IF_ERROR(AddAudit(c, actor, "event.invite", EventTarget(event_id), "",
                                  "{\"person_id\":" + std::to_string(person_id) + "}"));
    }
    ST_ASSIGN_OR_RETURN(out, LoadInvites(c, event_id));
    return Status::Ok();
  }));
  return out;
}

Result<Invite> SqlStore::SetRsvp(const Actor& actor, std::int64_t event_id, std::int64_t person_id,
                                 events::Rsvp answer, const std::optional<std::string>& dietary) {
  ST_RETURN_IF_ERROR(CheckWrite(actor));
  if (dietary) ST_RETURN_IF_ERROR(events::ValidateDietary(*dietary));
  Invite result;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Event e, LoadEvent(c, event_id));
    ST_ASSIGN_OR_RETURN(auto invites, LoadInvites(c, event_id));
    const Invite* mine = nullptr;
    for (const Invite& i : invites)
      if (i.person_id == person_id) mine = &i;
    if (mine == nullptr)
      return Status::NotFound("person " + std::to_string(person_id) + " is not invited to event " +
                              std::to_string(event_id));
    // A "no" that becomes a "yes" takes a seat back.
    if (mine->status == events::Rsvp::kNo && answer != events::Rsvp::kNo &&
        events::SeatsHeld(events::CountInvites(invites)) + 1 > e.capacity)
      return Status::Conflict("event " + std::to_string(event_id) + " is full (" + std::to_string(e.capacity) +
                              " seats)");
    SqlValue v[] = {std::string(events::RsvpName(answer)), dietary ? SqlValue(*dietary) : SqlValue(mine->dietary),
                    Now(), event_id, person_id};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE event_invites SET status=$1, dietary=$2, responded_at=$3 "
                              "WHERE event_id=$4 AND person_id=$5",
                              v));
    ST_RETURN_IF_ERROR(AddActivity(c, actor, "event", person_id,
                                   "answered " + std::string(events::RsvpName(answer)) + " to " + EventLabel(e)));
    // The audit names the answer, not the dietary notes (personal data).
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "event.rsvp", EventTarget(event_id), "",
                                "{\"person_id\":" + std::to_string(person_id) + ",\"rsvp\":\"" +
                                    std::string(events::RsvpName(answer)) + "\"}"));
    ST_ASSIGN_OR_RETURN(auto after, LoadInvites(c, event_id));
    for (const Invite& i : after)
      if (i.person_id == person_id) result = i;
    return Status::Ok();
  }));
  return result;
}

}  // namespace st::store

namespace st::store {

Result<outreach::Message> SqlStore::QueueEventMail(const Actor& actor, std::int64_t event_id, std::int64_t person_id,
                                                   int sequence, const outreach::OutgoingRecord& out) {
  if (actor.role != campaign::Role::kCeo)
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not e-mail invitations as the CEO");
  if (!outreach::IsValidEmail(out.to_address))
    return Status::InvalidInput("field 'email': person " + std::to_string(person_id) + " has no valid e-mail address");
  outreach::Message msg;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Event e, LoadEvent(c, event_id));
    SqlValue p[] = {event_id, person_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT mailed_sequence FROM event_invites WHERE event_id=$1 AND person_id=$2", p));
    if (rows.empty())
      return Status::NotFound("person " + std::to_string(person_id) + " is not invited to event " +
                              std::to_string(event_id));
    ST_ASSIGN_OR_RETURN(msg, InsertOutgoing(c, 0, person_id, "invitation", out, actor.username));
    SqlValue u[] = {std::int64_t{sequence}, event_id, person_id};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE event_invites SET mailed_sequence=$1 WHERE event_id=$2 AND person_id=$3", u));
    ST_RETURN_IF_ERROR(AddActivity(c, actor, "event", person_id,
                                   (e.status == events::EventStatus::kCancelled ? "cancellation of " : "invitation to ") +
                                       EventLabel(e) + " queued for e-mail"));
    return AddAudit(c, actor, "event.mail", EventTarget(event_id), "",
                    "{\"person_id\":" + std::to_string(person_id) + ",\"message\":" + std::to_string(msg.id) +
                        ",\"sequence\":" + std::to_string(sequence) + "}");
  }));
  return msg;
}

}  // namespace st::store
