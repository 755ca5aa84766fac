#include "store/approval_rows.h"

namespace st::store {

std::vector<offers::Approval> ChainApprovals(const std::vector<ApprovalRecord>& approvals) {
  std::vector<offers::Approval> out;
  out.reserve(approvals.size());
  for (const ApprovalRecord& a : approvals) out.push_back({a.user_id, a.role, a.step});
  return out;
}

bool AwaitsRole(const std::vector<offers::ApprovalStep>& chain, const std::vector<ApprovalRecord>& approvals,
                campaign::Role role) {
  const int step = offers::CurrentStep(chain, ChainApprovals(approvals));
  return step < static_cast<int>(chain.size()) && chain[step].role == role;
}

Result<std::vector<ApprovalRecord>> LoadApprovals(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id,
                                                  int version) {
  SqlValue q[] = {subject_id, std::int64_t{version}};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT user_id, username, role, step, at, note FROM ") + t.table +
                                             " WHERE " + t.subject_column + " = $1 AND " + t.version_column +
                                             " = $2 AND voided_at = 0 ORDER BY id",
                                         q));
  std::vector<ApprovalRecord> out;
  out.reserve(rows.size());
  for (const SqlRow& a : rows)
    out.push_back({a.Int(0), a.Text(1), campaign::ParseRole(a.Text(2)).value_or(campaign::Role::kViewer),
                   static_cast<int>(a.Int(3)), a.Int(4), a.Text(5)});
  return out;
}

Result<bool> AddApproval(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id, int version,
                         const std::vector<offers::ApprovalStep>& chain, const std::vector<ApprovalRecord>& approvals,
                         const Actor& actor, const std::string& note, std::int64_t now) {
  std::vector<offers::Approval> got = ChainApprovals(approvals);
  ST_RETURN_IF_ERROR(offers::CheckCanApprove(chain, got, actor.user_id, actor.role));
  const int at_step = offers::CurrentStep(chain, got);
  SqlValue p[] = {subject_id,    std::int64_t{version}, std::int64_t{at_step}, actor.user_id, actor.username,
                  std::string(campaign::RoleName(actor.role)), now, note};
  ST_RETURN_IF_ERROR(c.Exec(std::string("INSERT INTO ") + t.table + " (" + t.subject_column + ", " + t.version_column +
                                ", step, user_id, username, role, at, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
                            p));
  got.push_back({actor.user_id, actor.role, at_step});
  return offers::CurrentStep(chain, got) >= static_cast<int>(chain.size());
}

Status RejectAtCurrentStep(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id,
                           const std::vector<offers::ApprovalStep>& chain,
                           const std::vector<ApprovalRecord>& approvals, campaign::Role role, std::int64_t now) {
  if (!AwaitsRole(chain, approvals, role)) return Status::Forbidden("only an approver of the current step may reject");
  return VoidApprovals(c, t, subject_id, now);
}

Status VoidApprovals(SqlConn& c, const ApprovalTable& t, std::int64_t subject_id, std::int64_t now) {
  SqlValue p[] = {now, subject_id};
  return c.Exec(std::string("UPDATE ") + t.table + " SET voided_at = $1 WHERE " + t.subject_column +
                    " = $2 AND voided_at = 0",
                p);
}

}  // namespace st::store
