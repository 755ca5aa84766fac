#include "outreach/sequence.h"

#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace st::outreach {
namespace {

std::string Fold(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whole-word-ish containment: `needle` appears with no letter right before or after it.
bool Mentions(std::string_view hay, std::string_view needle) {
  for (size_t pos = hay.find(needle); pos != std::string_view::npos; pos = hay.find(needle, pos + 1)) {
    bool before = pos == 0 || !std::isalpha(static_cast<unsigned char>(hay[pos - 1]));
    size_t after = pos + needle.size();
    bool after_ok = after >= hay.size() || !std::isalpha(static_cast<unsigned char>(hay[after]));
    if (before && after_ok) return true;
  }
  return false;
}

struct Place {
  const char* name;  // lower case
  const char* zone;
};

// Cities first (more precise), then countries and their common spellings.
constexpr Place kCities[] = {
    {"san francisco", "America/Los_Angeles"}, {"palo alto", "America/Los_Angeles"},
    {"mountain view", "America/Los_Angeles"}, {"menlo park", "America/Los_Angeles"},
    {"berkeley", "America/Los_Angeles"},      {"stanford", "America/Los_Angeles"},
    {"los angeles", "America/Los_Angeles"},   {"seattle", "America/Los_Angeles"},
    {"redmond", "America/Los_Angeles"},       {"san diego", "America/Los_Angeles"},
    {"vancouver", "America/Vancouver"},       {"new york", "America/New_York"},
    {"boston", "America/New_York"},           {"cambridge, ma", "America/New_York"},
    {"pittsburgh", "America/New_York"},       {"princeton", "America/New_York"},
    {"toronto", "America/Toronto"},           {"montreal", "America/Toronto"},
    {"montréal", "America/Toronto"},          {"chicago", "America/Chicago"},
    {"austin", "America/Chicago"},            {"london", "Europe/London"},
    {"oxford", "Europe/London"},              {"cambridge", "Europe/London"},
    {"edinburgh", "Europe/London"},           {"paris", "Europe/Paris"},
    {"berlin", "Europe/Berlin"},              {"munich", "Europe/Berlin"},
    {"tübingen", "Europe/Berlin"},            {"tubingen", "Europe/Berlin"},
    {"zurich", "Europe/Zurich"},              {"zürich", "Europe/Zurich"},
    {"lausanne", "Europe/Zurich"},            {"amsterdam", "Europe/Amsterdam"},
    {"copenhagen", "Europe/Copenhagen"},      {"stockholm", "Europe/Stockholm"},
    {"tel aviv", "Asia/Jerusalem"},           {"beijing", "Asia/Shanghai"},
    {"shanghai", "Asia/Shanghai"},            {"hangzhou", "Asia/Shanghai"},
    {"shenzhen", "Asia/Shanghai"},            {"hong kong", "Asia/Hong_Kong"},
    {"tokyo", "Asia/Tokyo"},                  {"seoul", "Asia/Seoul"},
    {"singapore", "Asia/Singapore"},          {"bangalore", "Asia/Kolkata"},
    {"bengaluru", "Asia/Kolkata"},            {"sydney", "Australia/Sydney"},
    {"melbourne", "Australia/Melbourne"},
};
constexpr Place kCountries[] = {
    {"usa", "America/New_York"},          {"united states", "America/New_York"},
    {"uk", "Europe/London"},              {"united kingdom", "Europe/London"},
    {"england", "Europe/London"},         {"scotland", "Europe/London"},
    {"gb", "Europe/London"},              {"ireland", "Europe/Dublin"},
    {"france", "Europe/Paris"},           {"germany", "Europe/Berlin"},
    {"switzerland", "Europe/Zurich"},     {"netherlands", "Europe/Amsterdam"},
    {"belgium", "Europe/Brussels"},       {"italy", "Europe/Rome"},
    {"spain", "Europe/Madrid"},           {"sweden", "Europe/Stockholm"},
    {"denmark", "Europe/Copenhagen"},     {"finland", "Europe/Helsinki"},
    {"poland", "Europe/Warsaw"},          {"austria", "Europe/Vienna"},
    {"israel", "Asia/Jerusalem"},         {"china", "Asia/Shanghai"},
    {"hong kong", "Asia/Hong_Kong"},      {"taiwan", "Asia/Taipei"},
    {"japan", "Asia/Tokyo"},              {"korea", "Asia/Seoul"},
    {"singapore", "Asia/Singapore"},      {"india", "Asia/Kolkata"},
    {"australia", "Australia/Sydney"},    {"brazil", "America/Sao_Paulo"},
    {"uae", "Asia/Dubai"},                {"united arab emirates", "Asia/Dubai"},
    // Well-known institutions whose names carry no place.
    {"tsinghua", "Asia/Shanghai"},        {"peking university", "Asia/Shanghai"},
    {"mit", "America/New_York"},          {"massachusetts institute of technology", "America/New_York"},
    {"harvard", "America/New_York"},      {"carnegie mellon", "America/New_York"},
    {"stanford", "America/Los_Angeles"},  {"uc berkeley", "America/Los_Angeles"},
    {"university of california", "America/Los_Angeles"},
    {"university of washington", "America/Los_Angeles"},
    {"eth", "Europe/Zurich"},             {"epfl", "Europe/Zurich"},
    {"kaist", "Asia/Seoul"},              {"mila", "America/Toronto"},
    {"university of oxford", "Europe/London"}, {"ucl", "Europe/London"},
};

std::mutex& IcalMutex() {
  static std::mutex mu;  // libical's built-in zone cache is filled lazily
  return mu;
}

icaltimezone* Zone(std::string_view name) {
  if (name == "UTC") return icaltimezone_get_utc_timezone();
  return icaltimezone_get_builtin_timezone(std::string(name).c_str());
}

}  // namespace

std::optional<std::string> GuessTimeZone(std::string_view city, std::string_view org_or_country) {
  for (std::string_view text : {city, org_or_country}) {
    const std::string t = Fold(text);
    if (t.empty()) continue;
    for (const Place& p : kCities)
      if (Mentions(t, p.name)) return p.zone;
    for (const Place& p : kCountries)
      if (Mentions(t, p.name)) return p.zone;
  }
  return std::nullopt;
}

bool IsKnownTimeZone(std::string_view zone) {
  if (zone.empty() || zone.size() > 64) return false;
  std::lock_guard lock(IcalMutex());
  return Zone(zone) != nullptr;
}

Result<LocalTime> ToLocal(std::int64_t unix_seconds, std::string_view zone) {
  std::lock_guard lock(IcalMutex());
  icaltimezone* z = Zone(zone);
  if (z == nullptr) return Status::InvalidInput("field 'time_zone': unknown time zone '" + std::string(zone) + "'");
  icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(unix_seconds), 0, icaltimezone_get_utc_timezone());
  icaltimezone_convert_time(&t, icaltimezone_get_utc_timezone(), z);
  LocalTime lt;
  lt.year = t.year;
  lt.month = t.month;
  lt.day = t.day;
  lt.hour = t.hour;
  lt.minute = t.minute;
  lt.second = t.second;
  lt.weekday = icaltime_day_of_week(t) - 1;  // libical: 1 = Sunday
  return lt;
}

Result<std::int64_t> NextInWindow(std::int64_t t, std::string_view zone, const OutreachSettings& s) {
  // At most two weeks of hourly steps: a window always exists (start < end, at least one weekday).
  for (int step = 0; step < 24 * 15; ++step) {
    ST_ASSIGN_OR_RETURN(LocalTime lt, ToLocal(t, zone));
    const bool day_ok = !s.weekdays_only || (lt.weekday >= 1 && lt.weekday <= 5);
    if (day_ok && lt.hour >= s.window_start_hour && lt.hour < s.window_end_hour) return t;
    t += (60 - lt.minute) * 60 - lt.second;  // the next local hour boundary
  }
  return Status::Internal("no send window found within two weeks");
}

Result<std::int64_t> AddBusinessDays(std::int64_t t, int n, std::string_view zone) {
  int added = 0;
  while (added < n) {
    t += 86400;
    ST_ASSIGN_OR_RETURN(LocalTime lt, ToLocal(t, zone));
    if (lt.weekday >= 1 && lt.weekday <= 5) ++added;
  }
  return t;
}

std::string_view ThreadStateName(ThreadState s) {
  static constexpr std::string_view kNames[] = {"active", "replied", "bounced", "opted_out", "stopped", "completed"};
  return kNames[static_cast<int>(s)];
}

std::optional<ThreadState> ParseThreadState(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ThreadState::kCompleted); ++i)
    if (ThreadStateName(static_cast<ThreadState>(i)) == name) return static_cast<ThreadState>(i);
  return std::nullopt;
}

SequenceDecision DecideFollowUp(const SequenceView& v, const OutreachSettings& s, std::string_view zone,
                                std::int64_t now) {
  SequenceDecision d;
  auto stop = [&](ThreadState state, std::string reason) {
    d.kind = SequenceDecision::kStop;
    d.stop_state = state;
    d.reason = std::move(reason);
    return d;
  };
  if (v.state != ThreadState::kActive) return stop(v.state, std::string(ThreadStateName(v.state)));
  if (v.suppressed) return stop(ThreadState::kOptedOut, "address is on the suppression list");
  if (v.person_stage != campaign::Stage::kIdentified && v.person_stage != campaign::Stage::kContacted)
    return stop(ThreadState::kStopped,
                "candidate moved to " + std::string(campaign::StageName(v.person_stage)));
  if (v.follow_ups_sent >= s.max_follow_ups) return stop(ThreadState::kCompleted, "all follow-ups sent");
  if (v.has_pending || v.last_sent_at == 0) return d;  // wait for the previous message's outcome
  auto after = AddBusinessDays(v.last_sent_at, s.follow_up_business_days, zone);
  if (!after.ok()) return stop(ThreadState::kStopped, after.status().message());
  auto due = NextInWindow(*after, zone, s);
  if (!due.ok()) return stop(ThreadState::kStopped, due.status().message());
  d.due_at = *due;
  d.kind = *due <= now ? SequenceDecision::kDue : SequenceDecision::kWait;
  return d;
}

}  // namespace st::outreach
