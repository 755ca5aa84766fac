// Offer policy: salary/equity bands per level and track, the approval chain an
// offer needs (in band: HR; out of band: HR then CEO; configurable, N-of-M per
// step; a team promise over the span-of-control cap adds a CEO step), the
// offer's states and the moves between them. The typed settings live here
// with their defaults and a validating FromJson. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"
#include "campaign/role.h"
#include "offers/fx.h"
#include "offers/terms.h"

namespace st::offers {

enum class OfferState { kDraft = 0, kPendingApproval, kApproved, kSent, kAccepted, kDeclined, kExpired, kWithdrawn };
inline constexpr int kOfferStateCount = 8;
std::string_view OfferStateName(OfferState s);  // "draft", "pending_approval", "approved", "sent", …
std::optional<OfferState> ParseOfferState(std::string_view name);
// draft → pending_approval → approved → sent → accepted | declined | expired;
// withdrawn from any open state; pending_approval → draft (rejected).
bool IsOfferMoveAllowed(OfferState from, OfferState to);
bool IsOfferOpen(OfferState s);  // draft, pending_approval, approved, sent

struct Band {
  std::string level;  // "L6"
  std::string track;  // "research"
  Currency currency = Currency::kUsd;
  std::int64_t base_min_minor = 0, base_max_minor = 0;
  std::int64_t equity_min_minor = 0, equity_max_minor = 0;  // grant value
  std::int64_t sign_on_max_minor = 0;
};

struct ApprovalStep {
  campaign::Role role = campaign::Role::kHr;
  int required = 1;  // N approvals from distinct users of the role (of the M users holding it)
  friend bool operator==(const ApprovalStep&, const ApprovalStep&) = default;
};

struct OfferSettings {
  std::vector<Band> bands;                       // default: none (every offer is out of band)
  std::vector<ApprovalStep> in_band_chain = {{campaign::Role::kHr, 1}};
  std::vector<ApprovalStep> out_of_band_chain = {{campaign::Role::kHr, 1}, {campaign::Role::kCeo, 1}};
  FxTable fx;                                    // default: empty (bands in another currency need rates)
  // The no-interview path: contacted/replied → offer without a meeting when the
  // person's score is at least this (0 = only with a CEO override).
  double no_interview_min_score = 0;
  // The candidate link: requests per token per minute.
  int link_requests_per_minute = 30;
  // The letter template: "" = letter.mustache next to the database (copied from the default on first use).
  std::string letter_template;
};

// The settings key under campaign settings ("offers") and its parser:
// kInvalidInput naming the field ("offers.bands[2].base_max: …"). Missing keys keep their defaults.
inline constexpr std::string_view kOfferSettingsKey = "offers";
Result<OfferSettings> OfferSettingsFromJson(const nlohmann::json& j);
nlohmann::json OfferSettingsToJson(const OfferSettings& s);  // FromJson(ToJson(s)) == s

struct BandCheck {
  bool in_band = false;
  const Band* band = nullptr;  // the band of the offer's level/track, if any
  std::string reason;          // why not: "no band for L9/research", "base $900,000 above the band's $600,000"
};
// Compares in the band's currency at the FX rates of `day`.
Result<BandCheck> CheckBand(const OfferSettings& s, const OfferTerms& t, Day day);

// The chain for an offer: in or out of band, plus a CEO step (1 of M) when a
// team promise would push its manager over the direct-report cap and the
// chain has no CEO step yet.
std::vector<ApprovalStep> ChainFor(const OfferSettings& s, bool in_band, bool over_report_cap);

struct Approval {
  std::int64_t user_id = 0;
  campaign::Role role = campaign::Role::kHr;
  int step = 0;
};

// Index of the first step without enough approvals; chain.size() when complete.
int CurrentStep(const std::vector<ApprovalStep>& chain, const std::vector<Approval>& approvals);

// OK if `user_id` with `role` may approve the current step now: kForbidden
// naming the role the step needs, kConflict when that user already approved
// this version or the chain is complete.
Status CheckCanApprove(const std::vector<ApprovalStep>& chain, const std::vector<Approval>& approvals,
                       std::int64_t user_id, campaign::Role role);

}  // namespace st::offers
