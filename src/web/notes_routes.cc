// /api/people/{id}/notes: add a note; page through older notes (the
// candidate page carries only the newest).
#include <nlohmann/json.hpp>

#include "web/api_context.h"
#include "web/json_mapping.h"

namespace st::web {

void AddNotesRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}/notes",
      .summary = "A person's notes, newest first in pages (each page oldest first)",
      .tag = "notes",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"before", FieldType::kInteger, false, "only notes with a smaller id (the first id of the last page)"},
                {"limit", FieldType::kInteger, false, "1..1000, default 100"}},
      .response = "{notes: [Note], total}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(auto before, call.QueryInt("before", 1, INT64_MAX));
            ST_ASSIGN_OR_RETURN(auto limit, call.QueryInt("limit", 1, 1000));
            ST_ASSIGN_OR_RETURN(store::NotePage page, ctx.store->ListNotes(ActorFor(call), id, before.value_or(0),
                                                                          static_cast<int>(limit.value_or(100))));
            nlohmann::json out = {{"notes", nlohmann::json::array()}, {"total", page.total}};
            for (const auto& n : page.notes) out["notes"].push_back(NoteToJson(n));
            return Reply::Json(out);
          },
  });
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
