// Personal data on request: GET /api/people/{id}/export and
// DELETE /api/people/{id} (erasure), ceo and hr only; both audited by the store.

#include "web/api_context.h"

namespace st::web {

void AddPrivacyRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}/export",
      .summary = "Everything stored about one person, as a JSON download (audited)",
      .tag = "privacy",
      .access = Access::kPermission,
      .permission = campaign::Permission::kExportPerson,
      .response = "JSON object (attachment)",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(std::string json, ctx.store->ExportPerson(ActorFor(call), id));
            call.SetHeader("Content-Disposition",
                           "attachment; filename=\"person-" + std::to_string(id) + ".json\"");
            Reply r;
            r.body = std::move(json);
            return r;
          },
  });
  table.Add(Route{
      .method = Method::kDelete,
      .path = "/api/people/{id}",
      .summary = "Erase a person (personal data removed; an audit entry without personal fields remains)",
      .tag = "privacy",
      .access = Access::kPermission,
      .permission = campaign::Permission::kErasePerson,
      .success_status = 204,
      .response = "204",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_RETURN_IF_ERROR(ctx.store->ErasePerson(ActorFor(call), id));
            ctx.hub->Notify();
            return Reply::NoContent();
          },
  });
}

}  // namespace st::web
