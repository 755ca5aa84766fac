// Offers in SqlStore (issue 10): versions, approvals, sending, the candidate
// link, outcomes, and the no-interview path. Every write is one transaction;
// the compute promise is reserved, committed or released by the ledger's
// helpers on the same connection, so an offer and its reservation commit or
// roll back together.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "offers/terms_json.h"
#include "store/approval_rows.h"
#include "store/password.h"
#include "store/sql_store.h"

namespace st::store {
namespace {

using campaign::HasPermission;
using campaign::Permission;
using campaign::RoleName;
using nlohmann::json;
using offers::OfferState;
using offers::OfferStateName;

std::string OfferTarget(std::int64_t id) { return "offer:" + std::to_string(id); }

Status ForbiddenUnlessMoney(const Actor& a, std::string_view what) {
  if (HasPermission(a.role, Permission::kWriteCompensation)) return Status::Ok();
  return Status::Forbidden("role " + std::string(RoleName(a.role)) + " may not " + std::string(what) +
                           " (offers carry compensation: ceo and hr)");
}

using offers::ChainFromJson;
using offers::ChainToJson;

// Terms with every money field zeroed (what a recruiter's record carries).
offers::OfferTerms WithoutMoney(offers::OfferTerms t) {
  offers::OfferTerms z;
  z.start_day = t.start_day;
  z.expiry_day = t.expiry_day;
  z.title = std::move(t.title);
  z.location = std::move(t.location);
  z.level = std::move(t.level);
  z.track = std::move(t.track);
  z.team = t.team;
  z.compute = std::move(t.compute);
  z.equity.vesting = t.equity.vesting;
  return z;
}

std::string StateJson(const OfferRecord& o) {
  return json({{"state", OfferStateName(o.state)}, {"version", o.current.version}, {"row_version", o.row_version}})
      .dump();
}

// A sent offer whose expiry day has passed (the candidate had through that day, UTC).
bool PastExpiry(const OfferRecord& o, std::int64_t now) {
  return o.state == OfferState::kSent && offers::DayOfUnix(now) > o.current.terms.expiry_day;
}

const Actor& CandidateActor(const std::string& ip) {
  thread_local Actor a;
  a = Actor{0, "candidate-link", campaign::Role::kViewer, ip};
  return a;
}

}  // namespace

// ---------------------------------------------------------------- loading

Result<offers::OfferSettings> SqlStore::LoadOfferSettings(SqlConn& c) {
  // In the caller's transaction: the policy an approval is checked against is the one it commits with.
  SqlValue k[] = {std::string(offers::kOfferSettingsKey)};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT value_json FROM campaign_settings WHERE key = $1", k));
  if (rows.empty()) return offers::OfferSettings{};
  const json j = json::parse(rows[0].Text(0), nullptr, false);
  if (j.is_discarded()) return Status::Corruption("campaign setting 'offers' is not JSON");
  return offers::OfferSettingsFromJson(j);
}

Result<OfferVersionRecord> SqlStore::LoadOfferVersion(SqlConn& c, std::int64_t offer_id, int version) {
  SqlValue p[] = {offer_id, std::int64_t{version}};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT version, terms_json, in_band, band_reason, chain_json, "
                                         "over_report_cap, report_cap_note, created_at, created_by "
                                         "FROM offer_versions WHERE offer_id = $1 AND version = $2",
                                         p));
  if (rows.empty())
    return Status::Corruption("offer " + std::to_string(offer_id) + " has no version " + std::to_string(version));
  const SqlRow& r = rows[0];
  OfferVersionRecord v;
  v.version = static_cast<int>(r.Int(0));
  auto terms = offers::TermsFromJson(json::parse(r.Text(1)));
  if (!terms.ok()) return Status::Corruption("offer " + std::to_string(offer_id) + ": " + terms.status().message());
  v.terms = std::move(*terms);
  v.in_band = r.Int(2) != 0;
  v.band_reason = r.Text(3);
  v.chain = ChainFromJson(r.Text(4));
  v.over_report_cap = r.Int(5) != 0;
  v.report_cap_note = r.Text(6);
  v.created_at = r.Int(7);
  v.created_by = r.Text(8);
  return v;
}

Result<OfferRecord> SqlStore::LoadOffer(SqlConn& c, std::int64_t offer_id) {
  SqlValue p[] = {offer_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT o.id, o.person_id, p.name, o.state, o.current_version, "
                                         "o.sent_version, o.row_version, o.created_at, o.updated_at, o.decided_at "
                                         "FROM offers o JOIN people p ON p.id = o.person_id WHERE o.id = $1",
                                         p));
  if (rows.empty()) return Status::NotFound("offer " + std::to_string(offer_id) + " not found");
  const SqlRow& r = rows[0];
  OfferRecord o;
  o.id = r.Int(0);
  o.person_id = r.Int(1);
  o.person_name = r.Text(2);
  o.state = offers::ParseOfferState(r.Text(3)).value_or(OfferState::kDraft);
  const int version = static_cast<int>(r.Int(4));
  o.sent_version = static_cast<int>(r.Int(5));
  o.row_version = r.Int(6);
  o.created_at = r.Int(7);
  o.updated_at = r.Int(8);
  o.decided_at = r.Int(9);
  ST_ASSIGN_OR_RETURN(o.current, LoadOfferVersion(c, offer_id, version));
  ST_ASSIGN_OR_RETURN(o.approvals, LoadApprovals(c, kOfferApprovals, offer_id, version));
  o.money_visible = true;
  return o;
}

Status SqlStore::GuardOfferMoney(const Actor& actor, OfferRecord& offer, bool with_money) {
  if (with_money && HasPermission(actor.role, Permission::kReadCompensation)) {
    offer.money_visible = true;
    // RELIABILITY.md 15: every view of an offer's money is logged with who and when.
    return WithTx(true, [&](SqlConn& c) {
      return AddAudit(c, actor, "offer.view_money", OfferTarget(offer.id), "",
                      json({{"version", offer.current.version}}).dump());
    });
  }
  offer.money_visible = false;
  offer.current.terms = WithoutMoney(std::move(offer.current.terms));
  return Status::Ok();
}

// ---------------------------------------------------------------- writing versions

Result<OfferVersionRecord> SqlStore::WriteOfferVersion(SqlConn& c, const Actor& actor, std::int64_t offer_id,
                                                       int version, const offers::OfferTerms& terms) {
  ST_ASSIGN_OR_RETURN(offers::ValueTable table, offers::ComputeValueTable(terms));
  (void)table;  // validated: the figures are recomputed from the terms on every read
  ST_ASSIGN_OR_RETURN(offers::OfferSettings settings, LoadOfferSettings(c));
  ST_ASSIGN_OR_RETURN(offers::BandCheck band, offers::CheckBand(settings, terms, offers::DayOfUnix(Now())));
  OfferVersionRecord v;
  v.version = version;
  v.terms = terms;
  v.in_band = band.in_band;
  v.band_reason = band.reason;
  if (terms.team && terms.team->reports_to_staff_id > 0) {
    ST_ASSIGN_OR_RETURN(compute::TeamSettings teams, LoadTeamSettings(c));
    ST_ASSIGN_OR_RETURN(int reports, DirectReports(c, terms.team->reports_to_staff_id));
    if (reports + 1 > teams.max_direct_reports) {
      v.over_report_cap = true;
      v.report_cap_note = "staff " + std::to_string(terms.team->reports_to_staff_id) + " has " +
                          std::to_string(reports) + " direct reports (cap " +
                          std::to_string(teams.max_direct_reports) + "): the CEO must approve";
    }
  }
  v.chain = offers::ChainFor(settings, v.in_band, v.over_report_cap);
  v.created_at = Now();
  v.created_by = actor.username;
  SqlValue p[] = {offer_id,
                  std::int64_t{version},
                  offers::TermsToJson(terms).dump(),
                  std::int64_t{v.in_band ? 1 : 0},
                  v.band_reason,
                  ChainToJson(v.chain).dump(),
                  std::int64_t{v.over_report_cap ? 1 : 0},
                  v.report_cap_note,
                  v.created_by,
                  v.created_at};
  ST_RETURN_IF_ERROR(c.Exec("INSERT INTO offer_versions (offer_id, version, terms_json, in_band, band_reason, "
                            "chain_json, over_report_cap, report_cap_note, created_by, created_at) "
                            "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
                            p));
  return v;
}

Status SqlStore::SetOfferState(SqlConn& c, OfferRecord& o, OfferState to) {
  const std::int64_t now = Now();
  const bool decided = to == OfferState::kAccepted || to == OfferState::kDeclined || to == OfferState::kExpired ||
                       to == OfferState::kWithdrawn;
  SqlValue p[] = {std::string(OfferStateName(to)), now, std::int64_t{o.current.version},
                  std::int64_t{to == OfferState::kSent ? o.current.version : o.sent_version},
                  decided ? now : o.decided_at, o.id, o.row_version};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE offers SET state=$1, updated_at=$2, current_version=$3, "
                                         "sent_version=$4, decided_at=$5, row_version=row_version+1 "
                                         "WHERE id=$6 AND row_version=$7 RETURNING row_version",
                                         p));
  if (rows.empty()) return Status::Conflict("offer " + std::to_string(o.id) + " was changed by someone else");
  o.state = to;
  o.updated_at = now;
  o.row_version = rows[0].Int(0);
  if (to == OfferState::kSent) o.sent_version = o.current.version;
  if (decided) o.decided_at = now;
  return Status::Ok();
}

Status SqlStore::RecordOfferOutcome(SqlConn& c, const OfferRecord& o, std::string_view outcome) {
  // Features for the acceptance model: the money, compute and team of the
  // decided version, and how long the candidate took. No names.
  const offers::OfferTerms& t = o.current.terms;
  json f = {{"currency", offers::CurrencyCode(t.currency)},
            {"base_salary", t.base_salary_minor},
            {"sign_on", t.sign_on_minor},
            {"target_bonus_bp", t.target_bonus_bp},
            {"in_band", o.current.in_band},
            {"version", o.current.version},
            {"days_open", (Now() - o.created_at) / 86400}};
  auto table = offers::ComputeValueTable(t);
  if (table.ok()) {
    f["grant_value"] = table->grant_value;
    f["first_year"] = table->first_year;
    f["four_year"] = table->four_year;
  }
  if (t.compute) f["compute"] = {{"gpus", t.compute->gpus}, {"gpu_type", t.compute->gpu_type}};
  if (t.team) f["team"] = {{"headcount", t.team->headcount}, {"direct_reports_cap", t.team->direct_reports_cap}};
  SqlValue p[] = {o.id, o.person_id, std::int64_t{o.current.version}, std::string(outcome), Now(), f.dump()};
  return c.Exec("INSERT INTO offer_outcomes (offer_id, person_id, version, outcome, at, features_json) "
                "VALUES ($1,$2,$3,$4,$5,$6)",
                p);
}

// ---------------------------------------------------------------- create / edit / read

Result<OfferRecord> SqlStore::CreateOffer(const Actor& actor, std::int64_t person_id, const offers::OfferTerms& terms) {
  ST_RETURN_IF_ERROR(ForbiddenUnlessMoney(actor, "create offers"));
  OfferRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Person person, LoadPerson(c, person_id));
    if (person.stage != Stage::kOffer)
      return Status::InvalidInput("field 'person_id': " + person.name + " is at stage " +
                                  std::string(campaign::StageName(person.stage)) +
                                  "; an offer needs the offer stage (via a meeting or the no-interview path)");
    SqlValue q[] = {person_id};
    ST_ASSIGN_OR_RETURN(auto open, c.Query("SELECT id, state FROM offers WHERE person_id = $1 AND state IN "
                                           "('draft','pending_approval','approved','sent')",
                                           q));
    if (!open.empty())
      return Status::Conflict("person " + std::to_string(person_id) + " already has an open offer (" +
                              std::to_string(open[0].Int(0)) + ", " + open[0].Text(1) + "): edit it instead");
    const std::int64_t now = Now();
    SqlValue p[] = {person_id, std::string(OfferStateName(OfferState::kDraft)), actor.user_id, now};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO offers (person_id, state, current_version, row_version, "
                                           "created_by, created_at, updated_at) VALUES ($1,$2,1,1,$3,$4,$4) "
                                           "RETURNING id",
                                           p));
    const std::int64_t id = rows[0].Int(0);
    ST_RETURN_IF_ERROR(WriteOfferVersion(c, actor, id, 1, terms).status());
    ST_ASSIGN_OR_RETURN(out, LoadOffer(c, id));
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "offer.create", OfferTarget(id), "", StateJson(out)));
    return AddActivity(c, actor, "offer", person_id, "offer drafted");
  }));
  return out;
}

Result<OfferRecord> SqlStore::EditOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                        const offers::OfferTerms& terms) {
  ST_RETURN_IF_ERROR(ForbiddenUnlessMoney(actor, "edit offers"));
  OfferRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(OfferRecord o, LoadOffer(c, offer_id));
    if (o.row_version != expected_version)
      return Status::Conflict("offer " + std::to_string(offer_id) + " was changed by someone else (version " +
                              std::to_string(o.row_version) + ", you sent " + std::to_string(expected_version) + ")");
    if (!offers::IsOfferOpen(o.state) || PastExpiry(o, Now()))
      return Status::Conflict("offer " + std::to_string(offer_id) + " is " +
                              std::string(OfferStateName(o.state)) + ": it can no longer change");
    const std::string before = StateJson(o);
    const bool material = offers::IsMaterialChange(o.current.terms, terms) ||
                          !offers::SamePromise(o.current.terms.compute, terms.compute);
    const int next = o.current.version + 1;
    ST_ASSIGN_OR_RETURN(OfferVersionRecord v, WriteOfferVersion(c, actor, offer_id, next, terms));
    // A new chain (band or span of control changed) cannot keep old approvals either.
    const bool void_approvals = material || v.chain != o.current.chain;
    const std::int64_t now = Now();
    SqlValue ids[] = {offer_id, std::int64_t{o.current.version}};
    if (void_approvals) {
      ST_RETURN_IF_ERROR(VoidApprovals(c, kOfferApprovals, offer_id, now));
    } else {
      ST_RETURN_IF_ERROR(c.Exec("INSERT INTO offer_approvals (offer_id, version, step, user_id, username, role, at, "
                                "note) SELECT offer_id, version + 1, step, user_id, username, role, at, note "
                                "FROM offer_approvals WHERE offer_id = $1 AND version = $2 AND voided_at = 0",
                                ids));
    }
    // The candidate's link showed the old version: it goes.
    SqlValue rv[] = {now, offer_id};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE offer_links SET revoked_at = $1 WHERE offer_id = $2 AND revoked_at = 0", rv));
    OfferState to = o.state;
    if (void_approvals) {
      to = OfferState::kDraft;
      if (o.state == OfferState::kApproved || o.state == OfferState::kSent)
        ST_RETURN_IF_ERROR(ReleaseCompute(c, actor, offer_id, "superseded by version " + std::to_string(next)));
    } else if (o.state == OfferState::kSent) {
      to = OfferState::kApproved;  // to be sent again, with a new link
    }
    o.current = v;
    ST_RETURN_IF_ERROR(SetOfferState(c, o, to));
    ST_ASSIGN_OR_RETURN(out, LoadOffer(c, offer_id));
    ST_RETURN_IF_ERROR(AddAudit(c, actor, void_approvals ? "offer.edit_voids_approvals" : "offer.edit",
                                OfferTarget(offer_id), before, StateJson(out)));
    return AddActivity(c, actor, "offer", o.person_id,
                       "offer version " + std::to_string(next) + (void_approvals ? " (approvals voided)" : ""));
  }));
  return out;
}

Result<OfferRecord> SqlStore::GetOffer(const Actor& actor, std::int64_t offer_id, bool with_money) {
  if (!HasPermission(actor.role, Permission::kReadPeople)) return Status::Forbidden("may not read offers");
  OfferRecord out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(out, LoadOffer(c, offer_id));
    return Status::Ok();
  }));
  if (PastExpiry(out, Now())) out.state = OfferState::kExpired;  // shown as it is; recorded at the next write
  ST_RETURN_IF_ERROR(GuardOfferMoney(actor, out, with_money));
  return out;
}

Result<std::vector<OfferVersionRecord>> SqlStore::ListOfferVersions(const Actor& actor, std::int64_t offer_id) {
  if (!HasPermission(actor.role, Permission::kReadPeople)) return Status::Forbidden("may not read offers");
  std::vector<OfferVersionRecord> out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(OfferRecord o, LoadOffer(c, offer_id));
    for (int v = 1; v <= o.current.version; ++v) {
      ST_ASSIGN_OR_RETURN(OfferVersionRecord rec, LoadOfferVersion(c, offer_id, v));
      out.push_back(std::move(rec));
    }
    return Status::Ok();
  }));
  const bool money = HasPermission(actor.role, Permission::kReadCompensation);
  for (auto& v : out)
    if (!money) v.terms = WithoutMoney(std::move(v.terms));
  if (money)
    ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) {
      return AddAudit(c, actor, "offer.view_money", OfferTarget(offer_id), "", "{\"versions\":\"all\"}");
    }));
  return out;
}

Result<std::vector<OfferRecord>> SqlStore::ListOffers(const Actor& actor, std::int64_t person_id, bool with_money) {
  if (!HasPermission(actor.role, Permission::kReadPeople)) return Status::Forbidden("may not read offers");
  std::vector<OfferRecord> out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(LoadPerson(c, person_id).status());
    SqlValue p[] = {person_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM offers WHERE person_id = $1 ORDER BY id DESC", p));
    for (const SqlRow& r : rows) {
      ST_ASSIGN_OR_RETURN(OfferRecord o, LoadOffer(c, r.Int(0)));
      out.push_back(std::move(o));
    }
    return Status::Ok();
  }));
  const std::int64_t now = Now();
  for (OfferRecord& o : out) {
    if (PastExpiry(o, now)) o.state = OfferState::kExpired;
    ST_RETURN_IF_ERROR(GuardOfferMoney(actor, o, with_money));
  }
  return out;
}

Result<std::vector<OfferRecord>> SqlStore::ListApprovalQueue(const Actor& actor) {
  if (!HasPermission(actor.role, Permission::kReadCompensation))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " approves no offers");
  std::vector<OfferRecord> out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM offers WHERE state = 'pending_approval' ORDER BY "
                                           "updated_at, id",
                                           {}));
    for (const SqlRow& r : rows) {
      ST_ASSIGN_OR_RETURN(OfferRecord o, LoadOffer(c, r.Int(0)));
      if (AwaitsRole(o.current.chain, o.approvals, actor.role)) out.push_back(std::move(o));
    }
    return Status::Ok();
  }));
  if (!out.empty())
    ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) {
      return AddAudit(c, actor, "offer.view_money", "offers:approval_queue", "",
                      json({{"offers", static_cast<std::int64_t>(out.size())}}).dump());
    }));
  for (auto& o : out) o.money_visible = true;
  return out;
}

// ---------------------------------------------------------------- the lifecycle

Result<OfferRecord> SqlStore::OfferTransition(const Actor& actor, std::int64_t offer_id,
                                              std::int64_t expected_version, OfferState to, std::string_view action,
                                              const std::string& note, const OfferStep& step) {
  if (note.size() > 2000) return Status::InvalidInput("field 'note': at most 2000 bytes");
  OfferRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(OfferRecord o, LoadOffer(c, offer_id));
    if (o.row_version != expected_version)
      return Status::Conflict("offer " + std::to_string(offer_id) + " was changed by someone else (version " +
                              std::to_string(o.row_version) + ", you sent " + std::to_string(expected_version) + ")");
    if (PastExpiry(o, Now()) && to != OfferState::kExpired)
      return Status::Conflict("offer " + std::to_string(offer_id) + " expired on " +
                              offers::FormatDate(o.current.terms.expiry_day));
    if (!offers::IsOfferMoveAllowed(o.state, to) && !(o.state == OfferState::kPendingApproval && to == o.state))
      return Status::Conflict("offer " + std::to_string(offer_id) + " is " + std::string(OfferStateName(o.state)) +
                              ": cannot move to " + std::string(OfferStateName(to)));
    const std::string before = StateJson(o);
    OfferState target = to;
    ST_RETURN_IF_ERROR(step(c, o, target));
    if (target != to && !offers::IsOfferMoveAllowed(o.state, target))
      return Status::Internal("offer step chose an impossible move");
    ST_RETURN_IF_ERROR(SetOfferState(c, o, target));
    ST_ASSIGN_OR_RETURN(out, LoadOffer(c, offer_id));
    json after = json::parse(StateJson(out));
    if (!note.empty()) after["note"] = note;
    ST_RETURN_IF_ERROR(AddAudit(c, actor, action, OfferTarget(offer_id), before, after.dump()));
    return AddActivity(c, actor, "offer", o.person_id, "offer " + std::string(OfferStateName(out.state)));
  }));
  return out;
}

Result<OfferRecord> SqlStore::SubmitOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version) {
  ST_RETURN_IF_ERROR(ForbiddenUnlessMoney(actor, "submit offers"));
  return OfferTransition(actor, offer_id, expected_version, OfferState::kPendingApproval, "offer.submit", "",
                         [](SqlConn&, OfferRecord&, OfferState&) { return Status::Ok(); });
}

Result<OfferRecord> SqlStore::ApproveOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                           const std::string& note) {
  if (!HasPermission(actor.role, Permission::kReadCompensation))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " approves no offers");
  // Stays pending until this approval completes the chain, then approved.
  std::string ledger_refusal;
  std::int64_t person_id = 0;
  auto out = OfferTransition(actor, offer_id, expected_version, OfferState::kPendingApproval, "offer.approve", note,
                         [&](SqlConn& c, OfferRecord& o, OfferState& to) -> Status {
    if (o.state != OfferState::kPendingApproval)
      return Status::Conflict("offer " + std::to_string(offer_id) + " is " + std::string(OfferStateName(o.state)) +
                              ", not pending approval");
    ST_ASSIGN_OR_RETURN(const bool complete, AddApproval(c, kOfferApprovals, offer_id, o.current.version,
                                                         o.current.chain, o.approvals, actor, note, Now()));
    if (!complete) return Status::Ok();
    // The chain is complete: the compute promise is reserved now, or the approval is refused with the ledger's reason.
    if (o.current.terms.compute) {
      Status reserved = ReserveCompute(c, actor, offer_id, o.person_id, *o.current.terms.compute);
      if (!reserved.ok()) {
        ledger_refusal = reserved.message();
        person_id = o.person_id;
        return reserved;
      }
    }
    to = OfferState::kApproved;
    return Status::Ok();
  });
  // The approval rolled back; the refusal itself stays on the record (audit and
  // the candidate's timeline), so the team sees why the offer is still waiting.
  if (!ledger_refusal.empty()) {
    (void)WithTx(true, [&](SqlConn& c) -> Status {
      ST_RETURN_IF_ERROR(AddAudit(c, actor, "offer.compute_refused", OfferTarget(offer_id), "",
                                  json({{"reason", ledger_refusal}}).dump()));
      return AddActivity(c, actor, "offer", person_id, "approval refused by the compute ledger: " + ledger_refusal);
    });
  }
  return out;
}

Result<OfferRecord> SqlStore::RejectOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                          const std::string& note) {
  if (!HasPermission(actor.role, Permission::kReadCompensation))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " approves no offers");
  if (note.empty()) return Status::InvalidInput("field 'note': say why the offer is rejected");
  return OfferTransition(actor, offer_id, expected_version, OfferState::kDraft, "offer.reject", note,
                         [&](SqlConn& c, OfferRecord& o, OfferState&) -> Status {
                           return RejectAtCurrentStep(c, kOfferApprovals, o.id, o.current.chain, o.approvals,
                                                      actor.role, Now());
                         });
}

Result<SentOffer> SqlStore::SendOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version) {
  ST_RETURN_IF_ERROR(ForbiddenUnlessMoney(actor, "send offers"));
  SentOffer sent;
  sent.link_token = RandomToken();
  ST_ASSIGN_OR_RETURN(sent.offer,
                      OfferTransition(actor, offer_id, expected_version, OfferState::kSent, "offer.send", "",
                                      [&](SqlConn& c, OfferRecord& o, OfferState&) -> Status {
                                        const std::int64_t now = Now();
                                        if (offers::DayOfUnix(now) > o.current.terms.expiry_day)
                                          return Status::InvalidInput(
                                              "field 'expiry_date': " +
                                              offers::FormatDate(o.current.terms.expiry_day) +
                                              " has passed; edit the expiry before sending");
                                        // The fleet may have changed since the approval: check again.
                                        if (o.current.terms.compute)
                                          ST_RETURN_IF_ERROR(ReserveCompute(c, actor, o.id, o.person_id,
                                                                            *o.current.terms.compute));
                                        SqlValue rv[] = {now, o.id};
                                        ST_RETURN_IF_ERROR(c.Exec("UPDATE offer_links SET revoked_at = $1 WHERE "
                                                                  "offer_id = $2 AND revoked_at = 0",
                                                                  rv));
                                        sent.link_expires_at =
                                            (static_cast<std::int64_t>(o.current.terms.expiry_day) + 1) * 86400;
                                        SqlValue p[] = {o.id, std::int64_t{o.current.version},
                                                        TokenHash(sent.link_token), now, sent.link_expires_at};
                                        return c.Exec("INSERT INTO offer_links (offer_id, version, token_hash, "
                                                      "created_at, expires_at) VALUES ($1,$2,$3,$4,$5)",
                                                      p);
                                      }));
  return sent;
}

Result<OfferRecord> SqlStore::WithdrawOffer(const Actor& actor, std::int64_t offer_id, std::int64_t expected_version,
                                            const std::string& reason) {
  ST_RETURN_IF_ERROR(ForbiddenUnlessMoney(actor, "withdraw offers"));
  return OfferTransition(actor, offer_id, expected_version, OfferState::kWithdrawn, "offer.withdraw", reason,
                         [&](SqlConn& c, OfferRecord& o, OfferState&) -> Status {
                           ST_RETURN_IF_ERROR(ReleaseCompute(c, actor, o.id, "offer withdrawn"));
                           SqlValue rv[] = {Now(), o.id};
                           ST_RETURN_IF_ERROR(c.Exec("UPDATE offer_links SET revoked_at = $1 WHERE offer_id = $2 "
                                                     "AND revoked_at = 0",
                                                     rv));
                           return RecordOfferOutcome(c, o, "withdrawn");
                         });
}

Result<OfferRecord> SqlStore::OfferForLetter(const Actor& actor, std::int64_t offer_id, const std::string& format) {
  if (!HasPermission(actor.role, Permission::kReadCompensation))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not read offer letters");
  OfferRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(out, LoadOffer(c, offer_id));
    return AddAudit(c, actor, "offer.letter_download", OfferTarget(offer_id), "",
                    json({{"format", format}, {"version", out.current.version}}).dump());
  }));
  return out;
}

// ---------------------------------------------------------------- expiry

// sent → expired: the compute reservation goes back to the pool and the
// outcome is kept for the acceptance model. The person stays at `offer`: a
// lapsed offer is for the team to follow up, not a decline.
Status SqlStore::ExpireOffer(SqlConn& c, const Actor& a, OfferRecord& o) {
  ST_RETURN_IF_ERROR(ReleaseCompute(c, a, o.id, "offer expired"));
  ST_RETURN_IF_ERROR(SetOfferState(c, o, OfferState::kExpired));
  ST_RETURN_IF_ERROR(RecordOfferOutcome(c, o, "expired"));
  ST_RETURN_IF_ERROR(AddAudit(c, a, "offer.expired", OfferTarget(o.id), "", StateJson(o)));
  return AddActivity(c, a, "offer", o.person_id,
                     "offer expired on " + offers::FormatDate(o.current.terms.expiry_day) + " (GPUs released)");
}

Result<int> SqlStore::ExpireOffers() {
  static const Actor sweeper{0, "offer-expiry", campaign::Role::kCeo, ""};
  const std::int64_t now = Now();
  int expired = 0;
  Status s = WithTx(true, [&](SqlConn& c) -> Status {
    expired = 0;
    SqlValue p[] = {std::string(OfferStateName(OfferState::kSent))};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM offers WHERE state = $1 ORDER BY id", p));
    for (const auto& r : rows) {
      ST_ASSIGN_OR_RETURN(OfferRecord o, LoadOffer(c, r.Int(0)));
      if (!PastExpiry(o, now)) continue;
      ST_RETURN_IF_ERROR(ExpireOffer(c, sweeper, o));
      ++expired;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return expired;
}

// ---------------------------------------------------------------- the candidate link

Result<CandidateOffer> SqlStore::LinkOffer(SqlConn& c, const std::string& token, std::int64_t* link_id) {
  // One answer for a wrong, revoked or another version's token: a guess learns nothing.
  const Status unknown = Status::NotFound("this offer link is not valid (it may have been replaced or withdrawn)");
  if (token.size() != 64) return unknown;
  SqlValue p[] = {TokenHash(token)};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, offer_id, version, revoked_at FROM offer_links "
                                         "WHERE token_hash = $1",
                                         p));
  if (rows.empty() || rows[0].Int(3) != 0) return unknown;
  *link_id = rows[0].Int(0);
  CandidateOffer out;
  ST_ASSIGN_OR_RETURN(out.offer, LoadOffer(c, rows[0].Int(1)));
  if (out.offer.current.version != rows[0].Int(2)) return unknown;
  return out;
}

Result<CandidateOffer> SqlStore::OpenOfferLink(const std::string& token, const std::string& ip) {
  CandidateOffer out;
  const Actor& cand = CandidateActor(ip);
  Status s = WithTx(true, [&](SqlConn& c) -> Status {
    std::int64_t link_id = 0;
    ST_ASSIGN_OR_RETURN(out, LinkOffer(c, token, &link_id));
    SqlValue v[] = {link_id};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE offer_links SET visits = visits + 1 WHERE id = $1", v));
    if (PastExpiry(out.offer, Now())) ST_RETURN_IF_ERROR(ExpireOffer(c, cand, out.offer));
    return AddAudit(c, cand, "offer.link_visit", OfferTarget(out.offer.id), "",
                    json({{"state", OfferStateName(out.offer.state)}}).dump());
  });
  if (!s.ok()) {
    // Failed guesses are audited too (outside the rolled-back transaction).
    if (s.code() == StatusCode::kNotFound)
      (void)WithTx(true, [&](SqlConn& c) { return AddAudit(c, cand, "offer.link_refused", "offer:?", "", ""); });
    return s;
  }
  out.offer.money_visible = true;
  return out;
}

Result<CandidateOffer> SqlStore::DecideOfferLink(const std::string& token, bool accept, const std::string& ip) {
  CandidateOffer out;
  const Actor& cand = CandidateActor(ip);
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    std::int64_t link_id = 0;
    ST_ASSIGN_OR_RETURN(out, LinkOffer(c, token, &link_id));
    OfferRecord& o = out.offer;
    if (o.state != OfferState::kSent)
      return Status::Conflict("this offer is " + std::string(OfferStateName(o.state)) + "; it cannot be " +
                              (accept ? "accepted" : "declined") + " now");
    if (PastExpiry(o, Now()))
      return Status::Conflict("this offer expired on " + offers::FormatDate(o.current.terms.expiry_day));
    const std::string before = StateJson(o);
    if (accept) {
      if (o.current.terms.compute) ST_RETURN_IF_ERROR(CommitCompute(c, cand, o.id));
      // The reporting line now counts against the manager's direct reports.
      if (o.current.terms.team && o.current.terms.team->reports_to_staff_id > 0)
        ST_RETURN_IF_ERROR(AcceptReportingLine(c, o.id, o.person_id, o.current.terms.team->reports_to_staff_id));
    } else {
      ST_RETURN_IF_ERROR(ReleaseCompute(c, cand, o.id, "offer declined"));
    }
    ST_RETURN_IF_ERROR(SetOfferState(c, o, accept ? OfferState::kAccepted : OfferState::kDeclined));
    ST_RETURN_IF_ERROR(RecordOfferOutcome(c, o, accept ? "accepted" : "declined"));
    ST_ASSIGN_OR_RETURN(Person person, LoadPerson(c, o.person_id));
    const Stage to = accept ? Stage::kAccepted : Stage::kDeclined;
    if (person.stage != to && campaign::IsTransitionAllowed(person.stage, to))
      ST_RETURN_IF_ERROR(ApplyStageMove(c, cand, person, to,
                                        std::string("offer ") + (accept ? "accepted" : "declined") +
                                            " through the candidate link"));
    return AddAudit(c, cand, accept ? "offer.accept" : "offer.decline", OfferTarget(o.id), before, StateJson(o));
  }));
  out.offer.money_visible = true;
  return out;
}

// ---------------------------------------------------------------- the no-interview path

Result<Person> SqlStore::MoveToOfferWithoutMeeting(const Actor& actor, std::int64_t person_id,
                                                   std::int64_t expected_version, const std::string& reason) {
  if (!HasPermission(actor.role, Permission::kWritePeople))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not change people");
  if (reason.size() > 2000) return Status::InvalidInput("field 'reason': at most 2000 bytes");
  Person after;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Person before, LoadPerson(c, person_id));
    if (!campaign::CanEditPerson(actor.role, actor.user_id, before.owner_user_id))
      return Status::Forbidden("person " + std::to_string(person_id) + " is owned by " + before.owner_username);
    if (before.version != expected_version) return PersonVersionConflict(person_id, before.version, expected_version);
    if (!campaign::SkipsMeeting(before.stage, Stage::kOffer))
      return Status::InvalidInput("field 'stage': the no-interview path starts at identified, contacted or replied (" +
                                  before.name + " is at " + std::string(campaign::StageName(before.stage)) + ")");
    ST_ASSIGN_OR_RETURN(offers::OfferSettings settings, LoadOfferSettings(c));
    campaign::MeetingSkip skip;
    if (before.metrics) skip.score = before.metrics->score;
    skip.min_score = settings.no_interview_min_score;
    skip.role = actor.role;
    skip.reason = reason;
    ST_ASSIGN_OR_RETURN(std::string note, campaign::CheckMeetingSkip(skip));
    ST_RETURN_IF_ERROR(ApplyStageMove(c, actor, before, Stage::kOffer, note));
    json why = {{"from", campaign::StageName(before.stage)},
                {"allowed_by", actor.username},
                {"role", RoleName(actor.role)},
                {"rule", actor.role == campaign::Role::kCeo && !(skip.min_score > 0 && skip.score &&
                                                                  *skip.score >= skip.min_score)
                             ? "ceo_override"
                             : "score"},
                {"reason", reason}};
    if (skip.score) why["score"] = *skip.score;
    if (skip.min_score > 0) why["min_score"] = skip.min_score;
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "person.no_interview", PersonTarget(person_id), "", why.dump()));
    ST_ASSIGN_OR_RETURN(after, LoadPerson(c, person_id));
    return Status::Ok();
  }));
  campaign::RedactForRole(actor.role, after);
  return after;
}

// ---------------------------------------------------------------- personal data

Result<std::string> SqlStore::ExportOffersJson(SqlConn& c, std::int64_t person_id) {
  json out = json::array();
  SqlValue p[] = {person_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM offers WHERE person_id = $1 ORDER BY id", p));
  for (const SqlRow& r : rows) {
    ST_ASSIGN_OR_RETURN(OfferRecord o, LoadOffer(c, r.Int(0)));
    json versions = json::array();
    for (int v = 1; v <= o.current.version; ++v) {
      ST_ASSIGN_OR_RETURN(OfferVersionRecord rec, LoadOfferVersion(c, o.id, v));
      json terms = offers::TermsToJson(rec.terms);
      if (rec.terms.compute)
        terms["compute"] = {{"gpus", rec.terms.compute->gpus},
                            {"gpu_type", rec.terms.compute->gpu_type},
                            {"site", rec.terms.compute->site}};
      versions.push_back({{"version", v}, {"terms", terms}, {"created_at", rec.created_at}});
    }
    SqlValue q[] = {o.id};
    ST_ASSIGN_OR_RETURN(auto ap, c.Query("SELECT version, step, username, role, at, note, voided_at FROM "
                                         "offer_approvals WHERE offer_id = $1 ORDER BY id",
                                         q));
    json approvals = json::array();
    for (const SqlRow& a : ap)
      approvals.push_back({{"version", a.Int(0)}, {"step", a.Int(1)}, {"by", a.Text(2)}, {"role", a.Text(3)},
                           {"at", a.Int(4)}, {"note", a.Text(5)}, {"voided_at", a.Int(6)}});
    ST_ASSIGN_OR_RETURN(auto links, c.Query("SELECT version, created_at, expires_at, revoked_at, visits FROM "
                                            "offer_links WHERE offer_id = $1 ORDER BY id",
                                            q));
    json letters = json::array();  // the letters sent: which version, when, and how often the link was opened
    for (const SqlRow& l : links)
      letters.push_back({{"version", l.Int(0)}, {"sent_at", l.Int(1)}, {"expires_at", l.Int(2)},
                         {"revoked_at", l.Int(3)}, {"visits", l.Int(4)}});
    ST_ASSIGN_OR_RETURN(auto outcomes, c.Query("SELECT version, outcome, at FROM offer_outcomes WHERE offer_id = $1 "
                                               "ORDER BY id",
                                               q));
    json oc = json::array();
    for (const SqlRow& x : outcomes) oc.push_back({{"version", x.Int(0)}, {"outcome", x.Text(1)}, {"at", x.Int(2)}});
    out.push_back({{"id", o.id}, {"state", OfferStateName(o.state)}, {"created_at", o.created_at},
                   {"versions", versions}, {"approvals", approvals}, {"letters", letters}, {"outcomes", oc}});
  }
  return out.dump();
}

Status SqlStore::EraseOffers(SqlConn& c, const Actor& actor, std::int64_t person_id) {
  SqlValue p[] = {person_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM offers WHERE person_id = $1", p));
  for (const SqlRow& r : rows) {
    ST_RETURN_IF_ERROR(ReleaseCompute(c, actor, r.Int(0), "person erased"));
    ST_RETURN_IF_ERROR(DropReportingLine(c, r.Int(0)));
    // Offer audit entries keep who and when, not the figures.
    SqlValue t[] = {OfferTarget(r.Int(0))};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE audit_log SET before_json = '', after_json = '{\"redacted\":true}' "
                              "WHERE target = $1",
                              t));
  }
  // The acceptance model keeps the anonymous features + outcome, no longer tied to the person.
  ST_RETURN_IF_ERROR(c.Exec("UPDATE offer_outcomes SET person_id = NULL WHERE person_id = $1", p));
  // Versions, approvals and links go with the offers (ON DELETE CASCADE).
  return c.Exec("DELETE FROM offers WHERE person_id = $1", p);
}

}  // namespace st::store
