// Retention in SqlStore (issue 11): the staff import (one transaction, keyed
// on e-mail), staff pay, the graph link, rival offers, counter-offers and
// outcomes. A counter-offer is priced and approved with the offers' own
// rules (offers::CheckBand, ChainFor, CheckCanApprove on the "offers"
// settings) and its compute promise goes through the same ledger helpers as
// an offer's (ReserveCompute at the last approval, Commit when the person
// stays, Release otherwise), keyed -counter_id in compute_promises so it can
// never collide with an offer's id (docs/ARCHITECTURE.md "Retention").
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "offers/terms_json.h"
#include "store/approval_rows.h"
#include "store/sql_store.h"
#include "store/staff_json.h"

namespace st::store {
namespace {

using campaign::HasPermission;
using campaign::Permission;
using campaign::RoleName;
using nlohmann::json;
using offers::OfferState;
using offers::OfferStateName;

std::string StaffTarget(std::int64_t id) { return "staff:" + std::to_string(id); }
std::string CounterTarget(std::int64_t id) { return "counter:" + std::to_string(id); }
std::string RivalTarget(std::int64_t id) { return "rival_offer:" + std::to_string(id); }
// The counter's row in compute_promises (offers use their positive id).
std::int64_t LedgerKey(std::int64_t counter_id) { return -counter_id; }

Status NeedMoney(const Actor& a, Permission p, std::string_view what) {
  if (HasPermission(a.role, p)) return Status::Ok();
  return Status::Forbidden("role " + std::string(RoleName(a.role)) + " may not " + std::string(what) +
                           " (compensation: ceo and hr)");
}
Status CanRead(const Actor& a, std::string_view what) { return NeedMoney(a, Permission::kReadCompensation, what); }
Status CanWrite(const Actor& a, std::string_view what) { return NeedMoney(a, Permission::kWriteCompensation, what); }

using offers::ChainFromJson;
using offers::ChainToJson;

std::string StateJson(const CounterRecord& r) {
  return json({{"state", OfferStateName(r.state)}, {"terms_version", r.terms_version}, {"row_version", r.row_version}})
      .dump();
}

// The staff row's pay as CSV fields (export) and back.
retention::StaffCsvRow PayRow(const StaffMember& s) {
  retention::StaffCsvRow r;
  r.name = s.name;
  r.email = s.email;
  r.title = s.title;
  r.team = s.team;
  r.start_day = s.start_day;
  r.base_minor = s.base_cents;
  r.currency = s.currency;
  r.target_bonus_bp = s.target_bonus_bp;
  r.last_raise_day = s.last_raise_day;
  if (auto e = retention::HeldEquityFromJson(s.equity_json); e.ok()) r.equity = *e;
  return r;
}

constexpr const char* kCounterColumns =
    "c.id, c.staff_id, s.name, COALESCE(c.rival_offer_id, 0), c.state, c.terms_version, c.row_version, "
    "c.terms_json, c.in_band, c.band_reason, c.chain_json, c.note, c.created_by, c.created_at, c.updated_at, "
    "c.decided_at";

}  // namespace

// ---------------------------------------------------------------- import / export

Result<StaffImportSummary> SqlStore::ImportStaff(const Actor& actor, const std::vector<retention::StaffCsvRow>& rows) {
  if (!HasPermission(actor.role, Permission::kEditStaff)) return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not change staff");
  ST_RETURN_IF_ERROR(CanWrite(actor, "import staff pay"));
  StaffImportSummary sum;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    const std::int64_t now = Now();
    std::map<std::string, std::int64_t> by_email, by_name;  // the file's rows and the stored staff
    std::map<std::string, int> name_count;
    ST_ASSIGN_OR_RETURN(auto stored, c.Query("SELECT id, email, name FROM staff", {}));
    for (const SqlRow& r : stored) {
      if (!r.Text(1).empty()) by_email[r.Text(1)] = r.Int(0);
      by_name[r.Text(2)] = r.Int(0);
      ++name_count[r.Text(2)];
    }
    std::vector<std::int64_t> ids;
    for (const retention::StaffCsvRow& row : rows) {
      const std::string where = "row " + std::to_string(row.row) + " (line " + std::to_string(row.line) + "): ";
      const std::string equity = row.equity ? retention::HeldEquityToJson(*row.equity) : std::string();
      auto it = by_email.find(row.email);
      std::int64_t id = 0;
      if (it == by_email.end()) {
        SqlValue p[] = {row.name, row.email, row.title, row.team, std::int64_t{row.start_day}, row.base_minor,
                        row.currency, std::int64_t{row.target_bonus_bp}, std::int64_t{row.last_raise_day}, equity, now};
        ST_ASSIGN_OR_RETURN(auto ins, c.Query("INSERT INTO staff (name, email, title, team, start_day, base_cents, "
                                              "currency, target_bonus_bp, last_raise_day, equity_json, version, "
                                              "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,1,$11,$11) "
                                              "RETURNING id",
                                              p));
        id = ins[0].Int(0);
        ++sum.created;
        by_email[row.email] = id;
        ST_RETURN_IF_ERROR(AddAudit(c, actor, "staff.import_create", StaffTarget(id), "", json({{"row", row.row}}).dump()));
      } else {
        id = it->second;
        ST_ASSIGN_OR_RETURN(StaffMember before, LoadStaff(c, id));
        const bool same = before.name == row.name && before.title == row.title && before.team == row.team &&
                          before.start_day == row.start_day && before.base_cents == row.base_minor &&
                          before.currency == row.currency && before.target_bonus_bp == row.target_bonus_bp &&
                          before.last_raise_day == row.last_raise_day && before.equity_json == equity;
        if (!same) {
          SqlValue p[] = {row.name, row.title, row.team, std::int64_t{row.start_day}, row.base_minor, row.currency,
                          std::int64_t{row.target_bonus_bp}, std::int64_t{row.last_raise_day}, equity, now, id};
          ST_RETURN_IF_ERROR(c.Exec("UPDATE staff SET name=$1, title=$2, team=$3, start_day=$4, base_cents=$5, "
                                    "currency=$6, target_bonus_bp=$7, last_raise_day=$8, equity_json=$9, "
                                    "version=version+1, updated_at=$10 WHERE id=$11",
                                    p));
          ++sum.updated;
          ST_RETURN_IF_ERROR(AddAudit(c, actor, "staff.import_update", StaffTarget(id), StaffToJson(before).dump(),
                                      json({{"row", row.row}}).dump()));
        } else {
          ++sum.unchanged;
        }
      }
      if (by_name.count(row.name) == 0 || by_name[row.name] != id) ++name_count[row.name];
      by_name[row.name] = id;
      ids.push_back(id);
      (void)where;
    }
    // Managers once every row exists (a manager may come later in the file).
    for (size_t i = 0; i < rows.size(); ++i) {
      const retention::StaffCsvRow& row = rows[i];
      const std::string where = "row " + std::to_string(row.row) + " (line " + std::to_string(row.line) + "): ";
      std::int64_t manager = 0;
      if (!row.manager.empty()) {
        if (auto e = by_email.find(row.manager); e != by_email.end()) {
          manager = e->second;
        } else if (auto n = by_name.find(row.manager); n != by_name.end()) {
          if (name_count[row.manager] > 1)
            return Status::InvalidInput(where + "manager: '" + row.manager +
                                        "' names more than one person; give the e-mail");
          manager = n->second;
        } else {
          return Status::InvalidInput(where + "manager: '" + row.manager +
                                      "' is neither an e-mail nor a name of the file or the staff");
        }
      }
      SqlValue p[] = {manager > 0 ? SqlValue(manager) : SqlValue(), ids[i]};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE staff SET manager_staff_id = $1 WHERE id = $2 AND "
                                "COALESCE(manager_staff_id, 0) <> COALESCE($1, 0)",
                                p));
    }
    // No reporting loops: walk up from each row.
    for (size_t i = 0; i < rows.size(); ++i) {
      std::int64_t at = ids[i];
      for (size_t steps = 0; at != 0; ++steps) {
        SqlValue p[] = {at};
        ST_ASSIGN_OR_RETURN(auto up, c.Query("SELECT COALESCE(manager_staff_id, 0) FROM staff WHERE id = $1", p));
        at = up.empty() ? 0 : up[0].Int(0);
        if (at == ids[i] || steps > rows.size() + stored.size())
          return Status::InvalidInput("row " + std::to_string(rows[i].row) + " (line " + std::to_string(rows[i].line) +
                                      "): manager: '" + rows[i].manager + "' makes a reporting loop");
      }
    }
    sum.rows = static_cast<std::int64_t>(rows.size());
    return AddAudit(c, actor, "staff.import", "staff:*", "",
                    json({{"rows", sum.rows}, {"created", sum.created}, {"updated", sum.updated}}).dump());
  }));
  return sum;
}

Result<std::vector<retention::StaffCsvRow>> SqlStore::ExportStaffRows(const Actor& actor) {
  ST_RETURN_IF_ERROR(CanRead(actor, "export staff pay"));
  std::vector<retention::StaffCsvRow> out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT s.id, COALESCE(m.email, ''), COALESCE(m.name, '') FROM staff s "
                                           "LEFT JOIN staff m ON m.id = s.manager_staff_id ORDER BY s.id",
                                           {}));
    for (const SqlRow& r : rows) {
      ST_ASSIGN_OR_RETURN(StaffMember s, LoadStaff(c, r.Int(0)));
      retention::StaffCsvRow row = PayRow(s);
      row.manager = r.Text(1).empty() ? r.Text(2) : r.Text(1);
      out.push_back(std::move(row));
    }
    return AddAudit(c, actor, "staff.view_money", "staff:*", "", json({{"export_rows", out.size()}}).dump());
  }));
  return out;
}

Result<StaffMember> SqlStore::GetStaffPay(const Actor& actor, std::int64_t staff_id) {
  ST_RETURN_IF_ERROR(CanRead(actor, "read staff pay"));
  StaffMember s;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(s, LoadStaff(c, staff_id));
    return AddAudit(c, actor, "staff.view_money", StaffTarget(staff_id), "", "");
  }));
  return s;
}

Result<StaffMember> SqlStore::SetStaffLink(const Actor& actor, std::int64_t staff_id, const StaffLink& link) {
  if (!HasPermission(actor.role, Permission::kEditStaff))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not change staff");
  ST_RETURN_IF_ERROR(campaign::CheckTextField("author_id", link.author_id, 64, false));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("author_key", link.author_key, 300, false));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("reason", link.reason, 1000, false));
  if (link.state != "" && link.state != "suggested" && link.state != "confirmed" && link.state != "rejected")
    return Status::InvalidInput("field 'state': one of suggested, confirmed, rejected");
  if (link.state != "" && link.state != "rejected" && link.author_id.empty())
    return Status::InvalidInput("field 'author_id': needed for a " + link.state + " link");
  if (!(link.confidence >= 0 && link.confidence <= 1)) return Status::InvalidInput("field 'confidence': 0..1");
  StaffMember after;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(StaffMember before, LoadStaff(c, staff_id));
    SqlValue p[] = {link.author_id, link.confidence, link.reason, link.state, Now(),
                    link.author_id.empty() ? std::string() : link.author_key, staff_id};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE staff SET author_id=$1, link_confidence=$2, link_reason=$3, link_state=$4, "
                              "version=version+1, updated_at=$5, author_key=$6 WHERE id=$7",
                              p));
    ST_ASSIGN_OR_RETURN(after, LoadStaff(c, staff_id));
    return AddAudit(c, actor, "staff.link", StaffTarget(staff_id),
                    json({{"author_id", before.author_id}, {"state", before.link_state}}).dump(),
                    json({{"author_id", after.author_id}, {"author_key", after.author_key}, {"state", after.link_state},
                          {"confidence", after.link_confidence}}).dump());
  }));
  if (!HasPermission(actor.role, Permission::kReadCompensation)) {
    after.base_cents = 0;
    after.currency.clear();
    after.target_bonus_bp = 0;
    after.last_raise_day = 0;
    after.equity_json.clear();
  }
  return after;
}

// ---------------------------------------------------------------- rival offers

Result<RivalOffer> SqlStore::CreateRivalOffer(const Actor& actor, std::int64_t staff_id,
                                              const RivalOfferInput& given) {
  ST_RETURN_IF_ERROR(CanWrite(actor, "record rival offers"));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("company", given.company, 200, true));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("source", given.source, 500, false));
  // What a rival offer often lacks is filled in: a title, and an expiry (its deadline, else its start).
  RivalOfferInput in = given;
  if (in.terms.title.empty()) in.terms.title = in.company.substr(0, 200);
  if (in.terms.expiry_day == 0) in.terms.expiry_day = in.deadline_day > 0 ? in.deadline_day : in.terms.start_day;
  ST_RETURN_IF_ERROR(offers::ComputeValueTable(in.terms).status());  // validates, names the field
  RivalOffer out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(LoadStaff(c, staff_id).status());
    const std::int64_t now = Now();
    SqlValue p[] = {staff_id, in.company, offers::TermsToJson(in.terms).dump(), std::int64_t{in.deadline_day},
                    in.source, actor.username, now};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO rival_offers (staff_id, company, terms_json, deadline_day, "
                                           "source, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
                                           p));
    out = {rows[0].Int(0), staff_id, in.company, in.terms, in.deadline_day, in.source, actor.username, now};
    return AddAudit(c, actor, "rival_offer.create", RivalTarget(out.id), "",
                    json({{"staff_id", staff_id}, {"company", in.company}}).dump());
  }));
  return out;
}

Result<std::vector<RivalOffer>> SqlStore::ListRivalOffers(const Actor& actor, std::int64_t staff_id) {
  ST_RETURN_IF_ERROR(CanRead(actor, "read rival offers"));
  std::vector<RivalOffer> out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    // staff_id 0: everyone's, in one query and one audit row (the flight-risk list reads them all at once).
    if (staff_id != 0) ST_RETURN_IF_ERROR(LoadStaff(c, staff_id).status());
    SqlValue p[] = {staff_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, company, terms_json, deadline_day, source, created_by, "
                                           "created_at, staff_id FROM rival_offers WHERE staff_id = $1 OR $1 = 0 "
                                           "ORDER BY id DESC",
                                           p));
    std::set<std::int64_t> people;
    for (const SqlRow& r : rows) {
      auto terms = offers::TermsFromJson(json::parse(r.Text(2)));
      if (!terms.ok()) return Status::Corruption("rival offer " + std::to_string(r.Int(0)) + ": " + terms.status().message());
      out.push_back({r.Int(0), r.Int(7), r.Text(1), *terms, static_cast<std::int32_t>(r.Int(3)), r.Text(4), r.Text(5),
                     r.Int(6)});
      people.insert(r.Int(7));
    }
    return AddAudit(c, actor, "rival_offer.view_money", staff_id ? StaffTarget(staff_id) : std::string("staff:*"), "",
                    json({{"rival_offers", out.size()}, {"staff", people.size()}}).dump());
  }));
  return out;
}

Status SqlStore::DeleteRivalOffer(const Actor& actor, std::int64_t rival_offer_id) {
  ST_RETURN_IF_ERROR(CanWrite(actor, "delete rival offers"));
  return WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue p[] = {rival_offer_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("DELETE FROM rival_offers WHERE id = $1 RETURNING id", p));
    if (rows.empty()) return Status::NotFound("rival offer " + std::to_string(rival_offer_id) + " not found");
    ST_RETURN_IF_ERROR(c.Exec("UPDATE counter_offers SET rival_offer_id = NULL WHERE rival_offer_id = $1", p));
    return AddAudit(c, actor, "rival_offer.delete", RivalTarget(rival_offer_id), "", "");
  });
}

// ---------------------------------------------------------------- counters

Result<CounterRecord> SqlStore::LoadCounter(SqlConn& c, std::int64_t counter_id) {
  SqlValue p[] = {counter_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kCounterColumns +
                                             " FROM counter_offers c JOIN staff s ON s.id = c.staff_id WHERE c.id = $1",
                                         p));
  if (rows.empty()) return Status::NotFound("counter-offer " + std::to_string(counter_id) + " not found");
  const SqlRow& r = rows[0];
  CounterRecord o;
  o.id = r.Int(0);
  o.staff_id = r.Int(1);
  o.staff_name = r.Text(2);
  o.rival_offer_id = r.Int(3);
  o.state = offers::ParseOfferState(r.Text(4)).value_or(OfferState::kDraft);
  o.terms_version = static_cast<int>(r.Int(5));
  o.row_version = r.Int(6);
  auto terms = offers::TermsFromJson(json::parse(r.Text(7)));
  if (!terms.ok()) return Status::Corruption("counter-offer " + std::to_string(o.id) + ": " + terms.status().message());
  o.terms = *terms;
  o.in_band = r.Int(8) != 0;
  o.band_reason = r.Text(9);
  o.chain = ChainFromJson(r.Text(10));
  o.note = r.Text(11);
  o.created_by = r.Text(12);
  o.created_at = r.Int(13);
  o.updated_at = r.Int(14);
  o.decided_at = r.Int(15);
  ST_ASSIGN_OR_RETURN(o.approvals, LoadApprovals(c, kCounterApprovals, counter_id, o.terms_version));
  return o;
}

Status SqlStore::PriceCounter(SqlConn& c, CounterRecord& r) {
  ST_RETURN_IF_ERROR(offers::ComputeValueTable(r.terms).status());
  ST_ASSIGN_OR_RETURN(offers::OfferSettings settings, LoadOfferSettings(c));
  ST_ASSIGN_OR_RETURN(offers::BandCheck band, offers::CheckBand(settings, r.terms, offers::DayOfUnix(Now())));
  r.in_band = band.in_band;
  r.band_reason = band.reason;
  // A counter keeps the staff member's reporting line: no span-of-control step of its own.
  r.chain = offers::ChainFor(settings, r.in_band, false);
  return Status::Ok();
}

Result<CounterRecord> SqlStore::CreateCounter(const Actor& actor, std::int64_t staff_id, std::int64_t rival_offer_id,
                                              const offers::OfferTerms& terms, const std::string& note) {
  ST_RETURN_IF_ERROR(CanWrite(actor, "create counter-offers"));
  ST_RETURN_IF_ERROR(campaign::CheckTextField("note", note, 4000, false));
  CounterRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(StaffMember staff, LoadStaff(c, staff_id));
    if (rival_offer_id > 0) {
      SqlValue q[] = {rival_offer_id, staff_id};
      ST_ASSIGN_OR_RETURN(auto r, c.Query("SELECT id FROM rival_offers WHERE id = $1 AND staff_id = $2", q));
      if (r.empty())
        return Status::InvalidInput("field 'rival_offer_id': rival offer " + std::to_string(rival_offer_id) +
                                    " is not " + staff.name + "'s");
    }
    SqlValue s[] = {staff_id};
    ST_ASSIGN_OR_RETURN(auto open, c.Query("SELECT id, state FROM counter_offers WHERE staff_id = $1 AND state IN "
                                           "('draft','pending_approval','approved','sent')",
                                           s));
    if (!open.empty())
      return Status::Conflict(staff.name + " already has an open counter-offer (" + std::to_string(open[0].Int(0)) +
                              ", " + open[0].Text(1) + "): edit it instead");
    CounterRecord r;
    r.terms = terms;
    ST_RETURN_IF_ERROR(PriceCounter(c, r));
    const std::int64_t now = Now();
    SqlValue p[] = {staff_id, rival_offer_id > 0 ? SqlValue(rival_offer_id) : SqlValue(),
                    std::string(OfferStateName(OfferState::kDraft)), offers::TermsToJson(terms).dump(),
                    std::int64_t{r.in_band ? 1 : 0}, r.band_reason, ChainToJson(r.chain).dump(), note, actor.username, now};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO counter_offers (staff_id, rival_offer_id, state, terms_version, "
                                           "row_version, terms_json, in_band, band_reason, chain_json, note, "
                                           "created_by, created_at, updated_at) "
                                           "VALUES ($1,$2,$3,1,1,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id",
                                           p));
    ST_ASSIGN_OR_RETURN(out, LoadCounter(c, rows[0].Int(0)));
    return AddAudit(c, actor, "counter.create", CounterTarget(out.id), "", StateJson(out));
  }));
  return out;
}

Result<CounterRecord> SqlStore::EditCounter(const Actor& actor, std::int64_t counter_id, std::int64_t expected_version,
                                            const offers::OfferTerms& terms) {
  ST_RETURN_IF_ERROR(CanWrite(actor, "edit counter-offers"));
  CounterRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(CounterRecord o, LoadCounter(c, counter_id));
    if (o.row_version != expected_version)
      return Status::Conflict("counter-offer " + std::to_string(counter_id) + " was changed by someone else (version " +
                              std::to_string(o.row_version) + ", you sent " + std::to_string(expected_version) + ")");
    if (o.state != OfferState::kDraft && o.state != OfferState::kPendingApproval)
      return Status::Conflict("counter-offer " + std::to_string(counter_id) + " is " +
                              std::string(OfferStateName(o.state)) + ": withdraw it and make a new one");
    const std::string before = StateJson(o);
    o.terms = terms;
    ST_RETURN_IF_ERROR(PriceCounter(c, o));
    const std::int64_t now = Now();
    ST_RETURN_IF_ERROR(VoidApprovals(c, kCounterApprovals, counter_id, now));
    SqlValue p[] = {offers::TermsToJson(terms).dump(), std::int64_t{o.in_band ? 1 : 0}, o.band_reason,
                    ChainToJson(o.chain).dump(), now, counter_id, expected_version};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE counter_offers SET terms_json=$1, in_band=$2, band_reason=$3, "
                                           "chain_json=$4, state='draft', terms_version=terms_version+1, "
                                           "row_version=row_version+1, updated_at=$5 WHERE id=$6 AND row_version=$7 "
                                           "RETURNING id",
                                           p));
    if (rows.empty()) return Status::Conflict("counter-offer " + std::to_string(counter_id) + " was changed by someone else");
    ST_ASSIGN_OR_RETURN(out, LoadCounter(c, counter_id));
    return AddAudit(c, actor, "counter.edit_voids_approvals", CounterTarget(counter_id), before, StateJson(out));
  }));
  return out;
}

Result<CounterRecord> SqlStore::GetCounter(const Actor& actor, std::int64_t counter_id) {
  ST_RETURN_IF_ERROR(CanRead(actor, "read counter-offers"));
  CounterRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(out, LoadCounter(c, counter_id));
    return AddAudit(c, actor, "counter.view_money", CounterTarget(counter_id), "", "");
  }));
  return out;
}

Result<std::vector<CounterRecord>> SqlStore::ListCounters(const Actor& actor, std::int64_t staff_id) {
  ST_RETURN_IF_ERROR(CanRead(actor, "read counter-offers"));
  std::vector<CounterRecord> out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    std::vector<SqlRow> rows;
    if (staff_id > 0) {
      ST_RETURN_IF_ERROR(LoadStaff(c, staff_id).status());
      SqlValue p[] = {staff_id};
      ST_ASSIGN_OR_RETURN(rows, c.Query("SELECT id FROM counter_offers WHERE staff_id = $1 ORDER BY id DESC", p));
    } else {
      ST_ASSIGN_OR_RETURN(rows, c.Query("SELECT id FROM counter_offers WHERE state = 'pending_approval' "
                                        "ORDER BY updated_at, id",
                                        {}));
    }
    for (const SqlRow& r : rows) {
      ST_ASSIGN_OR_RETURN(CounterRecord o, LoadCounter(c, r.Int(0)));
      // The approval queue: the actor's role holds the current step.
      if (staff_id == 0 && !AwaitsRole(o.chain, o.approvals, actor.role)) continue;
      out.push_back(std::move(o));
    }
    return AddAudit(c, actor, "counter.view_money", staff_id > 0 ? StaffTarget(staff_id) : "counters:approval_queue",
                    "", json({{"counters", out.size()}}).dump());
  }));
  return out;
}

Result<CounterRecord> SqlStore::ActOnCounter(const Actor& actor, std::int64_t counter_id, std::int64_t expected_version,
                                             CounterAction action, const std::string& note) {
  ST_RETURN_IF_ERROR(campaign::CheckTextField("note", note, 2000, false));
  const bool approving = action == CounterAction::kApprove || action == CounterAction::kReject;
  ST_RETURN_IF_ERROR(approving ? CanRead(actor, "approve counter-offers") : CanWrite(actor, "change counter-offers"));
  if (action == CounterAction::kReject && note.empty())
    return Status::InvalidInput("field 'note': say why the counter-offer is rejected");
  CounterRecord out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(CounterRecord o, LoadCounter(c, counter_id));
    if (o.row_version != expected_version)
      return Status::Conflict("counter-offer " + std::to_string(counter_id) + " was changed by someone else (version " +
                              std::to_string(o.row_version) + ", you sent " + std::to_string(expected_version) + ")");
    const std::string before = StateJson(o);
    auto refuse = [&](std::string_view what) {
      return Status::Conflict("counter-offer " + std::to_string(counter_id) + " is " +
                              std::string(OfferStateName(o.state)) + ": cannot " + std::string(what));
    };
    OfferState to = o.state;
    std::string verb;
    switch (action) {
      case CounterAction::kSubmit:
        if (!offers::IsOfferMoveAllowed(o.state, OfferState::kPendingApproval)) return refuse("submit");
        to = OfferState::kPendingApproval;
        verb = "counter.submit";
        break;
      case CounterAction::kApprove: {
        if (o.state != OfferState::kPendingApproval) return refuse("approve");
        ST_ASSIGN_OR_RETURN(const bool complete, AddApproval(c, kCounterApprovals, counter_id, o.terms_version,
                                                             o.chain, o.approvals, actor, note, Now()));
        if (complete) {
          // The chain is complete: the compute promise is reserved now, or the approval is refused with the
          // ledger's reason — the same check an offer's last approval makes.
          if (o.terms.compute)
            ST_RETURN_IF_ERROR(ReserveCompute(c, actor, LedgerKey(counter_id), 0, *o.terms.compute));
          to = OfferState::kApproved;
        }
        verb = "counter.approve";
        break;
      }
      case CounterAction::kReject: {
        if (o.state != OfferState::kPendingApproval) return refuse("reject");
        ST_RETURN_IF_ERROR(
            RejectAtCurrentStep(c, kCounterApprovals, counter_id, o.chain, o.approvals, actor.role, Now()));
        to = OfferState::kDraft;
        verb = "counter.reject";
        break;
      }
      case CounterAction::kPresent:
        if (o.state != OfferState::kApproved) return refuse("be presented (it needs its approvals)");
        to = OfferState::kSent;
        verb = "counter.present";
        break;
      case CounterAction::kWithdraw:
        if (!offers::IsOfferOpen(o.state)) return refuse("withdraw");
        ST_RETURN_IF_ERROR(ReleaseCompute(c, actor, LedgerKey(counter_id), "counter-offer withdrawn"));
        to = OfferState::kWithdrawn;
        verb = "counter.withdraw";
        break;
    }
    const std::int64_t now = Now();
    const bool decided = to == OfferState::kWithdrawn;
    SqlValue p[] = {std::string(OfferStateName(to)), now, decided ? now : o.decided_at, counter_id, expected_version};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE counter_offers SET state=$1, updated_at=$2, decided_at=$3, "
                                           "row_version=row_version+1 WHERE id=$4 AND row_version=$5 RETURNING id",
                                           p));
    if (rows.empty()) return Status::Conflict("counter-offer " + std::to_string(counter_id) + " was changed by someone else");
    ST_ASSIGN_OR_RETURN(out, LoadCounter(c, counter_id));
    json after = json::parse(StateJson(out));
    if (!note.empty()) after["note"] = note;
    return AddAudit(c, actor, verb, CounterTarget(counter_id), before, after.dump());
  }));
  return out;
}

// ---------------------------------------------------------------- outcomes

Result<RetentionOutcome> SqlStore::RecordRetentionOutcome(const Actor& actor, std::int64_t staff_id,
                                                          const std::string& outcome, const std::string& to_company) {
  ST_RETURN_IF_ERROR(CanWrite(actor, "record retention outcomes"));
  if (outcome != "stayed" && outcome != "left") return Status::InvalidInput("field 'outcome': stayed or left");
  ST_RETURN_IF_ERROR(campaign::CheckTextField("to_company", to_company, 200, outcome == "left"));
  RetentionOutcome out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(StaffMember staff, LoadStaff(c, staff_id));
    SqlValue s[] = {staff_id};
    ST_ASSIGN_OR_RETURN(auto open, c.Query("SELECT id FROM counter_offers WHERE staff_id = $1 AND state IN "
                                           "('draft','pending_approval','approved','sent') ORDER BY id DESC",
                                           s));
    // Features for the models: the counter's money, compute and team against the rival's; no names.
    json f = {{"outcome", outcome}, {"currency", staff.currency}, {"base", staff.base_cents}};
    if (staff.start_day > 0) f["tenure_days"] = offers::DayOfUnix(Now()) - staff.start_day;
    std::int64_t counter_id = 0;
    if (!open.empty()) {
      counter_id = open[0].Int(0);
      ST_ASSIGN_OR_RETURN(CounterRecord o, LoadCounter(c, counter_id));
      const bool accepted = outcome == "stayed" && (o.state == OfferState::kApproved || o.state == OfferState::kSent);
      const OfferState to = accepted ? OfferState::kAccepted
                            : o.state == OfferState::kSent ? OfferState::kDeclined
                                                            : OfferState::kWithdrawn;
      if (accepted && o.terms.compute) ST_RETURN_IF_ERROR(CommitCompute(c, actor, LedgerKey(counter_id)));
      if (!accepted) ST_RETURN_IF_ERROR(ReleaseCompute(c, actor, LedgerKey(counter_id), "retention outcome: " + outcome));
      const std::int64_t now = Now();
      SqlValue p[] = {std::string(OfferStateName(to)), now, counter_id};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE counter_offers SET state=$1, updated_at=$2, decided_at=$2, "
                                "row_version=row_version+1 WHERE id=$3",
                                p));
      f["counter_state"] = OfferStateName(to);
      f["counter_base"] = o.terms.base_salary_minor;
      if (auto vt = offers::ComputeValueTable(o.terms); vt.ok()) f["counter_four_year"] = vt->four_year;
      if (o.terms.compute) f["counter_gpus"] = o.terms.compute->gpus;
      if (o.terms.team) f["counter_team"] = o.terms.team->headcount;
      if (o.rival_offer_id > 0) {
        SqlValue q[] = {o.rival_offer_id};
        ST_ASSIGN_OR_RETURN(auto rv, c.Query("SELECT terms_json FROM rival_offers WHERE id = $1", q));
        if (!rv.empty())
          if (auto t = offers::TermsFromJson(json::parse(rv[0].Text(0))); t.ok()) {
            f["rival_base"] = t->base_salary_minor;
            f["rival_currency"] = offers::CurrencyCode(t->currency);
            if (auto vt = offers::ComputeValueTable(*t); vt.ok()) f["rival_four_year"] = vt->four_year;
          }
      }
    }
    const std::int64_t now = Now();
    SqlValue p[] = {staff_id, counter_id > 0 ? SqlValue(counter_id) : SqlValue(), outcome, to_company, now, f.dump()};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO retention_outcomes (staff_id, counter_id, outcome, to_company, "
                                           "at, features_json) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                                           p));
    out = {rows[0].Int(0), staff_id, counter_id, outcome, to_company, now};
    return AddAudit(c, actor, "retention.outcome", StaffTarget(staff_id), "",
                    json({{"outcome", outcome}, {"to", to_company}, {"counter_id", counter_id}}).dump());
  }));
  return out;
}

Result<std::vector<RetentionOutcome>> SqlStore::ListRetentionOutcomes(const Actor& actor, std::int64_t staff_id) {
  ST_RETURN_IF_ERROR(CanRead(actor, "read retention outcomes"));
  std::vector<RetentionOutcome> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {staff_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, COALESCE(counter_id, 0), outcome, to_company, at FROM "
                                           "retention_outcomes WHERE staff_id = $1 ORDER BY id DESC",
                                           p));
    for (const SqlRow& r : rows) out.push_back({r.Int(0), staff_id, r.Int(1), r.Text(2), r.Text(3), r.Int(4)});
    return Status::Ok();
  }));
  return out;
}

// ---------------------------------------------------------------- personal data

Result<json> SqlStore::RetentionExportJson(SqlConn& c, const StaffMember& s) {
  json pay = {{"base", s.base_cents}, {"currency", s.currency}, {"target_bonus_bp", s.target_bonus_bp},
              {"last_raise_date", s.last_raise_day == 0 ? std::string() : offers::FormatDate(s.last_raise_day)}};
  if (!s.equity_json.empty()) pay["equity"] = json::parse(s.equity_json, nullptr, false);
  SqlValue p[] = {s.id};
  ST_ASSIGN_OR_RETURN(auto rivals, c.Query("SELECT company, terms_json, deadline_day, source, created_at FROM "
                                           "rival_offers WHERE staff_id = $1 ORDER BY id",
                                           p));
  json rv = json::array();
  for (const SqlRow& r : rivals)
    rv.push_back({{"company", r.Text(0)}, {"terms", json::parse(r.Text(1))}, {"deadline_day", r.Int(2)},
                  {"source", r.Text(3)}, {"created_at", r.Int(4)}});
  ST_ASSIGN_OR_RETURN(auto counters, c.Query("SELECT id FROM counter_offers WHERE staff_id = $1 ORDER BY id", p));
  json ct = json::array();
  for (const SqlRow& r : counters) {
    ST_ASSIGN_OR_RETURN(CounterRecord o, LoadCounter(c, r.Int(0)));
    ct.push_back({{"id", o.id}, {"state", OfferStateName(o.state)}, {"terms", offers::TermsToJson(o.terms)},
                  {"created_at", o.created_at}, {"decided_at", o.decided_at}});
  }
  ST_ASSIGN_OR_RETURN(auto outcomes, c.Query("SELECT outcome, to_company, at FROM retention_outcomes WHERE "
                                             "staff_id = $1 ORDER BY id",
                                             p));
  json oc = json::array();
  for (const SqlRow& r : outcomes) oc.push_back({{"outcome", r.Text(0)}, {"to", r.Text(1)}, {"at", r.Int(2)}});
  return json{{"pay", pay},
              {"graph_link", {{"author_id", s.author_id}, {"author_key", s.author_key}, {"state", s.link_state},
                              {"reason", s.link_reason}}},
              {"rival_offers", rv},
              {"counter_offers", ct},
              {"outcomes", oc}};
}

Status SqlStore::EraseRetention(SqlConn& c, const Actor& actor, std::int64_t staff_id) {
  SqlValue p[] = {staff_id};
  // Alerts about them as staff (their confirmed graph link, sql_store_watch.cc) go with them.
  ST_ASSIGN_OR_RETURN(auto keys, c.Query("SELECT author_key, author_id FROM staff WHERE id = $1", p));
  for (const SqlRow& r : keys)
    for (const std::string& k : {r.Text(0), r.Text(1)})
      if (!k.empty()) {
        SqlValue kp[] = {k};
        ST_RETURN_IF_ERROR(c.Exec("DELETE FROM watch_alerts WHERE author_key = $1 AND person_id IS NULL", kp));
      }
  ST_ASSIGN_OR_RETURN(auto counters, c.Query("SELECT id FROM counter_offers WHERE staff_id = $1", p));
  for (const SqlRow& r : counters) {
    ST_RETURN_IF_ERROR(ReleaseCompute(c, actor, LedgerKey(r.Int(0)), "staff member erased"));
    SqlValue t[] = {CounterTarget(r.Int(0))};
    ST_RETURN_IF_ERROR(c.Exec("UPDATE audit_log SET before_json = '', after_json = '{\"redacted\":true}' "
                              "WHERE target = $1",
                              t));
    SqlValue id[] = {r.Int(0)};
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM counter_approvals WHERE counter_id = $1", id));
  }
  ST_RETURN_IF_ERROR(c.Exec("DELETE FROM counter_offers WHERE staff_id = $1", p));
  ST_RETURN_IF_ERROR(c.Exec("DELETE FROM rival_offers WHERE staff_id = $1", p));
  // The models keep the anonymous features and outcome, no longer tied to the person or their new employer.
  return c.Exec("UPDATE retention_outcomes SET staff_id = NULL, to_company = '' WHERE staff_id = $1", p);
}

}  // namespace st::store
