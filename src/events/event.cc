#include "events/event.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>

#include "places/trip.h"

namespace st::events {
namespace {

constexpr std::array<std::string_view, 2> kKinds = {"dinner", "event"};
constexpr std::array<std::string_view, 2> kStatuses = {"planned", "cancelled"};
constexpr std::array<std::string_view, 4> kRsvps = {"invited", "yes", "no", "maybe"};

// Length in code points; false on control characters (tab and newline allowed when multiline).
bool TextOk(std::string_view s, size_t max_chars, bool multiline) {
  size_t chars = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) return false;
    if (c == 0x7F) return false;
  }
  return chars <= max_chars;
}

Status CheckText(std::string_view field, std::string_view s, size_t max_chars, bool required, bool multiline = false) {
  if (required && s.find_first_not_of(" \t") == std::string_view::npos)
    return Status::InvalidInput("field '" + std::string(field) + "': required");
  if (!TextOk(s, max_chars, multiline))
    return Status::InvalidInput("field '" + std::string(field) + "': at most " + std::to_string(max_chars) +
                                " characters, no control characters");
  return Status::Ok();
}

}  // namespace

std::string_view EventKindName(EventKind k) { return kKinds[static_cast<size_t>(k)]; }
std::optional<EventKind> ParseEventKind(std::string_view s) {
  for (size_t i = 0; i < kKinds.size(); ++i)
    if (kKinds[i] == s) return static_cast<EventKind>(i);
  return std::nullopt;
}
std::string_view EventStatusName(EventStatus s) { return kStatuses[static_cast<size_t>(s)]; }
std::string_view RsvpName(Rsvp r) { return kRsvps[static_cast<size_t>(r)]; }
std::optional<Rsvp> ParseRsvp(std::string_view s) {
  for (size_t i = 0; i < kRsvps.size(); ++i)
    if (kRsvps[i] == s) return static_cast<Rsvp>(i);
  return std::nullopt;
}

bool EventPatch::empty() const {
  return !title && !place && !address && !city && !country && !tz && !notes && !kind && !lat && !lon && !starts_at &&
         !ends_at && !host_user_id && !capacity;
}

void ApplyPatch(const EventPatch& p, Event& e) {
  if (p.title) e.title = *p.title;
  if (p.place) e.place = *p.place;
  if (p.address) e.address = *p.address;
  if (p.city) e.city = *p.city;
  if (p.country) e.country = *p.country;
  if (p.tz) e.tz = *p.tz;
  if (p.notes) e.notes = *p.notes;
  if (p.kind) e.kind = *p.kind;
  if (p.lat) e.lat = *p.lat;
  if (p.lon) e.lon = *p.lon;
  if (p.starts_at) e.starts_at = *p.starts_at;
  if (p.ends_at) e.ends_at = *p.ends_at;
  if (p.host_user_id) e.host_user_id = *p.host_user_id;
  if (p.capacity) e.capacity = *p.capacity;
}

Status ValidateEvent(const Event& e) {
  ST_RETURN_IF_ERROR(CheckText("title", e.title, 200, true));
  ST_RETURN_IF_ERROR(CheckText("place", e.place, 200, true));
  ST_RETURN_IF_ERROR(CheckText("address", e.address, 500, false));
  ST_RETURN_IF_ERROR(CheckText("city", e.city, 200, false));
  ST_RETURN_IF_ERROR(CheckText("notes", e.notes, 10000, false, true));
  if (!e.country.empty() && (e.country.size() != 2 || !std::isupper(static_cast<unsigned char>(e.country[0])) ||
                             !std::isupper(static_cast<unsigned char>(e.country[1]))))
    return Status::InvalidInput("field 'country': an ISO 3166 alpha-2 code such as US");
  if (e.tz.empty() || !TextOk(e.tz, 64, false) || (e.tz.find('/') == std::string::npos && e.tz != "UTC"))
    return Status::InvalidInput("field 'tz': an IANA time zone such as America/Los_Angeles");
  if (e.lat.has_value() != e.lon.has_value()) return Status::InvalidInput("field 'lat': give lat and lon together");
  if (e.lat && (!std::isfinite(*e.lat) || std::fabs(*e.lat) > 90 || !std::isfinite(*e.lon) || std::fabs(*e.lon) > 180))
    return Status::InvalidInput("field 'lat': coordinates out of range");
  if (e.starts_at <= 0) return Status::InvalidInput("field 'starts_at': required (unix seconds)");
  if (e.ends_at <= e.starts_at) return Status::InvalidInput("field 'ends_at': must be after starts_at");
  if (e.ends_at - e.starts_at > 14 * 24 * 3600) return Status::InvalidInput("field 'ends_at': at most 14 days after starts_at");
  if (e.capacity < 1 || e.capacity > 1000) return Status::InvalidInput("field 'capacity': 1..1000 seats");
  return Status::Ok();
}

Status ValidateDietary(std::string_view dietary) { return CheckText("dietary", dietary, 500, false); }

InviteCounts CountInvites(const std::vector<Invite>& invites) {
  InviteCounts c;
  for (const Invite& i : invites) {
    ++c.invited;
    switch (i.status) {
      case Rsvp::kYes: ++c.yes; break;
      case Rsvp::kNo: ++c.no; break;
      case Rsvp::kMaybe: ++c.maybe; break;
      case Rsvp::kInvited: ++c.pending; break;
    }
  }
  return c;
}

std::int64_t SeatsHeld(const InviteCounts& c) { return c.yes + c.maybe + c.pending; }

std::vector<Suggestion> SuggestInvitees(const std::vector<Prospect>& pool, double near_km, size_t limit,
                                        const std::vector<std::int64_t>& exclude) {
  const std::set<std::int64_t> skip(exclude.begin(), exclude.end());
  std::vector<const Prospect*> near, far;
  for (const Prospect& p : pool) {
    if (skip.count(p.person_id) || places::StagePriority(p.stage) == 0) continue;
    (p.km && *p.km <= near_km ? near : far).push_back(&p);
  }
  auto by_priority = [](const Prospect* a, const Prospect* b) {
    const int pa = places::StagePriority(a->stage), pb = places::StagePriority(b->stage);
    if (pa != pb) return pa > pb;
    if (a->strength != b->strength) return a->strength > b->strength;
    return a->person_id < b->person_id;
  };
  std::sort(near.begin(), near.end(), by_priority);
  std::vector<double> strengths;
  for (const Prospect* p : far) strengths.push_back(p->strength);
  std::sort(strengths.begin(), strengths.end());
  const double top_quarter = strengths.empty() ? 0 : strengths[strengths.size() * 3 / 4];
  std::erase_if(far, [&](const Prospect* p) { return p->strength < top_quarter; });
  std::sort(far.begin(), far.end(), by_priority);
  std::vector<Suggestion> out;
  char km[32];
  for (const Prospect* p : near) {
    if (out.size() >= limit) break;
    std::snprintf(km, sizeof km, "%.0f", *p->km);
    out.push_back({p, "near (" + std::string(km) + " km), " + std::string(campaign::StageName(p->stage)) + " stage"});
  }
  for (const Prospect* p : far) {
    if (out.size() >= limit) break;
    std::string where = p->km ? (std::snprintf(km, sizeof km, "%.0f", *p->km), std::string(km) + " km away")
                              : std::string("location unknown");
    out.push_back({p, "worth flying in: top-quarter strength, " + std::string(campaign::StageName(p->stage)) +
                          " stage, " + where});
  }
  return out;
}

}  // namespace st::events
