// Dinners and events: what one is, the invitations and answers, the checks on
// them, and who to invite. Pure domain (the store persists, web/ maps JSON,
// ical.h writes the iCalendar invitations). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "campaign/stage.h"

namespace st::events {

enum class EventKind { kDinner = 0, kEvent };
std::string_view EventKindName(EventKind k);  // "dinner" | "event"
std::optional<EventKind> ParseEventKind(std::string_view s);

enum class EventStatus { kPlanned = 0, kCancelled };
std::string_view EventStatusName(EventStatus s);  // "planned" | "cancelled"

enum class Rsvp { kInvited = 0, kYes, kNo, kMaybe };
std::string_view RsvpName(Rsvp r);  // "invited" | "yes" | "no" | "maybe"
std::optional<Rsvp> ParseRsvp(std::string_view s);

struct Event {
  std::int64_t id = 0;
  std::string title;    // "Dinner at Palo Alto"
  EventKind kind = EventKind::kDinner;
  std::string place;    // "Palo Alto house" or a venue's name
  std::string address;  // street address for the invitation (LOCATION), may be ""
  std::string city, country;  // gazetteer city and ISO code
  std::optional<double> lat, lon;
  std::string tz;       // IANA zone the times are shown in
  std::int64_t starts_at = 0, ends_at = 0;  // unix seconds UTC
  int capacity = 0;     // seats
  std::int64_t host_user_id = 0;
  std::string host;     // host's username (read-only, from the store)
  std::string notes;
  EventStatus status = EventStatus::kPlanned;
  std::string uid;      // iCalendar UID, stable for the event's life
  int sequence = 0;     // iCalendar SEQUENCE: raised on every change that invitees see
  std::int64_t version = 1;
  std::int64_t created_at = 0, updated_at = 0;
};

// A create or update: only the set members change.
struct EventPatch {
  std::optional<std::string> title, place, address, city, country, tz, notes;
  std::optional<EventKind> kind;
  std::optional<std::optional<double>> lat, lon;
  std::optional<std::int64_t> starts_at, ends_at, host_user_id;
  std::optional<int> capacity;
  bool empty() const;
};
void ApplyPatch(const EventPatch& patch, Event& e);

// Field checks; errors name the field: "field 'ends_at': must be after starts_at".
Status ValidateEvent(const Event& e);

struct Invite {
  std::int64_t event_id = 0;
  std::int64_t person_id = 0;
  std::string person_name, email, org;  // from the person (read-only)
  Rsvp status = Rsvp::kInvited;
  std::string dietary;  // personal data: exported and erased with the person
  std::int64_t invited_at = 0;
  std::int64_t responded_at = 0;  // 0 = no answer yet
  int mailed_sequence = -1;       // the invitation's SEQUENCE last e-mailed to them; -1 = never
};
Status ValidateDietary(std::string_view dietary);  // ≤ 500 characters, no control characters

struct InviteCounts {
  std::int64_t invited = 0;  // all invitations
  std::int64_t yes = 0, no = 0, maybe = 0, pending = 0;
};
InviteCounts CountInvites(const std::vector<Invite>& invites);
// Seats taken or held: yes + maybe + not yet answered (a "no" frees its seat).
std::int64_t SeatsHeld(const InviteCounts& c);

// A person who could be invited.
struct Prospect {
  std::int64_t person_id = 0;
  std::string name, org, city;
  campaign::Stage stage = campaign::Stage::kIdentified;
  double strength = 0;
  std::optional<double> km;  // distance to the event; nullopt when the person has no located city
};
struct Suggestion {
  const Prospect* prospect = nullptr;
  std::string reason;  // "near (12 km), meeting stage" | "worth flying in: top strength, offer stage"
};
// Who to invite: open-stage candidates within `near_km`, by stage then
// strength; then the strongest quarter of the rest ("worth flying in"), by
// stage then strength. Closed stages and `exclude` are left out.
std::vector<Suggestion> SuggestInvitees(const std::vector<Prospect>& pool, double near_km, size_t limit,
                                        const std::vector<std::int64_t>& exclude);

}  // namespace st::events
