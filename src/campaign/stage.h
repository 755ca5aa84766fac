// Pipeline stages of a campaign and the moves allowed between them.
//
// identified → contacted → replied → meeting → offer → accepted → joined,
// with declined (from offer) and withdrawn (from any open stage). Pure
// domain: no I/O, thread-safe (only constant tables).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "base/status.h"

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

}  // namespace st::campaign
