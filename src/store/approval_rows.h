// The approval rows of an offer or a counter-offer: both follow the offers'
// chain (offers/approval.h) and differ only in the table and its key columns,
// so loading, approving a step, rejecting and voiding live here once.
// Callers run these inside their own transaction and keep what differs — the
// state move, the ledger, the audit verb.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"
#include "store/offer_records.h"
#include "store/sql.h"

namespace st::store {

// Where one kind of subject keeps its approvals. The names are constants of
// this file, never input.
struct ApprovalTable {
  const char* table;           // offer_approvals
  const char* subject_column;  // offer_id
  const char* version_column;  // the terms version an approval belongs to
};
inline constexpr ApprovalTable kOfferApprovals{"offer_approvals", "offer_id", "version"};
inline constexpr ApprovalTable kCounterApprovals{"counter_approvals", "counter_id", "terms_version"};

// The live (not voided) approvals of one version, in order.
Result<std::vector<ApprovalRecord>> LoadApprovals(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id,
                                                  int version);

// Records `actor`'s approval of the current step after the chain's checks
// (offers::CheckCanApprove). True when it completes the chain.
Result<bool> AddApproval(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id, int version,
                         const std::vector<offers::ApprovalStep>& chain, const std::vector<ApprovalRecord>& approvals,
                         const Actor& actor, const std::string& note, std::int64_t now);

// A rejection: only a holder of the current step's role may; every live
// approval is voided (the subject goes back to draft).
Status RejectAtCurrentStep(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id,
                           const std::vector<offers::ApprovalStep>& chain,
                           const std::vector<ApprovalRecord>& approvals, campaign::Role role, std::int64_t now);

// Voids every live approval of the subject (an edit that changes what was approved).
Status VoidApprovals(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id, std::int64_t now);

}  // namespace st::store
