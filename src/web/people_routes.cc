// /api/people: list, one-click add from the graph or manual create, the
// candidate page, optimistic-concurrency update and stage moves.
#include <nlohmann/json.hpp>

#include "campaign/person_fields.h"
#include "campaign/stage.h"
#include "web/api_context.h"
#include "web/candidate_graph.h"
#include "web/json_mapping.h"

namespace st::web {
namespace {

using nlohmann::json;

constexpr int kPageNotes = 50;  // newest notes on the candidate page

bool SeesCompensation(campaign::Role role) {
  return campaign::HasPermission(role, campaign::Permission::kReadCompensation);
}

// Full candidate page: record, history, the newest notes and the graph
// sections (spliced in pre-serialised from the cache), as JSON text. The
// page stays small however long the conversation: older notes are paged
// through GET /api/people/{id}/notes.
std::string PageJson(const ApiContext& ctx, const store::Actor& actor, const store::PersonTimeline& t) {
  json j = PersonToJson(t.person, actor.role);
  j["history"] = json::array();
  for (const auto& m : t.history) j["history"].push_back(StageMoveToJson(m));
  j["notes"] = json::array();
  for (const auto& n : t.notes.notes) j["notes"].push_back(NoteToJson(n));
  j["notes_total"] = t.notes.total;
  std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  std::shared_ptr<const std::string> graph = GraphSectionsText(ctx, actor, t.person);
  text.pop_back();  // '}'
  text += ',';
  text += *graph;
  text += '}';
  return text;
}

Result<std::string> PersonPage(const ApiContext& ctx, const store::Actor& actor, std::int64_t id,
                               bool with_compensation) {
  ST_ASSIGN_OR_RETURN(store::PersonTimeline t, ctx.store->GetPersonTimeline(actor, id, with_compensation, kPageNotes));
  return PageJson(ctx, actor, t);
}

Reply JsonText(std::string text, int status) {
  Reply r;
  r.status = status;
  r.body = std::move(text);
  return r;
}

// Ownership rule (campaign::CanEditPerson) before any change; the store
// checks it again.
Result<campaign::Person> LoadEditable(const ApiContext& ctx, const store::Actor& actor, std::int64_t id) {
  ST_ASSIGN_OR_RETURN(campaign::Person p, ctx.store->GetPerson(actor, id, false));
  if (!campaign::CanEditPerson(actor.role, actor.user_id, p.owner_user_id)) {
    return Status::Forbidden("person " + std::to_string(id) + " is owned by " + p.owner_username +
                             "; role " + std::string(campaign::RoleName(actor.role)) + " may only change own people");
  }
  return p;
}

Result<std::int64_t> Version(const Call& call) {
  auto it = call.body->find("version");
  if (it == call.body->end() || !it->is_number_integer()) return Status::InvalidInput("field 'version' is required");
  return it->get<std::int64_t>();
}

}  // namespace

void AddPeopleRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people",
      .summary = "List people (candidates and own staff) with filters",
      .tag = "people",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"stage", FieldType::kString, false, "one stage name"},
                {"owner", FieldType::kInteger, false, "owner user id; 0 = unowned"},
                {"kind", FieldType::kString, false, "candidate | staff"},
                {"org", FieldType::kString, false, "exact organisation"},
                {"tag", FieldType::kString, false, ""},
                {"q", FieldType::kString, false, "substring of name, e-mail, org, title, topics"},
                {"limit", FieldType::kInteger, false, "1..1000, default 100"},
                {"offset", FieldType::kInteger, false, ""}},
      .response = "{people: [PersonSummary], total}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            store::PersonQuery q;
            if (auto s = call.Query("stage")) {
              q.stage = campaign::ParseStage(*s);
              if (!q.stage) return Status::InvalidInput("parameter 'stage': unknown stage '" + *s + "'");
            }
            if (auto k = call.Query("kind")) {
              q.kind = campaign::ParsePersonKind(*k);
              if (!q.kind) return Status::InvalidInput("parameter 'kind' must be candidate or staff");
            }
            ST_ASSIGN_OR_RETURN(auto owner, call.QueryInt("owner", 0, INT64_MAX));
            q.owner_user_id = owner;
            q.org = call.Query("org");
            q.tag = call.Query("tag");
            q.text = call.Query("q").value_or("");
            ST_ASSIGN_OR_RETURN(auto limit, call.QueryInt("limit", 1, 1000));
            ST_ASSIGN_OR_RETURN(auto offset, call.QueryInt("offset", 0, 1000000000));
            q.limit = static_cast<int>(limit.value_or(100));
            q.offset = static_cast<int>(offset.value_or(0));
            store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(store::PersonPage page, ctx.store->ListPeople(actor, q));
            json out = {{"people", json::array()}, {"total", page.total}};
            for (const auto& p : page.people) out["people"].push_back(PersonToJson(p, actor.role));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people",
      .summary = "Add a person: {author_id} alone imports a graph author in one click; otherwise a manual record",
      .tag = "people",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = PersonBodyFields(false),
      .body_required = true,
      .success_status = 201,
      .response = "201 Person; 409 if the author is already in the pipeline",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            store::Actor actor = ActorFor(call);
            const json& body = *call.body;
            campaign::PersonPatch patch;
            bool one_click = body.size() == 1 && body.contains("author_id") && body["author_id"].is_number_integer();
            if (one_click) {
              ST_ASSIGN_OR_RETURN(patch, PatchFromAuthor(ctx, body["author_id"].get<std::int64_t>()));
            } else {
              ST_ASSIGN_OR_RETURN(patch, PatchFromJson(body, actor.role, /*creating=*/true));
            }
            // Whoever adds a person owns it unless they name an owner.
            if (!patch.owner_user_id) patch.owner_user_id = actor.user_id;
            store::PersonTimeline t;
            ST_ASSIGN_OR_RETURN(t.person, ctx.store->CreatePerson(actor, patch));
            ctx.hub->Notify();
            ST_ASSIGN_OR_RETURN(t.history, ctx.store->ListStageHistory(actor, t.person.id));
            ST_ASSIGN_OR_RETURN(t.notes, ctx.store->ListNotes(actor, t.person.id, 0, kPageNotes));
            return JsonText(PageJson(ctx, actor, t), 201);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}",
      .summary = "Candidate page: record, graph profile, papers, co-author neighbourhood, warm paths, history, notes",
      .tag = "people",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "Person",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            store::Actor actor = ActorFor(call);
            // Roles that see compensation always go to the store: each view is audited.
            if (SeesCompensation(actor.role)) {
              ST_ASSIGN_OR_RETURN(std::string page, PersonPage(ctx, actor, id, true));
              return JsonText(std::move(page), 200);
            }
            ST_ASSIGN_OR_RETURN(PageCache::Page page,
                                ctx.page_cache->GetOrRender(id, ctx.hub->sequence(),
                                                            [&] { return PersonPage(ctx, actor, id, false); }));
            return JsonText(*page, 200);
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/people/{id}",
      .summary = "Change fields of a person; carries the version read (409 if it changed since)",
      .tag = "people",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = PersonBodyFields(true),
      .body_required = true,
      .response = "Person; 409 version mismatch; 403 not owner / compensation",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(std::int64_t version, Version(call));
            ST_ASSIGN_OR_RETURN(campaign::PersonPatch patch, PatchFromJson(*call.body, actor.role, false));
            ST_ASSIGN_OR_RETURN(campaign::Person current, LoadEditable(ctx, actor, id));
            (void)current;
            ST_ASSIGN_OR_RETURN(campaign::Person person, ctx.store->UpdatePerson(actor, id, version, patch));
            ctx.hub->Notify();
            return Reply::Json(PersonToJson(person, actor.role));
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people/{id}/stage",
      .summary = "Move a person to another pipeline stage",
      .tag = "people",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"stage", FieldType::kString, true, "target stage"},
               {"version", FieldType::kInteger, true, "version read"},
               {"note", FieldType::kString, false, "why (kept in the history)"}},
      .body_required = true,
      .response = "PersonSummary; 409 version mismatch; 400 move not allowed",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            store::Actor actor = ActorFor(call);
            const json& body = *call.body;
            std::string name = body["stage"].get<std::string>();
            auto stage = campaign::ParseStage(name);
            if (!stage) return Status::InvalidInput("field 'stage': unknown stage '" + name + "'");
            std::string note = body.contains("note") && body["note"].is_string() ? body["note"].get<std::string>() : "";
            if (note.size() > 10000) return Status::InvalidInput("field 'note' is longer than 10000 characters");
            ST_ASSIGN_OR_RETURN(campaign::Person current, LoadEditable(ctx, actor, id));
            (void)current;
            ST_ASSIGN_OR_RETURN(campaign::Person person,
                                ctx.store->MoveStage(actor, id, body["version"].get<std::int64_t>(), *stage, note));
            ctx.hub->Notify();
            return Reply::Json(PersonToJson(person, actor.role));
          },
  });
}

}  // namespace st::web
