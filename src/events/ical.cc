#include "events/ical.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>

#include <libical/ical.h>

namespace st::events {
namespace {

std::mutex& IcalMutex() {
  static std::mutex mu;
  return mu;
}

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimezone* Zone(std::string_view tz) {
  if (tz == "UTC") return icaltimezone_get_utc_timezone();
  return icaltimezone_get_builtin_timezone(std::string(tz).c_str());
}

std::string Address(const CalendarPerson& p) {
  if (!p.email.empty()) return "mailto:" + p.email;
  return "mailto:person-" + std::to_string(p.person_id) + "@no-email.invalid";
}

icalparameter_partstat PartStat(Rsvp r) {
  switch (r) {
    case Rsvp::kYes: return ICAL_PARTSTAT_ACCEPTED;
    case Rsvp::kNo: return ICAL_PARTSTAT_DECLINED;
    case Rsvp::kMaybe: return ICAL_PARTSTAT_TENTATIVE;
    case Rsvp::kInvited: return ICAL_PARTSTAT_NEEDSACTION;
  }
  return ICAL_PARTSTAT_NEEDSACTION;
}

icalproperty* ZonedTime(icalproperty* (*make)(struct icaltimetype), std::int64_t t, icaltimezone* zone,
                        const std::string& tzid) {
  icalproperty* p = make(icaltime_from_timet_with_zone(static_cast<time_t>(t), 0, zone));
  if (tzid != "UTC") icalproperty_add_parameter(p, icalparameter_new_tzid(tzid.c_str()));
  return p;
}

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

}  // namespace

bool KnownTimeZone(std::string_view tz) {
  std::lock_guard lock(IcalMutex());
  return !tz.empty() && Zone(tz) != nullptr;
}

Result<std::string> InvitationIcs(const Event& e, const CalendarPerson& organizer,
                                  const std::vector<CalendarPerson>& attendees, IcsMethod method, std::int64_t now) {
  std::lock_guard lock(IcalMutex());
  icaltimezone* zone = Zone(e.tz);
  if (zone == nullptr) return Status::InvalidInput("field 'tz': '" + e.tz + "' is not a time zone libical knows");
  ComponentPtr cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//superteam//events//EN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(),
                             icalproperty_new_method(method == IcsMethod::kCancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST));
  if (e.tz != "UTC") {
    icalcomponent* vtz = icalcomponent_new_clone(icaltimezone_get_component(zone));
    // Only the rules around the event (152 -> ~64 lines for Los Angeles).
    const icaltimetype start = icaltime_from_timet_with_zone(static_cast<time_t>(e.starts_at - 366 * 86400), 0,
                                                             icaltimezone_get_utc_timezone());
    icaltimezone_truncate_vtimezone(vtz, start, icaltime_null_time(), 0);
    if (icalproperty* id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)) icalproperty_set_tzid(id, e.tz.c_str());
    icalcomponent_add_component(cal.get(), vtz);
  }
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(ev, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(ev, icalproperty_new_sequence(e.sequence));
  icalcomponent_add_property(
      ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(static_cast<time_t>(now), 0, icaltimezone_get_utc_timezone())));
  icalcomponent_add_property(ev, ZonedTime(icalproperty_new_dtstart, e.starts_at, zone, e.tz));
  icalcomponent_add_property(ev, ZonedTime(icalproperty_new_dtend, e.ends_at, zone, e.tz));
  icalcomponent_add_property(ev, icalproperty_new_summary(e.title.c_str()));
  std::string location = e.place;
  if (!e.address.empty()) location += ", " + e.address;
  icalcomponent_add_property(ev, icalproperty_new_location(location.c_str()));
  if (!e.notes.empty()) icalcomponent_add_property(ev, icalproperty_new_description(e.notes.c_str()));
  if (e.lat && e.lon) {
    struct icalgeotype geo;
    geo.lat = *e.lat;
    geo.lon = *e.lon;
    icalcomponent_add_property(ev, icalproperty_new_geo(geo));
  }
  const bool cancelled = method == IcsMethod::kCancel || e.status == EventStatus::kCancelled;
  icalcomponent_add_property(ev, icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalproperty* org = icalproperty_new_organizer(Address(organizer).c_str());
  if (!organizer.name.empty()) icalproperty_add_parameter(org, icalparameter_new_cn(organizer.name.c_str()));
  icalcomponent_add_property(ev, org);
  for (const CalendarPerson& a : attendees) {
    icalproperty* p = icalproperty_new_attendee(Address(a).c_str());
    if (!a.name.empty()) icalproperty_add_parameter(p, icalparameter_new_cn(a.name.c_str()));
    icalproperty_add_parameter(p, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
    icalproperty_add_parameter(p, icalparameter_new_partstat(PartStat(a.answer)));
    icalproperty_add_parameter(p, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
    icalcomponent_add_property(ev, p);
  }
  icalcomponent_add_component(cal.get(), ev);
  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (text == nullptr) return Status::Internal("libical could not write the invitation");
  std::string out(text);
  free(text);
  return out;
}

Result<ParsedInvitation> ParseInvitation(std::string_view ics) {
  std::lock_guard lock(IcalMutex());
  ComponentPtr cal(icalparser_parse_string(std::string(ics).c_str()));
  if (!cal || icalcomponent_isa(cal.get()) != ICAL_VCALENDAR_COMPONENT)
    return Status::InvalidInput("not an iCalendar VCALENDAR");
  ParsedInvitation out;
  if (icalproperty* m = icalcomponent_get_first_property(cal.get(), ICAL_METHOD_PROPERTY))
    out.method = icalproperty_method_to_string(icalproperty_get_method(m));
  icalcomponent* vtz = icalcomponent_get_first_component(cal.get(), ICAL_VTIMEZONE_COMPONENT);
  out.has_vtimezone = vtz != nullptr;
  if (vtz != nullptr)
    if (icalproperty* id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)) out.tzid = icalproperty_get_tzid(id);
  icalcomponent* ev = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT);
  if (ev == nullptr) return Status::InvalidInput("no VEVENT");
  auto text = [](const char* s) { return s ? std::string(s) : std::string(); };
  out.uid = text(icalcomponent_get_uid(ev));
  out.summary = text(icalcomponent_get_summary(ev));
  out.location = text(icalcomponent_get_location(ev));
  out.description = text(icalcomponent_get_description(ev));
  out.sequence = icalcomponent_get_sequence(ev);
  if (icalproperty* st = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY))
    out.status = text(icalproperty_status_to_string(icalproperty_get_status(st)));
  // The wall time in its TZID's zone (an Olson name: the calendar's VTIMEZONE was written from that zone).
  auto instant = [&](icalproperty_kind kind) -> std::int64_t {
    icalproperty* p = icalcomponent_get_first_property(ev, kind);
    if (p == nullptr) return 0;
    icaltimetype t = icalvalue_get_datetime(icalproperty_get_value(p));
    icaltimezone* zone = icaltimezone_get_utc_timezone();
    if (icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER))
      if (icaltimezone* z = Zone(icalparameter_get_tzid(tzid))) zone = z;
    return static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, zone));
  };
  out.starts_at = instant(ICAL_DTSTART_PROPERTY);
  out.ends_at = instant(ICAL_DTEND_PROPERTY);
  for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY))
    out.attendees.push_back(text(icalproperty_get_attendee(p)));
  return out;
}

Result<LocalTime> ToLocal(std::int64_t unix_seconds, std::string_view tz) {
  std::lock_guard lock(IcalMutex());
  icaltimezone* zone = Zone(tz);
  if (zone == nullptr) return Status::InvalidInput("unknown time zone '" + std::string(tz) + "'");
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(unix_seconds), 0, zone);
  LocalTime l{t.year, t.month, t.day, t.hour, t.minute, t.second, 0};
  int is_daylight = 0;
  l.utc_offset_seconds = icaltimezone_get_utc_offset(zone, &t, &is_daylight);
  return l;
}

Result<std::int64_t> FromLocal(const LocalTime& local, std::string_view tz) {
  std::lock_guard lock(IcalMutex());
  icaltimezone* zone = Zone(tz);
  if (zone == nullptr) return Status::InvalidInput("unknown time zone '" + std::string(tz) + "'");
  if (local.month < 1 || local.month > 12 || local.day < 1 || local.day > 31 || local.hour < 0 || local.hour > 23 ||
      local.minute < 0 || local.minute > 59)
    return Status::InvalidInput("not a valid date and time");
  icaltimetype t = icaltime_null_time();
  t.year = local.year;
  t.month = local.month;
  t.day = local.day;
  t.hour = local.hour;
  t.minute = local.minute;
  t.second = local.second;
  t.is_date = 0;
  t.zone = zone;
  return static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, zone));
}

Result<std::string> FormatLocal(std::int64_t unix_seconds, std::string_view tz, bool date_only) {
  ST_ASSIGN_OR_RETURN(LocalTime l, ToLocal(unix_seconds, tz));
  char buf[96];
  if (date_only) {
    std::snprintf(buf, sizeof buf, "%d %s %d", l.day, kMonths[l.month - 1], l.year);
  } else {
    const int off = l.utc_offset_seconds / 60;
    std::snprintf(buf, sizeof buf, "%d %s %d, %02d:%02d (UTC%c%02d:%02d)", l.day, kMonths[l.month - 1], l.year, l.hour,
                  l.minute, off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
  }
  return std::string(buf);
}

}  // namespace st::events
