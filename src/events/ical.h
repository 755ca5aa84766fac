// iCalendar (RFC 5545) invitations and IANA time-zone arithmetic through
// libical (Debian libical-dev) — the one file that includes it. Invitations
// are iTIP (RFC 5546): METHOD:REQUEST with the event's VTIMEZONE (the tzdata
// zone, TZID renamed to its Olson name: python3-icalendar refuses libical's
// "/freeassociation.sourceforge.net/" prefix), DTSTART/DTEND with TZID,
// ORGANIZER, one ATTENDEE per invitee with RSVP=TRUE and PARTSTAT from their
// answer, SEQUENCE = the event's sequence (raised on every change), and
// METHOD:CANCEL with STATUS:CANCELLED when the event is called off. libical
// escapes TEXT values (commas, semicolons), folds lines at 75 octets and ends
// them with CRLF. Thread-safe (libical's zone cache is guarded here).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "events/event.h"

namespace st::events {

struct CalendarPerson {
  std::string name;
  std::string email;  // "" -> an address under the reserved .invalid domain (never delivered)
  Rsvp answer = Rsvp::kInvited;  // attendees only
  std::int64_t person_id = 0;    // for the .invalid address
};

enum class IcsMethod { kRequest, kCancel };

// The invitation as iCalendar text. kInvalidInput when the zone is unknown.
Result<std::string> InvitationIcs(const Event& e, const CalendarPerson& organizer,
                                  const std::vector<CalendarPerson>& attendees, IcsMethod method, std::int64_t now);

// The parts of an invitation the tests and the API check, read back with libical.
struct ParsedInvitation {
  std::string method;  // "REQUEST" | "CANCEL"
  std::string uid, summary, location, description, status, tzid;
  int sequence = 0;
  std::int64_t starts_at = 0, ends_at = 0;  // unix seconds
  std::vector<std::string> attendees;       // "mailto:..." values
  bool has_vtimezone = false;
};
Result<ParsedInvitation> ParseInvitation(std::string_view ics);

// Wall-clock time in a zone.
struct LocalTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int utc_offset_seconds = 0;  // at that moment (daylight saving included)
};
bool KnownTimeZone(std::string_view tz);
Result<LocalTime> ToLocal(std::int64_t unix_seconds, std::string_view tz);
// The unix time of a wall-clock time in `tz` (the first of two in a fall-back hour).
Result<std::int64_t> FromLocal(const LocalTime& local, std::string_view tz);
// "12 March 2027, 19:00 PST"-style text for lists: "12 March 2027" (date_only) or with the time and offset.
Result<std::string> FormatLocal(std::int64_t unix_seconds, std::string_view tz, bool date_only);

}  // namespace st::events
