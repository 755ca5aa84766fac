#include "campaign/stage.h"

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

}  // namespace st::campaign
