// GET /api/search (the `rank` query over the talent graph) and
// GET /api/authors/{author_id} (a graph profile); each hit says whether the
// author is already in the pipeline so the page can offer one-click add.
#include <nlohmann/json.hpp>

#include "scoring/ranker.h"
#include "web/api_context.h"
#include "web/graph_json.h"

namespace st::web {
namespace {

using nlohmann::json;

Status NoGraph() { return Status::NotFound("this server has no talent graph loaded (serve --graph DIR)"); }

json PersonIdFor(const ApiContext& ctx, const store::Actor& actor, std::int64_t author) {
  Result<std::optional<campaign::Person>> p = ctx.store->FindPersonByAuthor(actor, author);
  if (!p.ok() || !p->has_value()) return nullptr;
  return (*p)->id;
}

}  // namespace

void AddSearchRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/search",
      .summary = "Rank researchers in the talent graph by topic query, organisation and recency",
      .tag = "search",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"q", FieldType::kString, false, "topic query; empty = overall strength"},
                {"org", FieldType::kString, false, "current organisation (aliases resolved)"},
                {"since", FieldType::kInteger, false, "only works from this year on"},
                {"top", FieldType::kInteger, false, "1..200, default 50"},
                {"offset", FieldType::kInteger, false, "paging"}},
      .response = "{results: [{author_id, rank, name, org, score, metrics, explanation, person_id}], terms, "
                  "missing_terms, orgs, org_rule}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            if (!ctx.ranker) return NoGraph();
            scoring::RankQuery q;
            q.text = call.Query("q").value_or("");
            q.org = call.Query("org").value_or("");
            if (q.text.size() > 500 || q.org.size() > 200) return Status::InvalidInput("query too long");
            ST_ASSIGN_OR_RETURN(auto since, call.QueryInt("since", 1900, 2100));
            ST_ASSIGN_OR_RETURN(auto top, call.QueryInt("top", 1, 200));
            ST_ASSIGN_OR_RETURN(auto offset, call.QueryInt("offset", 0, 10000));
            q.since_year = static_cast<int>(since.value_or(0));
            q.top = static_cast<size_t>(top.value_or(50));
            q.offset = static_cast<size_t>(offset.value_or(0));
            ST_ASSIGN_OR_RETURN(scoring::RankResponse r, ctx.ranker->Rank(q));
            store::Actor actor = ActorFor(call);
            json results = json::array();
            for (const auto& a : r.authors) {
              json j = RankedAuthorToJson(a);
              j["person_id"] = PersonIdFor(ctx, actor, a.author);
              results.push_back(std::move(j));
            }
            return Reply::Json({{"results", results},
                                {"terms", r.terms},
                                {"missing_terms", r.missing_terms},
                                {"orgs", r.orgs},
                                {"org_rule", r.org_rule},
                                {"now_year", r.now_year}});
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/authors/{author_id}",
      .summary = "Profile of one graph author (metrics, history, topics, top papers, co-authors)",
      .tag = "search",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{profile, person_id}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            if (!ctx.ranker) return NoGraph();
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("author_id"));
            if (id < 0 || id >= static_cast<std::int64_t>(ctx.graph->num_authors())) {
              return Status::NotFound("no author " + std::to_string(id) + " in the talent graph");
            }
            ST_ASSIGN_OR_RETURN(scoring::AuthorProfile p, ctx.ranker->Profile(static_cast<graph::AuthorId>(id)));
            return Reply::Json({{"profile", ProfileToJson(p)}, {"person_id", PersonIdFor(ctx, ActorFor(call), id)}});
          },
  });
}

}  // namespace st::web
