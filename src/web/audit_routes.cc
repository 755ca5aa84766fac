// GET /api/audit: the append-only audit log (ceo, hr). There is no route that
// changes or deletes audit entries.
#include <nlohmann/json.hpp>

#include "web/api_context.h"
#include "web/json_mapping.h"

namespace st::web {

void AddAuditRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/audit",
      .summary = "Audit log entries, newest first (who, what, before/after, when, from where)",
      .tag = "audit",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadAudit,
      .query = {{"before", FieldType::kInteger, false, "only ids below this (paging)"},
                {"limit", FieldType::kInteger, false, "1..1000, default 100"}},
      .response = "{entries: [AuditEntry]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto before, call.QueryInt("before", 0, INT64_MAX));
            ST_ASSIGN_OR_RETURN(auto limit, call.QueryInt("limit", 1, 1000));
            ST_ASSIGN_OR_RETURN(auto entries, ctx.store->ListAudit(ActorFor(call), before.value_or(0),
                                                                  static_cast<int>(limit.value_or(100))));
            nlohmann::json out = {{"entries", nlohmann::json::array()}};
            for (const auto& e : entries) out["entries"].push_back(AuditToJson(e));
            return Reply::Json(out);
          },
  });
}

}  // namespace st::web
