// The retention records the Store hands out (issue 11): rival offers a staff
// member holds, our counter-offers (offer terms through the offers' approval
// chain and ledger checks), outcomes, and what a staff import did. Separate
// from store.h to keep that file's retention block small.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "campaign/role.h"
#include "offers/approval.h"
#include "offers/terms.h"
#include "store/offer_records.h"

namespace st::store {

struct RivalOffer {
  std::int64_t id = 0;
  std::int64_t staff_id = 0;
  std::string company;
  offers::OfferTerms terms;       // the same model as our offers
  std::int32_t deadline_day = 0;  // 0 = none stated
  std::string source;             // "told by the staff member", "offer letter seen", …
  std::string created_by;
  std::int64_t created_at = 0;
};

struct RivalOfferInput {
  std::string company;
  offers::OfferTerms terms;
  std::int32_t deadline_day = 0;
  std::string source;
};

// A counter-offer: its state, terms and chain follow the offers model
// (offers::OfferState, ChainFor, CheckCanApprove); editing writes the next
// terms_version and voids the approvals.
struct CounterRecord {
  std::int64_t id = 0;
  std::int64_t staff_id = 0;
  std::string staff_name;
  std::int64_t rival_offer_id = 0;  // 0 = none
  offers::OfferState state = offers::OfferState::kDraft;
  int terms_version = 1;
  std::int64_t row_version = 1;
  offers::OfferTerms terms;
  bool in_band = false;
  std::string band_reason;
  std::vector<offers::ApprovalStep> chain;
  std::vector<ApprovalRecord> approvals;  // of the current terms version
  std::string note;                        // why: the policy's reasons when suggested
  std::string created_by;
  std::int64_t created_at = 0, updated_at = 0, decided_at = 0;
};

enum class CounterAction { kSubmit, kApprove, kReject, kPresent, kWithdraw };

struct RetentionOutcome {
  std::int64_t id = 0;
  std::int64_t staff_id = 0;    // 0 once erased
  std::int64_t counter_id = 0;  // 0 = no counter
  std::string outcome;          // "stayed" | "left"
  std::string to_company;       // when left: to whom
  std::int64_t at = 0;
};

struct StaffImportSummary {
  std::int64_t rows = 0, created = 0, updated = 0, unchanged = 0;
};

// A staff member's link to a talent-graph author, set by the matcher ("suggested") or a person.
struct StaffLink {
  std::string author_id;  // "" clears
  double confidence = 0;
  std::string reason;
  std::string state;  // "suggested" | "confirmed" | "rejected" | ""
  std::string author_key;  // the same author's stable key (watch::StableAuthorKey) when a graph is loaded, else ""
};

}  // namespace st::store
