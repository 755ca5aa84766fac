// Deals of SqlStore (issue 13): a row per deal with its people, every change a
// new row version with an immutable snapshot in deal_versions, audited
// ("deal.create", "deal.update", "deal.person_add", "deal.person_update",
// "deal.person_remove") and every read audited too ("deal.list", "deal.view":
// deals are the CEO's most sensitive plans). Audit entries carry deal-level
// fields and line numbers only, never a person's name, role or notes, so
// erasing a candidate needs no audit redaction here.
#include <algorithm>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace st::store {
namespace {

using campaign::HasPermission;
using campaign::Permission;
using campaign::RoleName;
using deals::Deal;
using deals::DealPerson;
using nlohmann::json;

constexpr const char* kDealColumns =
    "id, org, kind, status, price_minor, currency, stake_bp, notes, version, created_by, created_at, updated_at";

Deal RowToDeal(const SqlRow& r) {
  Deal d;
  d.id = r.Int(0);
  d.org = r.Text(1);
  d.kind = deals::ParseDealKind(r.Text(2)).value_or(deals::DealKind::kInvestment);
  d.status = deals::ParseDealStatus(r.Text(3)).value_or(deals::DealStatus::kIdea);
  d.price.minor = r.Int(4);
  d.price.currency = offers::ParseCurrency(r.Text(5)).value_or(offers::Currency::kUsd);
  d.stake_bp = static_cast<int>(r.Int(6));
  d.notes = r.Text(7);
  d.version = r.Int(8);
  d.created_by = r.Text(9);
  d.created_at = r.Int(10);
  d.updated_at = r.Int(11);
  return d;
}

std::string DealTarget(std::int64_t id) { return "deal:" + std::to_string(id); }

Status CheckRead(const Actor& actor) {
  if (!HasPermission(actor.role, Permission::kReadDeals))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not see deals");
  return Status::Ok();
}
Status CheckManage(const Actor& actor) {
  if (!HasPermission(actor.role, Permission::kManageDeals))
    return Status::Forbidden("role " + std::string(RoleName(actor.role)) + " may not change deals");
  return Status::Ok();
}

// Prices, stakes and retention only for roles that manage deals (defence in
// depth: the web layer leaves the keys out as well).
void GuardTerms(const Actor& actor, Deal& d) {
  if (HasPermission(actor.role, Permission::kManageDeals)) return;
  d.price.minor = 0;
  d.stake_bp = 0;
  for (DealPerson& p : d.people) p.retention_minor = 0;
}

json PersonSnapshot(const DealPerson& p) {
  return {{"line", p.line},       {"person_id", p.person_id},          {"author_id", p.author_id},
          {"name", p.name},       {"role", p.role},                    {"p_join_permille", p.p_join_permille},
          {"retention_minor", p.retention_minor}, {"notes", p.notes}};
}

// The whole deal, for its version history.
std::string DealSnapshot(const Deal& d) {
  json people = json::array();
  for (const DealPerson& p : d.people) people.push_back(PersonSnapshot(p));
  return json{{"org", d.org},
              {"kind", deals::DealKindName(d.kind)},
              {"status", deals::DealStatusName(d.status)},
              {"price_minor", d.price.minor},
              {"currency", offers::CurrencyCode(d.price.currency)},
              {"stake_bp", d.stake_bp},
              {"notes", d.notes},
              {"people", people}}
      .dump();
}

// Deal-level facts for the audit log: no names, roles or notes of people.
std::string DealAudit(const Deal& d) {
  return json{{"org", d.org},
              {"kind", deals::DealKindName(d.kind)},
              {"status", deals::DealStatusName(d.status)},
              {"price_minor", d.price.minor},
              {"currency", offers::CurrencyCode(d.price.currency)},
              {"stake_bp", d.stake_bp},
              {"people", d.people.size()},
              {"version", d.version}}
      .dump();
}

std::string LineAudit(const DealPerson& p) {
  return json{{"line", p.line},
              {"person_id", p.person_id},
              {"author_id", p.author_id},
              {"p_join_permille", p.p_join_permille},
              {"retention_minor", p.retention_minor}}
      .dump();
}

Status DealVersionConflict(std::int64_t id, std::int64_t current, std::int64_t expected) {
  return Status::Conflict("deal " + std::to_string(id) + " was changed by someone else (version " +
                          std::to_string(current) + ", you sent " + std::to_string(expected) + ")");
}

Result<std::vector<DealPerson>> LoadDealPeople(SqlConn& c, std::int64_t deal_id) {
  SqlValue p[] = {deal_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT line, COALESCE(person_id, 0), author_id, name, role, "
                                         "p_join_permille, retention_minor, notes FROM deal_people "
                                         "WHERE deal_id = $1 ORDER BY line",
                                         p));
  std::vector<DealPerson> out;
  for (const SqlRow& r : rows) {
    DealPerson d;
    d.line = static_cast<int>(r.Int(0));
    d.person_id = r.Int(1);
    d.author_id = r.Int(2);
    d.name = r.Text(3);
    d.role = r.Text(4);
    d.p_join_permille = static_cast<int>(r.Int(5));
    d.retention_minor = r.Int(6);
    d.notes = r.Text(7);
    out.push_back(std::move(d));
  }
  return out;
}

Result<Deal> LoadDealTx(SqlConn& c, std::int64_t id) {
  SqlValue p[] = {id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kDealColumns + " FROM deals WHERE id = $1", p));
  if (rows.empty()) return Status::NotFound("deal " + std::to_string(id) + " not found");
  Deal d = RowToDeal(rows[0]);
  ST_ASSIGN_OR_RETURN(d.people, LoadDealPeople(c, id));
  return d;
}

Status InsertDealPerson(SqlConn& c, std::int64_t deal_id, const DealPerson& p) {
  SqlValue v[] = {deal_id,
                  std::int64_t{p.line},
                  p.person_id > 0 ? SqlValue(p.person_id) : SqlValue(),
                  p.author_id,
                  p.name,
                  p.role,
                  std::int64_t{p.p_join_permille},
                  p.retention_minor,
                  p.notes};
  return c.Exec("INSERT INTO deal_people (deal_id, line, person_id, author_id, name, role, p_join_permille, "
                "retention_minor, notes) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                v);
}

// A pipeline candidate named by a deal line must exist; their name fills an empty one.
Status ResolveCandidate(SqlConn& c, DealPerson& p, size_t index) {
  if (p.person_id <= 0) return Status::Ok();
  SqlValue v[] = {p.person_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT name FROM people WHERE id = $1", v));
  if (rows.empty())
    return Status::InvalidInput("people[" + std::to_string(index) + "].person_id: no candidate " +
                                std::to_string(p.person_id));
  if (p.name.empty()) p.name = rows[0].Text(0);
  return Status::Ok();
}

// The same candidate or graph author twice in one deal is a mistake.
Status CheckDuplicate(const Deal& d, const DealPerson& p, int skip_line) {
  for (const DealPerson& o : d.people) {
    if (o.line == skip_line) continue;
    if (p.person_id > 0 && o.person_id == p.person_id)
      return Status::Conflict("person_id: candidate " + std::to_string(p.person_id) + " is already on line " +
                              std::to_string(o.line) + " of this deal");
    if (p.author_id >= 0 && o.author_id == p.author_id)
      return Status::Conflict("author_id: author " + std::to_string(p.author_id) + " is already on line " +
                              std::to_string(o.line) + " of this deal");
  }
  return Status::Ok();
}

}  // namespace

Result<Deal> SqlStore::LoadDeal(SqlConn& c, std::int64_t id) { return LoadDealTx(c, id); }

Status SqlStore::WriteDealVersion(SqlConn& c, const Actor& actor, Deal& d, bool insert) {
  d.updated_at = Now();
  const std::string by = actor.username.empty() ? std::string("system") : actor.username;
  // $1..$8 are the same for both statements: the deal's fields and the time.
  std::vector<SqlValue> v = {d.org,
                             std::string(deals::DealKindName(d.kind)),
                             std::string(deals::DealStatusName(d.status)),
                             d.price.minor,
                             std::string(offers::CurrencyCode(d.price.currency)),
                             std::int64_t{d.stake_bp},
                             d.notes,
                             d.updated_at};
  if (insert) {
    v.push_back(by);
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query("INSERT INTO deals (org, kind, status, price_minor, currency, stake_bp, notes, "
                                "created_at, updated_at, version, created_by) "
                                "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8,1,$9) RETURNING id",
                                v));
    d.id = rows[0].Int(0);
    d.version = 1;
    d.created_at = d.updated_at;
  } else {
    v.push_back(d.id);
    v.push_back(d.version);
    ST_ASSIGN_OR_RETURN(auto rows,
                        c.Query("UPDATE deals SET org = $1, kind = $2, status = $3, price_minor = $4, currency = $5, "
                                "stake_bp = $6, notes = $7, updated_at = $8, version = version + 1 "
                                "WHERE id = $9 AND version = $10 RETURNING version",
                                v));
    if (rows.empty()) return Status::Conflict("deal " + std::to_string(d.id) + " changed meanwhile");
    d.version = rows[0].Int(0);
  }
  SqlValue s[] = {d.id, d.version, DealSnapshot(d), by, d.updated_at};
  return c.Exec("INSERT INTO deal_versions (deal_id, version, deal_json, actor, at) VALUES ($1,$2,$3,$4,$5)", s);
}

Result<std::vector<Deal>> SqlStore::ListDeals(const Actor& actor) {
  ST_RETURN_IF_ERROR(CheckRead(actor));
  std::vector<Deal> out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    out.clear();
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kDealColumns +
                                               " FROM deals ORDER BY updated_at DESC, id DESC",
                                           {}));
    for (const SqlRow& r : rows) {
      Deal d = RowToDeal(r);
      ST_ASSIGN_OR_RETURN(d.people, LoadDealPeople(c, d.id));
      out.push_back(std::move(d));
    }
    return AddAudit(c, actor, "deal.list", "deals", "", "{\"deals\":" + std::to_string(out.size()) + "}");
  }));
  for (Deal& d : out) GuardTerms(actor, d);
  return out;
}

Result<Deal> SqlStore::GetDeal(const Actor& actor, std::int64_t id) {
  ST_RETURN_IF_ERROR(CheckRead(actor));
  Deal d;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(d, LoadDealTx(c, id));
    const bool terms = HasPermission(actor.role, Permission::kManageDeals);
    return AddAudit(c, actor, "deal.view", DealTarget(id), "", terms ? "{\"terms\":true}" : "{\"terms\":false}");
  }));
  GuardTerms(actor, d);
  return d;
}

Result<Deal> SqlStore::CreateDeal(const Actor& actor, const Deal& in) {
  ST_RETURN_IF_ERROR(CheckManage(actor));
  Deal d = in;
  d.status = in.status;
  for (size_t i = 0; i < d.people.size(); ++i) d.people[i].line = static_cast<int>(i) + 1;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    for (size_t i = 0; i < d.people.size(); ++i) {
      ST_RETURN_IF_ERROR(ResolveCandidate(c, d.people[i], i));
      ST_RETURN_IF_ERROR(CheckDuplicate(d, d.people[i], d.people[i].line));
    }
    ST_RETURN_IF_ERROR(deals::ValidateDeal(d));
    ST_RETURN_IF_ERROR(WriteDealVersion(c, actor, d, /*insert=*/true));
    for (const DealPerson& p : d.people) ST_RETURN_IF_ERROR(InsertDealPerson(c, d.id, p));
    return AddAudit(c, actor, "deal.create", DealTarget(d.id), "", DealAudit(d));
  }));
  d.created_by = actor.username.empty() ? "system" : actor.username;
  return d;
}

Result<Deal> SqlStore::ChangeDeal(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                  std::string_view action, const DealChange& change) {
  ST_RETURN_IF_ERROR(CheckManage(actor));
  Deal d;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(d, LoadDealTx(c, id));
    if (d.version != expected_version) return DealVersionConflict(id, d.version, expected_version);
    const std::string before = DealAudit(d);
    std::string detail;
    ST_RETURN_IF_ERROR(change(c, d, detail));
    ST_RETURN_IF_ERROR(deals::ValidateDeal(d));
    ST_RETURN_IF_ERROR(WriteDealVersion(c, actor, d, /*insert=*/false));
    std::string after = DealAudit(d);
    if (!detail.empty()) after = "{\"deal\":" + after + ",\"line\":" + detail + "}";
    return AddAudit(c, actor, action, DealTarget(id), before, after);
  }));
  return d;
}

Result<Deal> SqlStore::UpdateDeal(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                  const deals::DealPatch& patch) {
  if (patch.empty()) return Status::InvalidInput("nothing to change");
  return ChangeDeal(actor, id, expected_version, "deal.update",
                    [&](SqlConn&, Deal& d, std::string&) { return deals::ApplyPatch(patch, d); });
}

Result<Deal> SqlStore::AddDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                     const DealPerson& person) {
  return ChangeDeal(actor, id, expected_version, "deal.person_add", [&](SqlConn& c, Deal& d, std::string& detail) {
    DealPerson p = person;
    int line = 0;
    for (const DealPerson& o : d.people) line = std::max(line, o.line);
    p.line = line + 1;
    ST_RETURN_IF_ERROR(ResolveCandidate(c, p, d.people.size()));
    ST_RETURN_IF_ERROR(deals::ValidateDealPerson(p, d.people.size()));
    ST_RETURN_IF_ERROR(CheckDuplicate(d, p, 0));
    if (d.people.size() + 1 > deals::kMaxPeople)
      return Status::InvalidInput("people: at most " + std::to_string(deals::kMaxPeople) + " per deal");
    ST_RETURN_IF_ERROR(InsertDealPerson(c, d.id, p));
    detail = LineAudit(p);
    d.people.push_back(std::move(p));
    return Status::Ok();
  });
}

Result<Deal> SqlStore::UpdateDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version, int line,
                                        const DealPerson& person) {
  return ChangeDeal(actor, id, expected_version, "deal.person_update", [&](SqlConn& c, Deal& d, std::string& detail) {
    for (size_t i = 0; i < d.people.size(); ++i) {
      if (d.people[i].line != line) continue;
      DealPerson p = person;
      p.line = line;
      ST_RETURN_IF_ERROR(ResolveCandidate(c, p, i));
      ST_RETURN_IF_ERROR(deals::ValidateDealPerson(p, i));
      ST_RETURN_IF_ERROR(CheckDuplicate(d, p, line));
      SqlValue v[] = {p.person_id > 0 ? SqlValue(p.person_id) : SqlValue(),
                      p.author_id,
                      p.name,
                      p.role,
                      std::int64_t{p.p_join_permille},
                      p.retention_minor,
                      p.notes,
                      d.id,
                      std::int64_t{line}};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE deal_people SET person_id = $1, author_id = $2, name = $3, role = $4, "
                                "p_join_permille = $5, retention_minor = $6, notes = $7 "
                                "WHERE deal_id = $8 AND line = $9",
                                v));
      detail = LineAudit(p);
      d.people[i] = std::move(p);
      return Status::Ok();
    }
    return Status::NotFound("deal " + std::to_string(id) + " has no line " + std::to_string(line));
  });
}

Result<Deal> SqlStore::RemoveDealPerson(const Actor& actor, std::int64_t id, std::int64_t expected_version, int line) {
  return ChangeDeal(actor, id, expected_version, "deal.person_remove", [&](SqlConn& c, Deal& d, std::string& detail) {
    for (size_t i = 0; i < d.people.size(); ++i) {
      if (d.people[i].line != line) continue;
      SqlValue v[] = {d.id, std::int64_t{line}};
      ST_RETURN_IF_ERROR(c.Exec("DELETE FROM deal_people WHERE deal_id = $1 AND line = $2", v));
      detail = LineAudit(d.people[i]);
      d.people.erase(d.people.begin() + static_cast<std::ptrdiff_t>(i));
      return Status::Ok();
    }
    return Status::NotFound("deal " + std::to_string(id) + " has no line " + std::to_string(line));
  });
}

Result<std::vector<deals::DealVersion>> SqlStore::ListDealVersions(const Actor& actor, std::int64_t id) {
  ST_RETURN_IF_ERROR(CheckManage(actor));
  std::vector<deals::DealVersion> out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    out.clear();
    ST_RETURN_IF_ERROR(LoadDealTx(c, id).status());
    SqlValue p[] = {id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT version, deal_json, actor, at FROM deal_versions "
                                           "WHERE deal_id = $1 ORDER BY version",
                                           p));
    for (const SqlRow& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
    return AddAudit(c, actor, "deal.view_versions", DealTarget(id), "", "");
  }));
  return out;
}

// ---- personal data: a candidate's lines in deals (by candidate id, or by
// their talent-graph author id when the line names only the author).

namespace {

// The lines of deals that are about this person: {deal id, line}.
Result<std::vector<SqlRow>> PersonLines(SqlConn& c, std::int64_t person_id, std::int64_t author_id) {
  // A person without a graph author matches by candidate id only (-1 matches no line: author ids are >= 0
  // or -1 for "none", so the "none" lines are excluded by the extra condition).
  SqlValue p[] = {person_id, author_id};
  return c.Query("SELECT dp.deal_id, dp.line, d.org, d.kind, d.status, dp.role, dp.notes, dp.p_join_permille, "
                 "dp.retention_minor, d.currency FROM deal_people dp JOIN deals d ON d.id = dp.deal_id "
                 "WHERE dp.person_id = $1 OR (dp.author_id = $2 AND dp.author_id >= 0) ORDER BY dp.deal_id, dp.line",
                 p);
}

Result<std::int64_t> AuthorOf(SqlConn& c, std::int64_t person_id) {
  SqlValue p[] = {person_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT author_id FROM people WHERE id = $1", p));
  if (rows.empty() || rows[0].IsNull(0)) return std::int64_t{-1};
  return rows[0].Int(0);
}

}  // namespace

Status SqlStore::AddDealsToExport(SqlConn& c, std::int64_t person_id, std::string* export_json) {
  auto doc = json::parse(*export_json, nullptr, false);
  if (!doc.is_object()) return Status::Internal("export document is not a JSON object");
  ST_ASSIGN_OR_RETURN(std::int64_t author, AuthorOf(c, person_id));
  ST_ASSIGN_OR_RETURN(auto rows, PersonLines(c, person_id, author));
  json list = json::array();
  for (const SqlRow& r : rows)
    list.push_back({{"deal_id", r.Int(0)},      {"line", r.Int(1)},  {"org", r.Text(2)},
                    {"kind", r.Text(3)},        {"status", r.Text(4)}, {"role", r.Text(5)},
                    {"notes", r.Text(6)},       {"p_join_permille", r.Int(7)},
                    {"retention", {{"minor", r.Int(8)}, {"currency", r.Text(9)}}}});
  doc["deals"] = std::move(list);
  *export_json = doc.dump(2);
  return Status::Ok();
}

Status SqlStore::EraseFromDeals(SqlConn& c, const Actor& actor, std::int64_t person_id) {
  ST_ASSIGN_OR_RETURN(std::int64_t author, AuthorOf(c, person_id));
  ST_ASSIGN_OR_RETURN(auto rows, PersonLines(c, person_id, author));
  std::set<std::int64_t> touched;
  for (const SqlRow& r : rows) {
    SqlValue v[] = {r.Int(0), r.Int(1)};
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM deal_people WHERE deal_id = $1 AND line = $2", v));
    touched.insert(r.Int(0));
  }
  // The kept versions held the person's name, role and notes: rewrite them without the person's lines.
  for (std::int64_t deal_id : touched) {
    SqlValue p[] = {deal_id};
    ST_ASSIGN_OR_RETURN(auto versions, c.Query("SELECT version, deal_json FROM deal_versions WHERE deal_id = $1", p));
    for (const SqlRow& v : versions) {
      json snap = json::parse(v.Text(1), nullptr, false);
      if (!snap.is_object() || !snap.contains("people")) continue;
      json kept = json::array();
      for (const json& line : snap["people"]) {
        const bool theirs = line.value("person_id", std::int64_t{0}) == person_id ||
                            (author >= 0 && line.value("author_id", std::int64_t{-1}) == author);
        if (!theirs) kept.push_back(line);
      }
      snap["people"] = std::move(kept);
      SqlValue u[] = {snap.dump(), deal_id, v.Int(0)};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE deal_versions SET deal_json = $1 WHERE deal_id = $2 AND version = $3", u));
    }
    ST_RETURN_IF_ERROR(AddAudit(c, actor, "deal.erase_person", DealTarget(deal_id), "",
                                "{\"person\":" + std::to_string(person_id) + "}"));
  }
  return Status::Ok();
}

}  // namespace st::store
