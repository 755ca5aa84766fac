// Staff of SqlStore: the lab's own people with their managers (flat teams:
// reports per manager against the "teams" cap). Personal data: exported and
// erased on request like candidates.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "compute/access.h"
#include "compute/day.h"
#include "store/person_json.h"
#include "store/sql_store.h"
#include "store/staff_json.h"

namespace st::store {
namespace {

constexpr const char* kStaffColumns =
    "id, name, email, title, team, COALESCE(manager_staff_id, 0), is_research, start_day, version, created_at, "
    "updated_at, author_id, link_confidence, link_reason, link_state, base_cents, currency, target_bonus_bp, "
    "last_raise_day, equity_json, author_key";

StaffMember RowToStaff(const SqlRow& r) {
  StaffMember s;
  s.id = r.Int(0);
  s.name = r.Text(1);
  s.email = r.Text(2);
  s.title = r.Text(3);
  s.team = r.Text(4);
  s.manager_staff_id = r.Int(5);
  s.is_research = r.Int(6) != 0;
  s.start_day = static_cast<std::int32_t>(r.Int(7));
  s.version = r.Int(8);
  s.created_at = r.Int(9);
  s.updated_at = r.Int(10);
  s.author_id = r.Text(11);
  s.link_confidence = r.Double(12);
  s.link_reason = r.Text(13);
  s.link_state = r.Text(14);
  s.base_cents = r.Int(15);
  s.currency = r.Text(16);
  s.target_bonus_bp = static_cast<std::int32_t>(r.Int(17));
  s.last_raise_day = static_cast<std::int32_t>(r.Int(18));
  s.equity_json = r.Text(19);
  s.author_key = r.Text(20);
  return s;
}

std::string StaffTarget(std::int64_t id) { return "staff:" + std::to_string(id); }

// Pay and equity are ceo/hr only: other roles get the record without them.
void StripStaffMoney(const Actor& a, StaffMember& s) {
  if (campaign::HasPermission(a.role, campaign::Permission::kReadCompensation)) return;
  s.base_cents = 0;
  s.currency.clear();
  s.target_bonus_bp = 0;
  s.last_raise_day = 0;
  s.equity_json.clear();
}

Status ValidatePatch(const StaffPatch& p, bool creating) {
  if (creating && !p.name) return Status::InvalidInput("field 'name': required");
  if (p.name) ST_RETURN_IF_ERROR(campaign::CheckTextField("name", *p.name, 200, true));
  if (p.email) {
    ST_RETURN_IF_ERROR(campaign::CheckTextField("email", *p.email, 254, false));
    if (!p.email->empty() && (p.email->find('@') == std::string::npos || p.email->find(' ') != std::string::npos))
      return Status::InvalidInput("field 'email': not an e-mail address");
  }
  if (p.title) ST_RETURN_IF_ERROR(campaign::CheckTextField("title", *p.title, 200, false));
  if (p.team) ST_RETURN_IF_ERROR(campaign::CheckTextField("team", *p.team, 200, false));
  if (p.manager_staff_id && *p.manager_staff_id < 0) return Status::InvalidInput("field 'manager_id': must be >= 0");
  if (p.start_day && *p.start_day != 0 && (*p.start_day < compute::kMinDay || *p.start_day > compute::kMaxDay))
    return Status::InvalidInput("field 'start_date': out of range");
  return Status::Ok();
}

Status Forbidden(const Actor& a, const char* what) {
  return Status::Forbidden("role " + std::string(campaign::RoleName(a.role)) + " may not " + what);
}

}  // namespace

Result<StaffMember> SqlStore::LoadStaff(SqlConn& c, std::int64_t id) {
  SqlValue p[] = {id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kStaffColumns + " FROM staff WHERE id = $1", p));
  if (rows.empty()) return Status::NotFound("staff " + std::to_string(id) + " not found");
  return RowToStaff(rows[0]);
}

namespace {

// The manager must exist, and `id` must not be above it in the reporting
// chain (no loops).
Status CheckManager(SqlConn& c, std::int64_t id, std::int64_t manager) {
  if (manager == 0) return Status::Ok();
  if (manager == id) return Status::InvalidInput("field 'manager_id': a person cannot manage themselves");
  std::set<std::int64_t> seen;
  for (std::int64_t at = manager; at != 0;) {
    SqlValue p[] = {at};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COALESCE(manager_staff_id, 0) FROM staff WHERE id = $1", p));
    if (rows.empty()) {
      if (at == manager) return Status::InvalidInput("field 'manager_id': staff " + std::to_string(manager) + " not found");
      break;
    }
    if (at == id && id != 0)
      return Status::InvalidInput("field 'manager_id': staff " + std::to_string(manager) + " reports to " +
                                  std::to_string(id) + " (a reporting loop)");
    if (!seen.insert(at).second) break;
    at = rows[0].Int(0);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<StaffMember>> SqlStore::ListStaff(const Actor& actor) {
  if (!compute::CanReadStaff(actor.role)) return Forbidden(actor, "read staff");
  std::vector<StaffMember> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kStaffColumns + " FROM staff ORDER BY name, id", {}));
    for (const SqlRow& r : rows) out.push_back(RowToStaff(r));
    return Status::Ok();
  }));
  for (StaffMember& s : out) StripStaffMoney(actor, s);
  return out;
}

Result<StaffMember> SqlStore::GetStaff(const Actor& actor, std::int64_t id) {
  if (!compute::CanReadStaff(actor.role)) return Forbidden(actor, "read staff");
  StaffMember s;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(s, LoadStaff(c, id));
    return Status::Ok();
  }));
  StripStaffMoney(actor, s);
  return s;
}

Result<StaffMember> SqlStore::CreateStaff(const Actor& actor, const StaffPatch& patch) {
  if (!compute::CanEditStaff(actor.role)) return Forbidden(actor, "change staff");
  ST_RETURN_IF_ERROR(ValidatePatch(patch, true));
  StaffMember out;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    const std::int64_t manager = patch.manager_staff_id.value_or(0);
    ST_RETURN_IF_ERROR(CheckManager(c, 0, manager));
    const std::int64_t now = Now();
    SqlValue p[] = {*patch.name,
                    patch.email.value_or(""),
                    patch.title.value_or(""),
                    patch.team.value_or(""),
                    manager > 0 ? SqlValue(manager) : SqlValue(),
                    std::int64_t{patch.is_research.value_or(false) ? 1 : 0},
                    std::int64_t{patch.start_day.value_or(0)},
                    now};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("INSERT INTO staff (name, email, title, team, manager_staff_id, is_research, "
                                           "start_day, version, created_at, updated_at) "
                                           "VALUES ($1,$2,$3,$4,$5,$6,$7,1,$8,$8) RETURNING id",
                                           p));
    ST_ASSIGN_OR_RETURN(out, LoadStaff(c, rows[0].Int(0)));
    return AddAudit(c, actor, "staff.create", StaffTarget(out.id), "", StaffToJson(out).dump());
  }));
  return out;
}

Result<StaffMember> SqlStore::UpdateStaff(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                          const StaffPatch& patch) {
  if (!compute::CanEditStaff(actor.role)) return Forbidden(actor, "change staff");
  ST_RETURN_IF_ERROR(ValidatePatch(patch, false));
  StaffMember after;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(StaffMember before, LoadStaff(c, id));
    if (before.version != expected_version)
      return Status::Conflict("staff " + std::to_string(id) + " was changed by someone else (version " +
                              std::to_string(before.version) + ", you sent " + std::to_string(expected_version) + ")");
    after = before;
    if (patch.name) after.name = *patch.name;
    if (patch.email) after.email = *patch.email;
    if (patch.title) after.title = *patch.title;
    if (patch.team) after.team = *patch.team;
    if (patch.manager_staff_id) {
      after.manager_staff_id = *patch.manager_staff_id;
      ST_RETURN_IF_ERROR(CheckManager(c, id, after.manager_staff_id));
    }
    if (patch.is_research) after.is_research = *patch.is_research;
    if (patch.start_day) after.start_day = *patch.start_day;
    const std::int64_t now = Now();
    SqlValue p[] = {after.name,
                    after.email,
                    after.title,
                    after.team,
                    after.manager_staff_id > 0 ? SqlValue(after.manager_staff_id) : SqlValue(),
                    std::int64_t{after.is_research ? 1 : 0},
                    std::int64_t{after.start_day},
                    now,
                    id,
                    expected_version};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("UPDATE staff SET name = $1, email = $2, title = $3, team = $4, "
                                           "manager_staff_id = $5, is_research = $6, start_day = $7, "
                                           "version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10 "
                                           "RETURNING id",
                                           p));
    if (rows.empty()) return Status::Conflict("staff " + std::to_string(id) + " was changed by someone else");
    ST_ASSIGN_OR_RETURN(after, LoadStaff(c, id));
    return AddAudit(c, actor, "staff.update", StaffTarget(id), StaffToJson(before).dump(), StaffToJson(after).dump());
  }));
  return after;
}

Result<TeamReport> SqlStore::GetTeamReport(const Actor& actor) {
  if (!compute::CanReadStaff(actor.role)) return Forbidden(actor, "read staff");
  TeamReport out;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(compute::TeamSettings settings, LoadTeamSettings(c));
    out.max_direct_reports = settings.max_direct_reports;
    std::map<std::int64_t, ManagerReports> by;
    ST_ASSIGN_OR_RETURN(auto staff, c.Query("SELECT manager_staff_id, COUNT(*) FROM staff WHERE manager_staff_id IS NOT "
                                            "NULL GROUP BY manager_staff_id",
                                            {}));
    for (const SqlRow& r : staff) by[r.Int(0)].staff_reports = r.Int(1);
    ST_ASSIGN_OR_RETURN(auto accepted,
                        c.Query("SELECT manager_staff_id, COUNT(*) FROM team_reports GROUP BY manager_staff_id", {}));
    for (const SqlRow& r : accepted) by[r.Int(0)].accepted_reports = r.Int(1);
    for (auto& [id, m] : by) {
      ST_ASSIGN_OR_RETURN(m.manager, LoadStaff(c, id));
      m.total = m.staff_reports + m.accepted_reports;
      m.over_cap = m.total > settings.max_direct_reports;
      out.managers.push_back(m);
    }
    return Status::Ok();
  }));
  std::stable_sort(out.managers.begin(), out.managers.end(),
                   [](const ManagerReports& a, const ManagerReports& b) { return a.total > b.total; });
  return out;
}

Result<std::string> SqlStore::ExportStaff(const Actor& actor, std::int64_t id) {
  if (!compute::CanExportStaff(actor.role)) return Forbidden(actor, "export personal data");
  std::string doc;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(StaffMember s, LoadStaff(c, id));
    SqlValue p[] = {id};
    ST_ASSIGN_OR_RETURN(auto reports, c.Query("SELECT id, name FROM staff WHERE manager_staff_id = $1 ORDER BY id", p));
    nlohmann::json r = nlohmann::json::array();
    for (const SqlRow& row : reports) r.push_back({{"id", row.Int(0)}, {"name", row.Text(1)}});
    nlohmann::json j = {{"format", "superteam.staff-export.v1"}, {"exported_at", Now()},
                        {"staff", StaffToJson(s)}, {"direct_reports", r}};
    ST_ASSIGN_OR_RETURN(j["retention"], RetentionExportJson(c, s));  // pay, rival offers, counters, outcomes
    doc = j.dump(2);
    return AddAudit(c, actor, "staff.export", StaffTarget(id), "", "");
  }));
  return doc;
}

Status SqlStore::EraseStaff(const Actor& actor, std::int64_t id) {
  if (!compute::CanExportStaff(actor.role)) return Forbidden(actor, "erase personal data");
  return WithTx(true, [&](SqlConn& c) -> Status {
    ST_RETURN_IF_ERROR(LoadStaff(c, id).status());
    SqlValue p[] = {id};
    // Their reports now report to nobody; accepted offers' lines to them go.
    ST_RETURN_IF_ERROR(c.Exec("UPDATE staff SET manager_staff_id = NULL, version = version + 1 "
                              "WHERE manager_staff_id = $1",
                              p));
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM team_reports WHERE manager_staff_id = $1", p));
    ST_RETURN_IF_ERROR(EraseRetention(c, actor, id));  // rival offers, counters; outcomes kept anonymous
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM staff WHERE id = $1", p));
    SqlValue t[] = {StaffTarget(id)};
    ST_ASSIGN_OR_RETURN(auto audit, c.Query("SELECT id, before_json, after_json FROM audit_log WHERE target = $1", t));
    for (const SqlRow& r : audit) {
      SqlValue u[] = {RedactAuditJson(r.Text(1)), RedactAuditJson(r.Text(2)), r.Int(0)};
      ST_RETURN_IF_ERROR(c.Exec("UPDATE audit_log SET before_json = $1, after_json = $2 WHERE id = $3", u));
    }
    return AddAudit(c, actor, "staff.erase", StaffTarget(id), "{\"id\":" + std::to_string(id) + ",\"redacted\":true}",
                    "");
  });
}

}  // namespace st::store
