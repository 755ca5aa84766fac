// What the API handlers share: the store, the talent graph and its ranker
// (optional: serve works without a graph, search then answers 404), the event
// hub for live updates and the login throttle. Built by cli/serve.cc (which
// picks the concrete store) and by tests; outlives the server.
// Thread-safety: every member is itself thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "campaign/role.h"
#include "store/store.h"
#include "web/event_hub.h"
#include "web/graph_cache.h"
#include "web/page_cache.h"
#include "web/login_throttle.h"
#include "web/route_table.h"
#include "web/security.h"
#include "web/server.h"

namespace st::scoring {
class Ranker;
}
namespace st::graph {
class GraphView;
}
namespace st::outreach {
class OutreachService;
}

namespace st::web {

struct ApiContext {
  store::Store* store = nullptr;                        // required
  std::shared_ptr<const graph::GraphView> graph;        // may be null
  std::shared_ptr<const scoring::Ranker> ranker;        // null iff graph is null
  EventHub* hub = nullptr;                              // required
  LoginThrottle* throttle = nullptr;                    // required
  std::shared_ptr<GraphCache> graph_cache;              // required when graph is set
  std::shared_ptr<PageCache> page_cache;                // required
  CookiePolicy cookie;
  long session_max_age_seconds = 7 * 24 * 3600;
  std::shared_ptr<outreach::OutreachService> outreach;  // may be null: outreach routes answer 404
  // Offers (issue 10): the campaign's directory holds the editable letter
  // template; the shipped default is copied there on first use.
  std::string campaign_dir;
  std::string letter_template_default;
  LoginThrottle* link_throttle = nullptr;  // the candidate link's rate limit (requests per token and IP)
};

// The store's Actor for a logged-in caller.
inline store::Actor ActorFor(const Call& call) {
  store::Actor a;
  if (call.principal != nullptr) {
    a.user_id = call.principal->user_id;
    a.username = call.principal->username;
    a.role = call.principal->role;
  }
  a.ip = call.client_ip;
  return a;
}

// The public token links (the candidate's offer link, the opt-out link): 429 with Retry-After when `key` (a token
// prefix) or the caller's address asked too often, else counts this request. candidate_link_routes.cc.
std::optional<Reply> LinkThrottled(const ApiContext& ctx, Call& call, const std::string& key);

// Each resource's handler file adds its routes (web/*_routes.cc).
void AddAuthRoutes(RouteTable& table, const ApiContext& ctx);
void AddSearchRoutes(RouteTable& table, const ApiContext& ctx);     // search + authors
void AddPeopleRoutes(RouteTable& table, const ApiContext& ctx);     // people CRUD + stage
void AddNotesRoutes(RouteTable& table, const ApiContext& ctx);
void AddPipelineRoutes(RouteTable& table, const ApiContext& ctx);   // pipeline + dashboard + activities
void AddEventsRoutes(RouteTable& table, const ApiContext& ctx);     // SSE
void AddUsersRoutes(RouteTable& table, const ApiContext& ctx);
void AddAuditRoutes(RouteTable& table, const ApiContext& ctx);
void AddPrivacyRoutes(RouteTable& table, const ApiContext& ctx);    // export + erase
void AddPlacesRoutes(RouteTable& table, const ApiContext& ctx);     // map, trips, locations
void AddEventsCalendarRoutes(RouteTable& table, const ApiContext& ctx);  // dinners, invitations, .ics
void AddOutreachRoutes(RouteTable& table, const ApiContext& ctx);   // drafts, approval, threads, mailbox
void AddOffersRoutes(RouteTable& table, const ApiContext& ctx);     // offers, approvals, letters, no-interview path
void AddCandidateLinkRoutes(RouteTable& table, const ApiContext& ctx);  // the candidate's token pages (public)
void AddSettingsRoutes(RouteTable& table, const ApiContext& ctx);   // campaign settings per capability key

// A capability's settings as the routes serve them: stored fields over defaults, validated.
Result<nlohmann::json> ReadSettings(const ApiContext& ctx, const std::string& key);
void AddFleetRoutes(RouteTable& table, const ApiContext& ctx);      // fleet, compute ledger (issue 10)
void AddStaffRoutes(RouteTable& table, const ApiContext& ctx);      // staff, reports per manager (issue 10)
void AddWatchRoutes(RouteTable& table, const ApiContext& ctx);      // alerts, follows, saved searches (issue 11)
void AddFlightRiskRoutes(RouteTable& table, const ApiContext& ctx); // flight risk of own staff, ceo + hr (issue 11)
void AddDealsRoutes(RouteTable& table, const ApiContext& ctx);      // deals: acqui-hires, investments (issue 13)
void AddRetentionRoutes(RouteTable& table, const ApiContext& ctx);  // staff pay, rival offers, counters (issue 11)
void AddPlanningRoutes(RouteTable& table, const ApiContext& ctx);   // budget plan, plan → draft offers (issue 12)

// The whole API: every Add*Routes above plus GET /api/openapi.json, which is
// generated from the returned table itself.
std::shared_ptr<RouteTable> BuildApi(const ApiContext& ctx);

// The Authenticator for ApiServer backed by ctx.store->CheckSession.
Authenticator StoreAuthenticator(const ApiContext& ctx);

}  // namespace st::web
