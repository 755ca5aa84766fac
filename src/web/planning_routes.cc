// /api/planning: the budget plan over the pipeline (issue 12) and "turn this plan into draft offers".
// Computing a plan reads compensation and offer money, so it is for ceo and hr (hr read-only: it may look at
// plans but not act on them); turning a plan into draft offers moves people to stage offer on the CEO's word
// and creates offers through the offers code path (then the normal approval chain and ledger checks): ceo.
#include <chrono>

#include <nlohmann/json.hpp>

#include "planning/cbc_solver.h"
#include "planning/optimiser.h"
#include "planning/pipeline_store.h"
#include "web/api_context.h"

namespace st::web {
namespace {

using campaign::Permission;
using nlohmann::json;

std::int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const std::vector<Field>& PlanFields() {
  static const std::vector<Field> kFields = {
      {"budget_4y_minor", FieldType::kInteger, false, "4-year budget in cents (default: planning settings)"},
      {"budget_first_year_minor", FieldType::kInteger, false, "first-year cash budget in cents"},
      {"team_slots", FieldType::kInteger, false, "hires + their teams (0 = no limit)"},
      {"policy", FieldType::kString, false, "worst_case (default: fits if every offer is accepted) or expected"},
      {"time_limit", FieldType::kNumber, false, "seconds, 0.1..30 (default 5); the plan carries its proven gap"},
      {"curve", FieldType::kInteger, false, "also plan at N budgets from 2/N to 2x (0..12): hires against budget"},
      {"values", FieldType::kObject, false, "the CEO's values by person id {\"12\": 80}: win over graph strength"},
  };
  return kFields;
}

Result<std::optional<std::int64_t>> OptInt(const json& b, const char* key, std::int64_t lo, std::int64_t hi) {
  if (!b.contains(key) || b[key].is_null()) return std::optional<std::int64_t>();
  if (!b[key].is_number_integer() || b[key].get<std::int64_t>() < lo || b[key].get<std::int64_t>() > hi)
    return Status::InvalidInput("field '" + std::string(key) + "': must be an integer in [" + std::to_string(lo) + ", " +
                                std::to_string(hi) + "]");
  return std::optional<std::int64_t>(b[key].get<std::int64_t>());
}

// A JSON object key that must be a person id ("12"), for the `values` and `choices` objects.
Result<std::int64_t> PersonIdKey(const std::string& key, const char* field) {
  try {
    size_t used = 0;
    const std::int64_t id = std::stoll(key, &used);
    if (used == key.size() && id > 0) return id;
  } catch (const std::exception&) {
  }
  return Status::InvalidInput(std::string("field '") + field + "': keys are person ids ('" + key.substr(0, 40) + "')");
}

Result<planning::PlanRequest> RequestOf(const Call& call) {
  planning::PlanRequest r;
  static const json kEmpty = json::object();
  const json& b = call.body ? *call.body : kEmpty;
  constexpr std::int64_t kMax = 1'000'000'000'000'000;
  ST_ASSIGN_OR_RETURN(r.budget_4y_minor, OptInt(b, "budget_4y_minor", 0, kMax));
  ST_ASSIGN_OR_RETURN(r.budget_first_year_minor, OptInt(b, "budget_first_year_minor", 0, kMax));
  ST_ASSIGN_OR_RETURN(r.team_slots, OptInt(b, "team_slots", 0, 1'000'000));
  if (b.contains("policy")) {
    const std::string p = b["policy"].is_string() ? b["policy"].get<std::string>() : "";
    if (p == "expected") r.policy = planning::CommitmentPolicy::kExpected;
    else if (p != "worst_case" && p != "worst-case")
      return Status::InvalidInput("field 'policy': must be worst_case or expected");
  }
  if (b.contains("values")) {
    for (const auto& [id, v] : b["values"].items()) {
      ST_ASSIGN_OR_RETURN(std::int64_t pid, PersonIdKey(id, "values"));
      if (!v.is_number() || !(v.get<double>() >= 0) || v.get<double>() > 1e9)
        return Status::InvalidInput("field 'values." + id + "': must be a number in [0, 1e9]");
      r.values[pid] = v.get<double>();
    }
  }
  return r;
}

// The pipeline's instance as of now (settings, people, offers, ledger), for a plan or to resolve a plan's keys.
Result<planning::PipelineInstance> Instance(const ApiContext& ctx, const Call& call, planning::PlanRequest req) {
  ST_ASSIGN_OR_RETURN(planning::PipelineInputs in, planning::LoadPipelineInputs(*ctx.store, ActorFor(call), req, NowUnix()));
  return planning::BuildPipelineInstance(in, planning::AcceptanceModel());
}

}  // namespace

void AddPlanningRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/planning/plan",
      .summary = "The budget plan over the pipeline: one option per candidate maximising expected talent, P(accept) "
                 "explained, binding constraints, marginal values and the proven gap; stores nothing",
      .tag = "planning",
      .access = Access::kPermission,
      .permission = Permission::kReadCompensation,
      .body = PlanFields(),
      .response = "Plan (docs/planning.md \"Output\") + curve[]; 400 naming the cause (no budget, no plan fits)",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(planning::PlanRequest req, RequestOf(call));
            static const json kEmpty = json::object();
            const json& b = call.body ? *call.body : kEmpty;
            double time_limit = 5;
            if (b.contains("time_limit")) {
              if (!b["time_limit"].is_number() || !(b["time_limit"].get<double>() >= 0.1) ||
                  b["time_limit"].get<double>() > 30)
                return Status::InvalidInput("field 'time_limit': seconds in [0.1, 30]");
              time_limit = b["time_limit"].get<double>();
            }
            ST_ASSIGN_OR_RETURN(auto curve_n, OptInt(b, "curve", 0, 12));
            ST_ASSIGN_OR_RETURN(planning::PipelineInstance pi, Instance(ctx, call, req));
            auto backend = planning::MakeCbcBackend();
            planning::OptimiseOptions opt;
            opt.time_limit_seconds = time_limit;
            ST_ASSIGN_OR_RETURN(planning::Plan plan, planning::Optimise(pi.parsed.instance, *backend, opt));
            json out = json::parse(planning::PipelinePlanToJson(pi, plan));
            // Expected hires against the money budget (the 4-year one, else first-year), each point to a 0.1% gap.
            out["curve"] = json::array();
            const auto& res = pi.parsed.instance.resources;
            int money = -1;
            for (size_t r = 0; r < res.size() && money < 0; ++r)
              if (res[r].unit == "minor") money = static_cast<int>(r);
            if (curve_n && *curve_n > 0 && money >= 0) {
              planning::OptimiseOptions copt = opt;
              copt.relative_gap = 0.001;
              copt.time_limit_seconds = std::min(time_limit, 2.0);
              out["curve_resource"] = res[money].name;
              const std::int64_t base = res[money].capacity;
              for (std::int64_t k = 1; k <= *curve_n; ++k) {
                planning::PlanInstance at = pi.parsed.instance;
                at.resources[money].capacity = static_cast<std::int64_t>(static_cast<__int128>(base) * 2 * k / *curve_n);
                auto p = planning::Optimise(at, *backend, copt);
                json point = {{"budget", at.resources[money].capacity}};
                if (p.ok()) {
                  point["expected_talent"] = p->objective;
                  point["expected_hires"] = p->expected_hires;
                  point["offers"] = p->offers;
                  point["gap"] = p->gap;
                } else {
                  point["error"] = p.status().message();  // e.g. below what the offers out already need
                }
                out["curve"].push_back(point);
              }
            }
            out["may_make_offers"] = campaign::HasPermission(call.principal->role, Permission::kPlanOffers);
            return Reply::Json(out);
          },
  });
  std::vector<Field> offer_fields = PlanFields();
  offer_fields.push_back({"choices", FieldType::kObject, true,
                          "the plan's choice per person id {\"12\": \"m1.g2.t0@3\"} (the option keys of a plan)"});
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/planning/offers",
      .summary = "Turn a plan into draft offers: each chosen tier becomes a draft offer (the person moved to offer "
                 "first, on the CEO's word), then the normal approval chain and ledger checks",
      .tag = "planning",
      .access = Access::kPermission,
      .permission = Permission::kPlanOffers,
      .body = std::move(offer_fields),
      .body_required = true,
      .response = "{draft_offers: [{person_id, name, key, outcome created|updated|kept|failed, offer_id, error}], "
                  "created, failed}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(planning::PlanRequest req, RequestOf(call));
            // The keys do not depend on the budgets; a campaign without a stored budget still resolves them.
            if (!req.budget_4y_minor && !req.budget_first_year_minor) req.budget_4y_minor = 1'000'000'000'000'000;
            const json& choices = (*call.body)["choices"];
            std::vector<std::pair<std::int64_t, std::string>> list;
            for (const auto& [id, key] : choices.items()) {
              ST_ASSIGN_OR_RETURN(std::int64_t pid, PersonIdKey(id, "choices"));
              if (!key.is_string() || key.get<std::string>().empty() || key.get<std::string>().size() > 100)
                return Status::InvalidInput("field 'choices." + id + "': an option key of the plan");
              list.emplace_back(pid, key.get<std::string>());
            }
            if (list.empty()) return Status::InvalidInput("field 'choices': the plan makes no offers");
            if (list.size() > 1000) return Status::InvalidInput("field 'choices': at most 1000");
            ST_ASSIGN_OR_RETURN(planning::PipelineInstance pi, Instance(ctx, call, req));
            ST_ASSIGN_OR_RETURN(auto made, planning::CreateDraftOffers(*ctx.store, ActorFor(call), pi, list));
            json out = {{"draft_offers", json::array()}, {"created", 0}, {"failed", 0}};
            for (const auto& d : made) {
              out["draft_offers"].push_back({{"person_id", d.person_id}, {"name", d.name}, {"key", d.key},
                                             {"outcome", d.outcome}, {"offer_id", d.offer_id}, {"error", d.error}});
              if (d.outcome == "created" || d.outcome == "updated") out["created"] = out["created"].get<int>() + 1;
              if (d.outcome == "failed") out["failed"] = out["failed"].get<int>() + 1;
            }
            ctx.hub->Notify();
            return Reply::Json(out);
          },
  });
}

}  // namespace st::web
