// /api/fleet, /api/compute, /api/ledger: the GPU fleet with capacity vs
// promised per pool over time, the ceo's capacity edits and CSV import, the
// compute per researcher and, per person, "why is my share X" (which promise,
// from when, which pool). Reading is for every role (no money in it:
// recruiters sell compute); changing the fleet is the ceo's.
#include <chrono>
#include <nlohmann/json.hpp>

#include "compute/day.h"
#include "compute/fleet_csv.h"
#include "compute/settings.h"
#include "web/api_context.h"

namespace st::web {
namespace {

using nlohmann::json;

std::int32_t Today() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::hours>(now).count() / 24);
}

// ?date=YYYY-MM-DD, default today.
Result<std::int32_t> DateQuery(const Call& call) {
  auto d = call.Query("date");
  if (!d) return Today();
  auto parsed = compute::ParseDay(*d);
  if (!parsed) return Status::InvalidInput("query 'date' must be YYYY-MM-DD");
  return *parsed;
}

std::string DayText(std::int32_t day) { return day == 0 ? std::string() : compute::FormatDay(day); }

json ShortfallJson(const compute::Shortfall& f) {
  return {{"pool_id", f.pool_id},       {"site", f.site},
          {"gpu_type", f.gpu_type},     {"date", compute::FormatDay(f.day)},
          {"short_gpus", f.short_gpus}, {"short_h100_eq_milli", f.short_h100_milli},
          {"message", f.Message()}};
}

json PromiseJson(const store::PromiseRecord& p) {
  std::string why = std::string(compute::PromiseStateName(p.state)) + ": " + compute::FormatCount(p.gpus) + " " +
                    p.gpu_type + " (" + compute::FormatH100Eq(p.h100_eq_milli) + " H100-eq) at site " + p.site +
                    (p.requested_site.empty() ? " (offered anywhere; the ledger chose this pool)" : "") + " from " +
                    compute::FormatDay(p.start_day) +
                    (p.end_day == 0 ? ", as long as employed (reviewed yearly)" : " until " + DayText(p.end_day));
  json j = {{"id", p.id},
            {"offer_id", p.offer_id},
            {"person_id", p.person_id},
            {"person_name", p.person_name},
            {"pool_id", p.pool_id},
            {"site", p.site},
            {"requested_site", p.requested_site},
            {"gpu_type", p.gpu_type},
            {"gpus", p.gpus},
            {"h100_eq_milli", p.h100_eq_milli},
            {"start", compute::FormatDay(p.start_day)},
            {"end", DayText(p.end_day)},
            {"state", compute::PromiseStateName(p.state)},
            {"why", why}};
  if (!p.note.empty()) j["released_because"] = p.note;
  return j;
}

json FleetJson(const store::FleetView& v) {
  json pools = json::array();
  for (const store::PoolTimeline& t : v.timelines) {
    json steps = json::array();
    for (const compute::TimelineStep& s : t.steps)
      steps.push_back({{"date", compute::FormatDay(s.day)},
                       {"capacity", s.capacity},
                       {"usable", s.usable},
                       {"reserved", s.reserved},
                       {"committed", s.committed}});
    pools.push_back({{"id", t.pool.id},
                     {"site", t.pool.site},
                     {"gpu_type", t.pool.gpu_type},
                     {"h100_eq_milli_per_gpu", t.pool.factor_milli},
                     {"timeline", steps}});
  }
  json caps = json::array();
  for (const store::CapacityEntry& e : v.capacity)
    caps.push_back({{"id", e.id},
                    {"pool_id", e.pool_id},
                    {"date", compute::FormatDay(e.day)},
                    {"delta_gpus", e.delta_gpus},
                    {"note", e.note},
                    {"by", e.actor},
                    {"at", e.created_at}});
  json shorts = json::array();
  for (const compute::Shortfall& f : v.shortfalls) shorts.push_back(ShortfallJson(f));
  return {{"settings", json::parse(v.settings.ToJson())},
          {"pools", pools},
          {"capacity", caps},
          {"shortfalls", shorts},
          {"ok", v.shortfalls.empty()}};
}

Result<compute::FleetRow> RowFromBody(const json& b) {
  compute::FleetRow row;
  row.site = b["site"].get<std::string>();
  row.gpu_type = b["gpu_type"].get<std::string>();
  const std::string change = b["change"].get<std::string>();
  if (change != "add" && change != "retire") return Status::InvalidInput("field 'change' must be add or retire");
  const std::int64_t gpus = b["gpus"].get<std::int64_t>();
  if (gpus < 1 || gpus > compute::kMaxFleetRowGpus)
    return Status::InvalidInput("field 'gpus' must be between 1 and " + std::to_string(compute::kMaxFleetRowGpus));
  row.delta_gpus = change == "add" ? gpus : -gpus;
  auto day = compute::ParseDay(b["date"].get<std::string>());
  if (!day) return Status::InvalidInput("field 'date' must be a date YYYY-MM-DD");
  row.day = *day;
  if (b.contains("note")) row.note = b["note"].get<std::string>();
  return row;
}

}  // namespace

void AddFleetRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/fleet",
      .summary = "The GPU fleet: pools with capacity vs promised over time, the capacity changes, any shortfall",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{settings, pools: [{id, site, gpu_type, timeline: [{date, capacity, usable, reserved, "
                  "committed}]}], capacity: [...], shortfalls: [...], ok}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(store::FleetView v, ctx.store->GetFleet(ActorFor(call)));
            return Reply::Json(FleetJson(v));
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/fleet/capacity",
      .summary = "Add or retire GPUs of a pool from a date (refused if it would break a promise)",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditFleet,
      .body = {{"site", FieldType::kString, true, ""},
               {"gpu_type", FieldType::kString, true, "H100, H200, B200, A100, ..."},
               {"change", FieldType::kString, true, "add | retire"},
               {"gpus", FieldType::kInteger, true, "1..100,000,000"},
               {"date", FieldType::kString, true, "YYYY-MM-DD"},
               {"note", FieldType::kString, false, ""}},
      .body_required = true,
      .success_status = 201,
      .response = "201 {id, pool_id, date, delta_gpus}; 409 would break promises (the shortfall named)",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(compute::FleetRow row, RowFromBody(*call.body));
            ST_ASSIGN_OR_RETURN(store::CapacityEntry e, ctx.store->AddCapacityChange(ActorFor(call), row));
            ctx.hub->Notify();
            return Reply::Json({{"id", e.id}, {"pool_id", e.pool_id}, {"date", compute::FormatDay(e.day)},
                                {"delta_gpus", e.delta_gpus}, {"note", e.note}},
                               201);
          },
  });
  table.Add(Route{
      .method = Method::kDelete,
      .path = "/api/fleet/capacity/{id}",
      .summary = "Remove a capacity change (refused if it would break a promise)",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditFleet,
      .success_status = 204,
      .response = "204; 409 would break promises",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_RETURN_IF_ERROR(ctx.store->DeleteCapacityChange(ActorFor(call), id));
            ctx.hub->Notify();
            return Reply::NoContent();
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/fleet/import",
      .summary = "Append a fleet CSV's capacity changes, all or nothing (a bad row: its line and reason)",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditFleet,
      .body = {{"csv", FieldType::kString, true, "site,gpu_type,change,gpus,date[,note] (docs/fleet.md)"}},
      .body_required = true,
      .response = "{rows, pools_created, gpus_added, gpus_retired}; 400 naming the line",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto rows, compute::ParseFleetCsv((*call.body)["csv"].get<std::string>()));
            ST_ASSIGN_OR_RETURN(store::FleetImportSummary s, ctx.store->ImportFleet(ActorFor(call), rows));
            ctx.hub->Notify();
            return Reply::Json({{"rows", s.rows},
                                {"pools_created", s.pools_created},
                                {"gpus_added", s.gpus_added},
                                {"gpus_retired", s.gpus_retired}});
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/ledger/check",
      .summary = "Verify the compute ledger: every pool's first over-committed day, if any",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{ok, pools, capacity_changes, promises, shortfalls: [...]}",
      .handler =
          [ctx](Call&) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(store::LedgerReport r, ctx.store->CheckLedger());
            json shorts = json::array();
            for (const compute::Shortfall& f : r.shortfalls) shorts.push_back(ShortfallJson(f));
            return Reply::Json({{"ok", r.shortfalls.empty()},
                                {"pools", r.pools},
                                {"capacity_changes", r.capacity_changes},
                                {"promises", r.promises},
                                {"shortfalls", shorts}});
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/compute/per-researcher",
      .summary = "Compute per researcher on a date: H100-eq committed and installed per research head "
                 "(own research staff + accepted candidates)",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"date", FieldType::kString, false, "YYYY-MM-DD (default today)"}},
      .response = "{date, research_staff, accepted_candidates, heads, committed_h100_eq_milli, ...}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int32_t day, DateQuery(call));
            ST_ASSIGN_OR_RETURN(store::ComputePerResearcher c,
                                ctx.store->GetComputePerResearcher(ActorFor(call), day));
            return Reply::Json({{"date", compute::FormatDay(c.day)},
                                {"research_staff", c.research_staff},
                                {"accepted_candidates", c.accepted_candidates},
                                {"heads", c.research_staff + c.accepted_candidates},
                                {"committed_h100_eq_milli", c.committed_h100_milli},
                                {"promised_h100_eq_milli", c.promised_h100_milli},
                                {"capacity_h100_eq_milli", c.capacity_h100_milli},
                                {"committed_per_researcher_milli", c.per_researcher_milli},
                                {"capacity_per_researcher_milli", c.capacity_per_researcher_milli}});
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/compute/promises",
      .summary = "Compute promises (all, or one person's), newest first, each with its 'why'",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"person_id", FieldType::kInteger, false, "only this person's"}},
      .response = "{promises: [{offer_id, person_id, site, gpu_type, gpus, h100_eq_milli, start, end, state, why}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto person, call.QueryInt("person_id", 1, INT64_MAX));
            ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListPromises(ActorFor(call), person.value_or(0)));
            json out = {{"promises", json::array()}};
            for (const store::PromiseRecord& p : list) out["promises"].push_back(PromiseJson(p));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}/compute",
      .summary = "Why is this person's compute share X: the promises in force on a date, their pools and dates",
      .tag = "compute",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"date", FieldType::kString, false, "YYYY-MM-DD (default today)"}},
      .response = "{person_id, date, h100_eq_milli, gpus_by_type, promises: [...], explanation}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(std::int32_t day, DateQuery(call));
            ST_RETURN_IF_ERROR(ctx.store->GetPerson(ActorFor(call), id, false).status());  // 404 for no such person
            ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListPromises(ActorFor(call), id));
            std::int64_t milli = 0;
            json promises = json::array(), by_type = json::object(), reasons = json::array();
            for (const store::PromiseRecord& p : list) {
              promises.push_back(PromiseJson(p));
              const bool active = p.state != compute::PromiseState::kReleased && p.start_day <= day &&
                                  (p.end_day == 0 || day < p.end_day);
              if (!active) continue;
              milli += p.h100_eq_milli;
              by_type[p.gpu_type] = by_type.value(p.gpu_type, std::int64_t{0}) + p.gpus;
              reasons.push_back(PromiseJson(p)["why"]);
            }
            std::string explanation =
                milli == 0 ? "no compute promise in force on " + compute::FormatDay(day)
                           : compute::FormatH100Eq(milli) + " H100-eq on " + compute::FormatDay(day) + " from " +
                                 std::to_string(reasons.size()) + " promise(s)";
            return Reply::Json({{"person_id", id},
                                {"date", compute::FormatDay(day)},
                                {"h100_eq_milli", milli},
                                {"gpus_by_type", by_type},
                                {"in_force", reasons},
                                {"promises", promises},
                                {"explanation", explanation}});
          },
  });
}

}  // namespace st::web
