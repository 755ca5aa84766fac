// /api/alerts and /api/watch: the signed-in user's alerts from the talent
// graph (stored per user by `superteam alerts` / `ingest --db`, never computed
// per view), marking them read, and the user's follows (people and saved
// searches). Every role has its own alerts and follows; a user never sees
// another's. Each alert links to its evidence: the paper and the profile.
#include <nlohmann/json.hpp>

#include "graph/view.h"
#include "web/api_context.h"
#include "watch/graph_diff.h"

namespace st::web {
namespace {

using nlohmann::json;

json AlertToJson(const store::StoredAlert& a) {
  json e = json::parse(a.evidence_json, nullptr, false);
  if (e.is_discarded()) e = json::object();
  json links = json::object();
  if (e.contains("author_id") && e["author_id"].is_number_integer())
    links["profile"] = "/authors/" + std::to_string(e["author_id"].get<std::int64_t>());
  if (a.person_id > 0) links["person"] = "/people/" + std::to_string(a.person_id);
  if (e.contains("other_id") && e["other_id"].is_number_integer())
    links["other_profile"] = "/authors/" + std::to_string(e["other_id"].get<std::int64_t>());
  if (e.contains("work_source_id") && e["work_source_id"].is_string()) {
    // The paper: its public page where the id says which (OpenAlex, arXiv,
    // OpenReview forum ids of the paper lists), else the profile's paper list.
    const std::string w = e["work_source_id"].get<std::string>();
    const size_t colon = w.find(':');
    if (w.size() > 1 && w[0] == 'W' && w.find_first_not_of("0123456789", 1) == std::string::npos)
      links["paper"] = "https://openalex.org/" + w;
    else if (w.rfind("arXiv:", 0) == 0)
      links["paper"] = "https://arxiv.org/abs/" + w.substr(6);
    else if (colon != std::string::npos && (w.rfind("iclr", 0) == 0 || w.rfind("nips", 0) == 0 || w.rfind("icml", 0) == 0 ||
                                            w.rfind("colm", 0) == 0 || w.rfind("openreview", 0) == 0))
      links["paper"] = "https://openreview.net/forum?id=" + w.substr(colon + 1);
    else if (links.contains("profile"))
      links["paper"] = links["profile"].get<std::string>() + "#papers";
  }
  return {{"id", a.id},
          {"kind", a.kind},
          {"title", a.title},
          {"subject", a.subject},
          {"author_key", a.author_key},
          {"person_id", a.person_id > 0 ? json(a.person_id) : json(nullptr)},
          {"follow_id", a.follow_id > 0 ? json(a.follow_id) : json(nullptr)},
          {"evidence", e},
          {"links", links},
          {"created_at", a.created_at},
          {"read", a.read_at != 0}};
}

json FollowToJson(const store::WatchFollow& f) {
  json j = {{"id", f.id}, {"kind", f.kind}, {"label", f.label}, {"created_at", f.created_at}};
  if (f.kind == "author") {
    j["author_key"] = f.author_key;
  } else {
    j["text"] = f.search_text;
    j["org"] = f.search_org;
    j["since"] = f.since_year;
    j["top"] = f.top;
  }
  return j;
}

}  // namespace

void AddWatchRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/alerts",
      .summary = "The caller's alerts from the talent graph, newest first, with links to the evidence",
      .tag = "watch",
      .access = Access::kAnyUser,
      .query = {{"before", FieldType::kInteger, false, "alert id: older ones only (paging)"},
                {"limit", FieldType::kInteger, false, "1..200, default 50"}},
      .response = "{alerts: [Alert], unread}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto before, call.QueryInt("before", 0, INT64_MAX));
            ST_ASSIGN_OR_RETURN(auto limit, call.QueryInt("limit", 1, 200));
            ST_ASSIGN_OR_RETURN(store::AlertPage page,
                                ctx.store->ListAlerts(ActorFor(call), before.value_or(0), static_cast<int>(limit.value_or(50))));
            json list = json::array();
            for (const auto& a : page.alerts) list.push_back(AlertToJson(a));
            return Reply::Json({{"alerts", list}, {"unread", page.unread}});
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/alerts/read",
      .summary = "Mark the caller's alerts up to an id as read",
      .tag = "watch",
      .access = Access::kAnyUser,
      .body = {{"up_to_id", FieldType::kInteger, true, "the newest alert id seen"}},
      .body_required = true,
      .response = "{changed}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const json& b = *call.body;
            if (!b["up_to_id"].is_number_integer()) return Status::InvalidInput("field 'up_to_id': an integer");
            ST_ASSIGN_OR_RETURN(std::int64_t n, ctx.store->MarkAlertsRead(ActorFor(call), b["up_to_id"].get<std::int64_t>()));
            return Reply::Json({{"changed", n}});
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/watch/follows",
      .summary = "The caller's followed people and saved searches",
      .tag = "watch",
      .access = Access::kAnyUser,
      .response = "{follows: [Follow]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto follows, ctx.store->ListFollows(ActorFor(call)));
            json list = json::array();
            for (const auto& f : follows) list.push_back(FollowToJson(f));
            return Reply::Json({{"follows", list}});
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/watch/follows",
      .summary = "Follow a researcher ({kind: author, author_id}) or a saved search ({kind: search, text, org, since, top})",
      .tag = "watch",
      .access = Access::kAnyUser,
      .body = {{"kind", FieldType::kString, true, "author | search"},
               {"author_id", FieldType::kInteger, false, "kind author: the graph author id (as in /authors/ID)"},
               {"text", FieldType::kString, false, "kind search: topic words"},
               {"org", FieldType::kString, false, "kind search: organisation"},
               {"since", FieldType::kInteger, false, "kind search: from this year on (0 = all)"},
               {"top", FieldType::kInteger, false, "kind search: watch the top N (1..1000, default 50)"}},
      .body_required = true,
      .success_status = 201,
      .response = "Follow",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const json& b = *call.body;
            store::WatchFollow f;
            f.kind = b.value("kind", "");
            if (f.kind == "author") {
              if (!b.contains("author_id") || !b["author_id"].is_number_integer())
                return Status::InvalidInput("field 'author_id': required for kind author");
              if (!ctx.graph) return Status::NotFound("this server has no talent graph loaded (serve --graph DIR)");
              const std::int64_t id = b["author_id"].get<std::int64_t>();
              if (id < 0 || id >= static_cast<std::int64_t>(ctx.graph->num_authors()))
                return Status::NotFound("no author " + std::to_string(id) + " in the talent graph");
              const auto a = static_cast<graph::AuthorId>(id);
              // Dense ids change between graph versions: the follow keeps the stable key.
              f.author_key = watch::StableAuthorKey(*ctx.graph, a);
              f.label = std::string(ctx.graph->AuthorName(a)).substr(0, 300);
            } else if (f.kind == "search") {
              watch::SavedSearch s;
              s.text = b.value("text", "");
              s.org = b.value("org", "");
              if (b.contains("since") && b["since"].is_number_integer()) s.since_year = b["since"].get<int>();
              if (b.contains("top") && b["top"].is_number_integer()) s.top = b["top"].get<int>();
              ST_RETURN_IF_ERROR(watch::ValidateSavedSearch(s));
              f.search_text = s.text;
              f.search_org = s.org;
              f.since_year = s.since_year;
              f.top = s.top;
              f.label = (s.text.empty() ? s.org : s.text + (s.org.empty() ? "" : " at " + s.org)) +
                        (s.since_year ? " since " + std::to_string(s.since_year) : "") + ", top " +
                        std::to_string(s.top);
            } else {
              return Status::InvalidInput("field 'kind': author or search");
            }
            ST_ASSIGN_OR_RETURN(auto made, ctx.store->AddFollow(ActorFor(call), f));
            return Reply::Json(FollowToJson(made), 201);
          },
  });
  table.Add(Route{
      .method = Method::kDelete,
      .path = "/api/watch/follows/{id}",
      .summary = "Stop following (the caller's own follows only)",
      .tag = "watch",
      .access = Access::kAnyUser,
      .success_status = 204,
      .response = "no content",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_RETURN_IF_ERROR(ctx.store->RemoveFollow(ActorFor(call), id));
            return Reply::NoContent();
          },
  });
}

}  // namespace st::web
