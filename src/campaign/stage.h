// Pipeline stages of a campaign and the moves allowed between them.
//
// identified → contacted → replied → meeting → offer → accepted → joined,
// with declined (from offer) and withdrawn (from any open stage). Pure
// domain: no I/O, thread-safe (only constant tables).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "campaign/role.h"

namespace st::campaign {

enum class Stage {
  kIdentified = 0,
  kContacted,
  kReplied,
  kMeeting,
  kOffer,
  kAccepted,
  kDeclined,
  kJoined,
  kWithdrawn,
};
inline constexpr int kStageCount = 9;

// All stages in board order (the order of the enum).
const std::array<Stage, kStageCount>& AllStages();

// "identified", "contacted", … — the stable names used in the API and the store.
std::string_view StageName(Stage stage);

// Inverse of StageName; nullopt for anything else (case-sensitive).
std::optional<Stage> ParseStage(std::string_view name);

// True if a person may move from `from` to `to`. Moving to the same stage is
// not a move (false). The rules, and why, are in stage.cc.
bool IsTransitionAllowed(Stage from, Stage to);

// OK, or kInvalidInput naming field "stage" and both stages when refused.
Status CheckTransition(Stage from, Stage to);

// Stages a person can still move out of by normal progress (not joined,
// declined or withdrawn). Used for "open pipeline" counts.
bool IsOpen(Stage stage);

// ---- the no-interview path (issue 10)
// A move to offer from identified, contacted or replied skips the meeting.
// It is the seeds' policy, not a free move: it needs the person's score at or
// above the campaign's threshold (min_score > 0), or the CEO's override with a
// reason; the store records which and who in the stage history.
bool SkipsMeeting(Stage from, Stage to);

struct MeetingSkip {
  std::optional<double> score;  // the person's score, if known
  double min_score = 0;         // campaign setting; 0 = no score is enough
  Role role = Role::kViewer;    // who asks
  std::string_view reason;      // why (required for an override)
};

// The stage-history note for an allowed skip ("no interview: score 0.93 ≥
// 0.90 — <reason>", "no interview: CEO override — <reason>"), or kForbidden
// naming what is missing.
Result<std::string> CheckMeetingSkip(const MeetingSkip& skip);

}  // namespace st::campaign
