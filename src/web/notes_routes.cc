// POST /api/people/{id}/notes (notes are listed on the candidate page).
#include <nlohmann/json.hpp>

#include "web/api_context.h"
#include "web/json_mapping.h"

namespace st::web {

void AddNotesRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people/{id}/notes",
      .summary = "Add a note to a person",
      .tag = "notes",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWriteNotes,
      .body = {{"body", FieldType::kString, true, "≤ 10,000 characters"}},
      .body_required = true,
      .success_status = 201,
      .response = "201 {id, person_id, body, author, at}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            std::string body = (*call.body)["body"].get<std::string>();
            ST_RETURN_IF_ERROR(campaign::ValidateNoteBody(body));
            ST_ASSIGN_OR_RETURN(store::Note note, ctx.store->AddNote(ActorFor(call), id, body));
            ctx.hub->Notify();
            return Reply::Json(NoteToJson(note), 201);
          },
  });
}

}  // namespace st::web
