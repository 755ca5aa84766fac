// Assembles the whole API route table; GET /api/openapi.json describes that
// very table (it is added last and documents itself too).
#include <memory>

#include "web/api_context.h"
#include "web/openapi.h"

namespace st::web {

std::shared_ptr<RouteTable> BuildApi(const ApiContext& ctx) {
  auto table = std::make_shared<RouteTable>();
  AddAuthRoutes(*table, ctx);
  AddSearchRoutes(*table, ctx);
  AddPeopleRoutes(*table, ctx);
  AddNotesRoutes(*table, ctx);
  AddPipelineRoutes(*table, ctx);
  AddEventsRoutes(*table, ctx);
  AddUsersRoutes(*table, ctx);
  AddAuditRoutes(*table, ctx);
  AddPrivacyRoutes(*table, ctx);
  AddPlacesRoutes(*table, ctx);
  AddEventsCalendarRoutes(*table, ctx);
  AddOutreachRoutes(*table, ctx);
  AddOffersRoutes(*table, ctx);
  AddCandidateLinkRoutes(*table, ctx);
  AddSettingsRoutes(*table, ctx);
  AddFleetRoutes(*table, ctx);
  AddStaffRoutes(*table, ctx);
  AddWatchRoutes(*table, ctx);
  AddFlightRiskRoutes(*table, ctx);
  AddDealsRoutes(*table, ctx);  // ---- deals (issue 13)
  AddRetentionRoutes(*table, ctx);
  AddPlanningRoutes(*table, ctx);
  // A weak pointer avoids a table→route→table ownership cycle.
  std::weak_ptr<RouteTable> weak = table;
  table->Add(Route{
      .method = Method::kGet,
      .path = "/api/openapi.json",
      .summary = "This API as an OpenAPI 3 document, generated from the served route table",
      .tag = "meta",
      .access = Access::kPublic,
      .response = "OpenAPI 3.0 document",
      .handler = [weak](Call&) -> Result<Reply> {
        auto t = weak.lock();
        if (!t) return Status::Internal("route table gone");
        Reply r;
        r.body = OpenApiDocument(*t).dump(2);
        return r;
      },
  });
  return table;
}

}  // namespace st::web
