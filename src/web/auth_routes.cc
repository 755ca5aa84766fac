// POST /api/login, POST /api/logout, GET /api/me.

#include <nlohmann/json.hpp>

#include "campaign/stage.h"
#include "web/api_context.h"
#include "web/http_error.h"
#include "web/json_mapping.h"

namespace st::web {
namespace {

using nlohmann::json;

json Capabilities(campaign::Role role) {
  using campaign::Permission;
  return {{"write", campaign::HasPermission(role, Permission::kWritePeople)},
          {"notes", campaign::HasPermission(role, Permission::kWriteNotes)},
          {"compensation", campaign::HasPermission(role, Permission::kReadCompensation)},
          {"export", campaign::HasPermission(role, Permission::kExportPerson)},
          {"erase", campaign::HasPermission(role, Permission::kErasePerson)},
          {"audit", campaign::HasPermission(role, Permission::kReadAudit)},
          {"users", campaign::HasPermission(role, Permission::kManageUsers)}};
}

json StageNames() {
  json out = json::array();
  for (campaign::Stage s : campaign::AllStages()) out.push_back(campaign::StageName(s));
  return out;
}

json MeJson(const store::User& user, const std::string& csrf) {
  return {{"user", UserToJson(user)},
          {"csrf_token", csrf},
          {"can", Capabilities(user.role)},
          {"stages", StageNames()}};
}

}  // namespace

void AddAuthRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/login",
      .summary = "Log in; sets the session cookie",
      .tag = "auth",
      .access = Access::kPublic,
      .body = {{"username", FieldType::kString, true, ""}, {"password", FieldType::kString, true, ""}},
      .body_required = true,
      .response = "{user, csrf_token, can, stages} + Set-Cookie; 401 wrong login; 429 throttled",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            std::string username = (*call.body)["username"].get<std::string>();
            std::string password = (*call.body)["password"].get<std::string>();
            if (username.size() > 200 || password.size() > 1024) {
              return Status::InvalidInput("username or password too long");
            }
            if (long wait = ctx.throttle->RetryAfter(username, call.client_ip); wait > 0) {
              call.SetHeader("Retry-After", std::to_string(wait));
              Reply r;
              r.status = kRateLimited.http_status;
              r.body = ErrorBody(kRateLimited.code, "too many failed logins; retry in " + std::to_string(wait) + " s");
              return r;
            }
            Result<store::NewSession> session = ctx.store->Login(username, password, call.client_ip);
            if (!session.ok()) {
              if (session.status().code() == StatusCode::kUnauthenticated) {
                ctx.throttle->RecordFailure(username, call.client_ip);
                return Status::Unauthenticated("wrong username or password");
              }
              return session.status();
            }
            ctx.throttle->RecordSuccess(username);
            call.SetHeader("Set-Cookie", SessionCookie(ctx.cookie, session->token, ctx.session_max_age_seconds));
            return Reply::Json(MeJson(session->user, session->csrf_token));
          },
      .csrf_exempt = true,
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/logout",
      .summary = "Log out; revokes the session server-side",
      .tag = "auth",
      .access = Access::kAnyUser,
      .success_status = 204,
      .response = "204, cookie cleared",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(ctx.store->Logout(call.principal->session_token));
            call.SetHeader("Set-Cookie", ClearSessionCookie(ctx.cookie));
            return Reply::NoContent();
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/me",
      .summary = "The logged-in user, the session's CSRF token, what the role may do, the stages",
      .tag = "auth",
      .access = Access::kAnyUser,
      .response = "{user, csrf_token, can, stages}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(store::User user, ctx.store->GetUser(call.principal->user_id));
            return Reply::Json(MeJson(user, call.principal->csrf_token));
          },
  });
}

Authenticator StoreAuthenticator(const ApiContext& ctx) {
  store::Store* store = ctx.store;
  return [store](const std::string& token) -> Result<std::optional<Principal>> {
    Result<store::SessionInfo> info = store->CheckSession(token);
    if (!info.ok()) {
      if (info.status().code() == StatusCode::kUnauthenticated || info.status().code() == StatusCode::kNotFound) {
        return std::optional<Principal>();
      }
      return info.status();
    }
    Principal p;
    p.user_id = info->user.id;
    p.username = info->user.username;
    p.display_name = info->user.display_name;
    p.role = info->user.role;
    p.csrf_token = info->csrf_token;
    return std::optional<Principal>(std::move(p));
  };
}

}  // namespace st::web
