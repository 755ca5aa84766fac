// GET /api/events: server-sent events. Every activity the store records
// (stage move, note, new person, erasure, user change) is pushed to every
// logged-in stream, with the store's activity id as the SSE id, so a browser
// that reconnects with Last-Event-ID gets exactly what it missed.
#include <algorithm>
#include <chrono>
#include <memory>

#include <nlohmann/json.hpp>

#include "web/api_context.h"
#include "web/json_mapping.h"

namespace st::web {
namespace {

using namespace std::chrono_literals;

// Streams re-read the store this often even without an in-process Notify(),
// so writes made by another process (a second server on PostgreSQL, `seed`)
// show up too.
constexpr auto kPollInterval = 1000ms;
constexpr auto kPingInterval = 15s;

struct StreamState {
  std::int64_t last_id = 0;
  uint64_t seen_sequence = 0;
  std::chrono::steady_clock::time_point last_ping;
  std::string token;
  bool first = true;
};

}  // namespace

void AddEventsRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/events",
      .summary = "Live updates (text/event-stream): one 'activity' event per change; resumes after Last-Event-ID",
      .tag = "events",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"last_event_id", FieldType::kInteger, false, "like the Last-Event-ID header"}},
      .response = "text/event-stream of `id: <activity id>` / `event: activity` / `data: Activity`",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            auto state = std::make_shared<StreamState>();
            state->token = call.principal->session_token;
            std::string header = call.Header("Last-Event-ID");
            ST_ASSIGN_OR_RETURN(auto from_query, call.QueryInt("last_event_id", 0, INT64_MAX));
            if (from_query) {
              state->last_id = *from_query;
            } else if (!header.empty()) {
              try {
                state->last_id = std::max<std::int64_t>(0, std::stoll(header));
              } catch (...) {
                return Status::InvalidInput("Last-Event-ID must be an activity id");
              }
            } else {
              // A fresh stream starts at "now": only changes from here on.
              ST_ASSIGN_OR_RETURN(auto newest, ctx.store->ListActivities(0, 1));
              state->last_id = newest.empty() ? 0 : newest.front().id;
            }
            state->seen_sequence = ctx.hub->sequence();
            state->last_ping = std::chrono::steady_clock::now();
            call.SetHeader("X-Accel-Buffering", "no");
            Reply r;
            r.content_type = "text/event-stream";
            r.stream = [ctx, state](std::string& out) -> bool {
              if (state->first) {
                // Tell the browser how soon to reconnect, and flush headers now.
                out += "retry: 2000\n: connected\n\n";
                state->first = false;
                return true;
              }
              if (ctx.hub->shut_down()) return false;
              state->seen_sequence = ctx.hub->Wait(state->seen_sequence, kPollInterval);
              if (ctx.hub->shut_down()) return false;
              Result<std::vector<store::Activity>> fresh = ctx.store->ListActivities(state->last_id, 1000);
              if (!fresh.ok()) return false;
              // The store returns newest first; send oldest first.
              for (auto it = fresh->rbegin(); it != fresh->rend(); ++it) {
                out += "id: " + std::to_string(it->id) + "\nevent: activity\ndata: " +
                       ActivityToJson(*it).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
                state->last_id = std::max(state->last_id, it->id);
              }
              auto now = std::chrono::steady_clock::now();
              if (now - state->last_ping >= kPingInterval) {
                state->last_ping = now;
                // A logged-out or disabled session stops receiving.
                if (!ctx.store->CheckSession(state->token).ok()) return false;
                out += ": ping\n\n";
              }
              return true;
            };
            return r;
          },
  });
}

}  // namespace st::web
