#include "campaign/stage.h"

#include <cstdio>
#include <string>

namespace st::campaign {
namespace {

constexpr std::array<Stage, kStageCount> kAll = {
    Stage::kIdentified, Stage::kContacted, Stage::kReplied, Stage::kMeeting, Stage::kOffer,
    Stage::kAccepted,   Stage::kDeclined,  Stage::kJoined,  Stage::kWithdrawn,
};

constexpr std::array<std::string_view, kStageCount> kNames = {
    "identified", "contacted", "replied", "meeting", "offer", "accepted", "declined", "joined", "withdrawn",
};

int Index(Stage s) { return static_cast<int>(s); }

}  // namespace

const std::array<Stage, kStageCount>& AllStages() { return kAll; }

std::string_view StageName(Stage stage) { return kNames[Index(stage)]; }

std::optional<Stage> ParseStage(std::string_view name) {
  for (int i = 0; i < kStageCount; ++i)
    if (kNames[i] == name) return kAll[i];
  return std::nullopt;
}

bool IsOpen(Stage stage) {
  return stage != Stage::kJoined && stage != Stage::kDeclined && stage != Stage::kWithdrawn;
}

// The outreach stages form a ladder. Real campaigns skip rungs (the CEO e-mails
// and the candidate books a meeting directly), so any forward move up to
// "offer" is allowed, and one step back (a meeting falls through → replied).
// Never two or more steps back (replied → identified, offer → replied): a step
// back undoes the one step that fell through; anything further rewrites what
// the timeline and funnel already count — starting over is withdrawn, then
// identified. Decisions are only possible on an offer, joining only after
// accepting. declined → offer is the counter-offer; declined is left only that
// way or by withdrawing (not declined → identified), so a decline stays a
// decline. withdrawn → identified reopens a person. Joined is final: leaving is
// recorded on the staff record, not here. (stage_test.cc lists the refusals.)
bool IsTransitionAllowed(Stage from, Stage to) {
  if (from == to) return false;
  const int f = Index(from), t = Index(to);
  const int offer = Index(Stage::kOffer);
  switch (to) {
    case Stage::kWithdrawn:
      return from != Stage::kJoined;
    case Stage::kAccepted:
    case Stage::kDeclined:
      return from == Stage::kOffer || (from == Stage::kAccepted && to == Stage::kDeclined);
    case Stage::kJoined:
      return from == Stage::kAccepted;
    default:
      break;
  }
  // `to` is on the ladder identified..offer.
  if (from == Stage::kWithdrawn) return to == Stage::kIdentified;
  if (from == Stage::kDeclined) return to == Stage::kOffer;
  if (from == Stage::kAccepted || from == Stage::kJoined) return false;
  return t > f ? t <= offer : t == f - 1;
}

Status CheckTransition(Stage from, Stage to) {
  if (IsTransitionAllowed(from, to)) return Status::Ok();
  return Status::InvalidInput("field 'stage': cannot move from " + std::string(StageName(from)) + " to " +
                              std::string(StageName(to)));
}

bool SkipsMeeting(Stage from, Stage to) {
  return to == Stage::kOffer &&
         (from == Stage::kIdentified || from == Stage::kContacted || from == Stage::kReplied);
}

Result<std::string> CheckMeetingSkip(const MeetingSkip& skip) {
  auto two = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return std::string(buf);
  };
  const std::string why = skip.reason.empty() ? "" : " — " + std::string(skip.reason);
  if (skip.min_score > 0 && skip.score && *skip.score >= skip.min_score)
    return "no interview: score " + two(*skip.score) + " ≥ " + two(skip.min_score) + why;
  if (skip.role == Role::kCeo) {
    if (skip.reason.empty()) return Status::InvalidInput("field 'reason': a CEO override needs a reason");
    return "no interview: CEO override" + why;
  }
  std::string have = skip.score ? "score " + two(*skip.score) : std::string("no score");
  if (skip.min_score > 0)
    return Status::Forbidden("skipping the meeting needs a score ≥ " + two(skip.min_score) + " (" + have +
                             ") or the CEO's override");
  return Status::Forbidden("skipping the meeting needs the CEO's override (no score threshold is set)");
}

}  // namespace st::campaign
