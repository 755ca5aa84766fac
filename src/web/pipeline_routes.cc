// GET /api/pipeline (the board), GET /api/dashboard, GET /api/activities.
#include <nlohmann/json.hpp>

#include "campaign/stage.h"
#include "web/api_context.h"
#include "web/json_mapping.h"

namespace st::web {
namespace {

using nlohmann::json;

}  // namespace

void AddPipelineRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/pipeline",
      .summary = "The pipeline board: candidates grouped by stage",
      .tag = "pipeline",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"owner", FieldType::kInteger, false, "only this owner's people; 0 = unowned"},
                {"q", FieldType::kString, false, "text filter"}},
      .response = "{stages: [{stage, total, people: [PersonSummary]}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(auto owner, call.QueryInt("owner", 0, INT64_MAX));
            json out = {{"stages", json::array()}};
            for (campaign::Stage s : campaign::AllStages()) {
              store::PersonQuery q;
              q.stage = s;
              q.kind = campaign::PersonKind::kCandidate;
              q.owner_user_id = owner;
              q.text = call.Query("q").value_or("");
              q.limit = 500;
              ST_ASSIGN_OR_RETURN(store::PersonPage page, ctx.store->ListPeople(actor, q));
              json col = {{"stage", campaign::StageName(s)}, {"total", page.total}, {"people", json::array()}};
              for (const auto& p : page.people) col["people"].push_back(PersonToJson(p, actor.role));
              out["stages"].push_back(std::move(col));
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/dashboard",
      .summary = "Funnel by stage, by organisation, by topic; movement this week; who owns what",
      .tag = "dashboard",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"top", FieldType::kInteger, false, "rows per breakdown, 1..100, default 20"}},
      .response = "{funnel, by_org, by_topic, movement_week, owners, recent}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto top, call.QueryInt("top", 1, 100));
            ST_ASSIGN_OR_RETURN(store::Dashboard d, ctx.store->GetDashboard(static_cast<int>(top.value_or(20))));
            json out;
            out["funnel"] = json::array();
            for (campaign::Stage s : campaign::AllStages()) {
              out["funnel"].push_back(
                  {{"stage", campaign::StageName(s)}, {"count", d.funnel.by_stage[static_cast<int>(s)]}});
            }
            out["total"] = d.funnel.total;
            out["by_org"] = json::array();
            for (const auto& [org, counts] : d.by_org) {
              out["by_org"].push_back({{"org", org}, {"count", counts.total}, {"by_stage", StageCountsToJson(counts)}});
            }
            out["by_topic"] = json::array();
            for (const auto& [topic, counts] : d.by_topic) {
              out["by_topic"].push_back(
                  {{"topic", topic}, {"count", counts.total}, {"by_stage", StageCountsToJson(counts)}});
            }
            json moves = json::array();
            for (campaign::Stage s : campaign::AllStages()) {
              moves.push_back({{"stage", campaign::StageName(s)}, {"count", d.moves_week[static_cast<int>(s)]}});
            }
            out["movement_week"] = {{"since", IsoTime(d.week_since)}, {"moves", moves}, {"added", d.added_week}};
            out["owners"] = json::array();
            for (const auto& [user, counts] : d.by_owner) {
              out["owners"].push_back({{"user", user.id == 0 ? json(nullptr) : UserToJson(user)},
                                       {"count", counts.total},
                                       {"by_stage", StageCountsToJson(counts)}});
            }
            ST_ASSIGN_OR_RETURN(auto recent, ctx.store->ListActivities(0, 20));
            out["recent"] = json::array();
            for (const auto& a : recent) out["recent"].push_back(ActivityToJson(a));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/activities",
      .summary = "The activity feed, newest first",
      .tag = "dashboard",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"after", FieldType::kInteger, false, "only ids greater than this"},
                {"limit", FieldType::kInteger, false, "1..1000, default 50"}},
      .response = "{activities: [Activity]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto after, call.QueryInt("after", 0, INT64_MAX));
            ST_ASSIGN_OR_RETURN(auto limit, call.QueryInt("limit", 1, 1000));
            ST_ASSIGN_OR_RETURN(auto list,
                                ctx.store->ListActivities(after.value_or(0), static_cast<int>(limit.value_or(50))));
            json out = {{"activities", json::array()}};
            for (const auto& a : list) out["activities"].push_back(ActivityToJson(a));
            return Reply::Json(out);
          },
  });
}

}  // namespace st::web
