// /api/staff and /api/teams: the lab's own people with their managers (flat
// teams), reports per manager against the "teams" cap, and the staff
// member's personal data on request (export, erasure). Reading is for every
// role (recruiters sell team size); changes are ceo and hr.
#include <nlohmann/json.hpp>

#include "compute/day.h"
#include "store/staff_json.h"
#include "web/api_context.h"

namespace st::web {
namespace {

using nlohmann::json;

const std::vector<Field> kStaffFields = {{"name", FieldType::kString, false, "1..200 bytes"},
                                         {"email", FieldType::kString, false, ""},
                                         {"title", FieldType::kString, false, ""},
                                         {"team", FieldType::kString, false, ""},
                                         {"manager_id", FieldType::kInteger, false, "staff id; 0 = nobody"},
                                         {"is_research", FieldType::kBoolean, false, "counts as a researcher"},
                                         {"start_date", FieldType::kString, false, "YYYY-MM-DD or empty"}};

Result<store::StaffPatch> PatchFromBody(const json& b) {
  store::StaffPatch p;
  auto str = [&](const char* key, std::optional<std::string>& out) {
    if (b.contains(key) && b[key].is_string()) out = b[key].get<std::string>();
  };
  str("name", p.name);
  str("email", p.email);
  str("title", p.title);
  str("team", p.team);
  if (b.contains("manager_id") && b["manager_id"].is_number_integer()) p.manager_staff_id = b["manager_id"].get<std::int64_t>();
  if (b.contains("is_research") && b["is_research"].is_boolean()) p.is_research = b["is_research"].get<bool>();
  if (b.contains("start_date") && b["start_date"].is_string()) {
    const std::string d = b["start_date"].get<std::string>();
    if (d.empty()) {
      p.start_day = 0;
    } else {
      auto day = compute::ParseDay(d);
      if (!day) return Status::InvalidInput("field 'start_date' must be YYYY-MM-DD");
      p.start_day = *day;
    }
  }
  return p;
}

}  // namespace

void AddStaffRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/staff",
      .summary = "The lab's own staff with their managers",
      .tag = "staff",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{staff: [Staff]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListStaff(ActorFor(call)));
            json out = {{"staff", json::array()}};
            for (const store::StaffMember& s : list) out["staff"].push_back(store::StaffToJson(s));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/staff",
      .summary = "Add a staff member (name required; a manager must exist)",
      .tag = "staff",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditStaff,
      .body = kStaffFields,
      .body_required = true,
      .success_status = 201,
      .response = "201 Staff; 400 naming the field",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(store::StaffPatch p, PatchFromBody(*call.body));
            ST_ASSIGN_OR_RETURN(store::StaffMember s, ctx.store->CreateStaff(ActorFor(call), p));
            ctx.hub->Notify();
            return Reply::Json(store::StaffToJson(s), 201);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/staff/{id}",
      .summary = "One staff member",
      .tag = "staff",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "Staff",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(store::StaffMember s, ctx.store->GetStaff(ActorFor(call), id));
            return Reply::Json(store::StaffToJson(s));
          },
  });
  std::vector<Field> patch_fields = kStaffFields;
  patch_fields.push_back({"version", FieldType::kInteger, true, "version read (409 if it changed since)"});
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/staff/{id}",
      .summary = "Change a staff member (e.g. their manager); carries the version read",
      .tag = "staff",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditStaff,
      .body = patch_fields,
      .body_required = true,
      .response = "Staff; 409 version mismatch; 400 reporting loop",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(store::StaffPatch p, PatchFromBody(*call.body));
            const std::int64_t version = (*call.body)["version"].get<std::int64_t>();
            ST_ASSIGN_OR_RETURN(store::StaffMember s, ctx.store->UpdateStaff(ActorFor(call), id, version, p));
            ctx.hub->Notify();
            return Reply::Json(store::StaffToJson(s));
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/staff/{id}/export",
      .summary = "Everything stored about one staff member, as a JSON download (audited)",
      .tag = "staff",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditStaff,
      .response = "JSON object (attachment)",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(std::string doc, ctx.store->ExportStaff(ActorFor(call), id));
            call.SetHeader("Content-Disposition", "attachment; filename=\"staff-" + std::to_string(id) + ".json\"");
            Reply r;
            r.body = std::move(doc);
            return r;
          },
  });
  table.Add(Route{
      .method = Method::kDelete,
      .path = "/api/staff/{id}",
      .summary = "Erase a staff member (their reports then report to nobody; audit keeps no personal fields)",
      .tag = "staff",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditStaff,
      .success_status = 204,
      .response = "204",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_RETURN_IF_ERROR(ctx.store->EraseStaff(ActorFor(call), id));
            ctx.hub->Notify();
            return Reply::NoContent();
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/teams/reports",
      .summary = "Direct reports per manager (staff + accepted offers) and who is over the cap",
      .tag = "staff",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{max_direct_reports, managers: [{manager: Staff, staff_reports, accepted_reports, total, "
                  "over_cap}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(store::TeamReport r, ctx.store->GetTeamReport(ActorFor(call)));
            json managers = json::array();
            for (const store::ManagerReports& m : r.managers)
              managers.push_back({{"manager", store::StaffToJson(m.manager)},
                                  {"staff_reports", m.staff_reports},
                                  {"accepted_reports", m.accepted_reports},
                                  {"total", m.total},
                                  {"over_cap", m.over_cap}});
            return Reply::Json({{"max_direct_reports", r.max_direct_reports}, {"managers", managers}});
          },
  });
}

}  // namespace st::web
