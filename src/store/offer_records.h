// The offer records the Store hands out (issue 10): an offer on a person with
// its current version, approvals, state and the candidate link. Separate from
// store.h to keep that file's offers block small.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "campaign/role.h"
#include "offers/approval.h"
#include "offers/terms.h"

namespace st::store {

// One approval of one step, for offers and counter-offers alike (store/approval_rows.h).
struct ApprovalRecord {
  std::int64_t user_id = 0;
  std::string username;
  campaign::Role role = campaign::Role::kHr;
  int step = 0;  // index into the version's chain
  std::int64_t at = 0;
  std::string note;
};

// The chain's view of them (offers::CurrentStep, CheckCanApprove).
std::vector<offers::Approval> ChainApprovals(const std::vector<ApprovalRecord>& approvals);
// True when `role` holds the chain's current step: the approval queues, and who may reject.
bool AwaitsRole(const std::vector<offers::ApprovalStep>& chain, const std::vector<ApprovalRecord>& approvals,
                campaign::Role role);

// One immutable version of an offer's terms and what the policy made of them.
struct OfferVersionRecord {
  int version = 1;
  offers::OfferTerms terms;   // money fields zeroed when money_visible is false on the offer
  bool in_band = false;
  std::string band_reason;    // "" when in band
  std::vector<offers::ApprovalStep> chain;
  bool over_report_cap = false;
  std::string report_cap_note;  // "staff 3 has 8 direct reports (cap 8)"
  std::int64_t created_at = 0;
  std::string created_by;
};

struct OfferRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string person_name;
  offers::OfferState state = offers::OfferState::kDraft;
  std::int64_t row_version = 1;  // optimistic concurrency of the offer row
  OfferVersionRecord current;
  std::vector<ApprovalRecord> approvals;  // of the current version; voided ones are gone
  int sent_version = 0;                        // 0 = never sent
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t decided_at = 0;
  bool money_visible = false;                  // the actor may see compensation (and this read was audited)
};

// SendOffer's answer: the candidate link token is shown once (only its hash is stored).
struct SentOffer {
  OfferRecord offer;
  std::string link_token;  // 64 hex chars = 256 random bits
  std::int64_t link_expires_at = 0;
};

// What the candidate link opens: the sent version and its state.
struct CandidateOffer {
  OfferRecord offer;  // money visible: it is the candidate's own offer
};

}  // namespace st::store
