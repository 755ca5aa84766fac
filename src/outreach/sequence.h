// Sequence rules: when a follow-up is due (N business days after the last message, in the same thread),
// the send window in the candidate's local time, and when a sequence stops for good. The time zone comes
// from the candidate's city or their organisation's country (editable per thread); zone arithmetic uses
// the system's tz database through libical. Pure apart from reading /usr/share/zoneinfo; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "campaign/stage.h"
#include "outreach/settings.h"

namespace st::outreach {

// A best guess of an IANA zone from free text naming a city and/or country ("Zürich", "London, UK",
// "Google DeepMind, London", "Tsinghua University, China"); nullopt when nothing is recognised.
std::optional<std::string> GuessTimeZone(std::string_view city, std::string_view org_or_country);
// True if the tz database knows the zone ("Europe/Berlin").
bool IsKnownTimeZone(std::string_view zone);

struct LocalTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int weekday = 0;  // 0 = Sunday
};
// kInvalidInput for an unknown zone.
Result<LocalTime> ToLocal(std::int64_t unix_seconds, std::string_view zone);

// The first instant ≥ t inside [window_start_hour, window_end_hour) local time (weekdays only if set).
Result<std::int64_t> NextInWindow(std::int64_t t, std::string_view zone, const OutreachSettings& s);
// t plus n business days (Mon–Fri in the zone), same time of day.
Result<std::int64_t> AddBusinessDays(std::int64_t t, int n, std::string_view zone);

enum class ThreadState { kActive = 0, kReplied, kBounced, kOptedOut, kStopped, kCompleted };
std::string_view ThreadStateName(ThreadState s);  // "active", "replied", "bounced", "opted_out", "stopped", "completed"
std::optional<ThreadState> ParseThreadState(std::string_view name);

struct SequenceView {
  ThreadState state = ThreadState::kActive;
  int follow_ups_sent = 0;
  std::int64_t last_sent_at = 0;        // the last outgoing message's sent time (0 = nothing sent yet)
  bool has_pending = false;             // an outgoing message is queued, sending or unknown
  campaign::Stage person_stage = campaign::Stage::kContacted;
  bool suppressed = false;              // the address is on the suppression list
};

struct SequenceDecision {
  enum Kind { kWait, kDue, kStop } kind = kWait;
  std::int64_t due_at = 0;   // kWait/kDue: when the next follow-up may go
  ThreadState stop_state = ThreadState::kStopped;  // kStop: the state to record
  std::string reason;        // kStop: "replied", "candidate moved to meeting", …
};

// Stops on a reply, bounce or opt-out (state), a suppressed address, a stage past `contacted`, or when all
// follow-ups are sent; opens and clicks are not inputs at all. Otherwise due at NextInWindow(last + N
// business days).
SequenceDecision DecideFollowUp(const SequenceView& v, const OutreachSettings& s, std::string_view zone,
                                std::int64_t now);

}  // namespace st::outreach
