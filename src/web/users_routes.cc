// /api/users: user administration (ceo). Password policy and hashing live in
// the store (store/password.h); disabling or a new password revokes sessions.
#include <nlohmann/json.hpp>

#include "web/api_context.h"
#include "web/json_mapping.h"

namespace st::web {
namespace {

using nlohmann::json;

Result<campaign::Role> RoleField(const json& body) {
  std::string name = body["role"].get<std::string>();
  auto role = campaign::ParseRole(name);
  if (!role) return Status::InvalidInput("field 'role' must be one of ceo, recruiter, hr, viewer");
  return *role;
}

}  // namespace

void AddUsersRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/users",
      .summary = "All user accounts",
      .tag = "users",
      .access = Access::kPermission,
      .permission = campaign::Permission::kManageUsers,
      .response = "{users: [User]}",
      .handler =
          [ctx](Call&) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto users, ctx.store->ListUsers());
            json out = {{"users", json::array()}};
            for (const auto& u : users) out["users"].push_back(UserToJson(u));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/users",
      .summary = "Create a user account (password ≥ 12 characters, not a common password)",
      .tag = "users",
      .access = Access::kPermission,
      .permission = campaign::Permission::kManageUsers,
      .body = {{"username", FieldType::kString, true, "[a-z0-9._-]{2,64}"},
               {"password", FieldType::kString, true, ""},
               {"role", FieldType::kString, true, "ceo | recruiter | hr | viewer"},
               {"display_name", FieldType::kString, false, ""}},
      .body_required = true,
      .success_status = 201,
      .response = "201 User; 409 username taken",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const json& b = *call.body;
            store::NewUser nu;
            nu.username = b["username"].get<std::string>();
            nu.password = b["password"].get<std::string>();
            ST_ASSIGN_OR_RETURN(nu.role, RoleField(b));
            if (b.contains("display_name") && b["display_name"].is_string()) nu.display_name = b["display_name"];
            ST_ASSIGN_OR_RETURN(store::User u, ctx.store->CreateUser(ActorFor(call), nu));
            ctx.hub->Notify();
            return Reply::Json(UserToJson(u), 201);
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/users/{id}",
      .summary = "Change a user's role, name, password or disable it (revokes its sessions)",
      .tag = "users",
      .access = Access::kPermission,
      .permission = campaign::Permission::kManageUsers,
      .body = {{"role", FieldType::kString, false, ""},
               {"disabled", FieldType::kBoolean, false, ""},
               {"password", FieldType::kString, false, ""},
               {"display_name", FieldType::kString, false, ""}},
      .body_required = true,
      .response = "User",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            const json& b = *call.body;
            store::UserPatch patch;
            if (b.contains("role") && b["role"].is_string()) {
              ST_ASSIGN_OR_RETURN(campaign::Role r, RoleField(b));
              patch.role = r;
            }
            if (b.contains("disabled") && b["disabled"].is_boolean()) patch.disabled = b["disabled"].get<bool>();
            if (b.contains("password") && b["password"].is_string()) patch.password = b["password"].get<std::string>();
            if (b.contains("display_name") && b["display_name"].is_string()) {
              patch.display_name = b["display_name"].get<std::string>();
            }
            if (id == call.principal->user_id && ((patch.disabled && *patch.disabled) ||
                                                  (patch.role && *patch.role != campaign::Role::kCeo))) {
              return Status::InvalidInput("you cannot disable or demote your own account");
            }
            ST_ASSIGN_OR_RETURN(store::User u, ctx.store->UpdateUser(ActorFor(call), id, patch));
            return Reply::Json(UserToJson(u));
          },
  });
}

}  // namespace st::web
