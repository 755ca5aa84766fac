// The JSON instance format of `superteam plan --input FILE.json` (docs/planning.md) and the plan's JSON.
//
//   {"policy": "worst_case" | "expected",                       (default worst_case)
//    "campaign": {"mission_clarity": 1..5, "reorganisations_12m": n},  (optional; the campaign key's factors)
//    "acceptance": { AcceptanceSettings },                      (optional: GPUs per researcher by lab, ...)
//    "resources": [{"name": "budget_4y", "unit": "minor", "capacity": 500000000000}, ...],
//    "candidates": [{"id": "c1", "name": "…", "value": 87.5, "required": false,
//                    "current_package_4y": 300000000, "current_lab": "Google DeepMind",
//                    "relocation_needed": true, "warm_path": false, "ceo_reached_out": true,
//                    "options": [{"label": "tier 1", "four_year_value": 450000000, "guaranteed_gpus": 64,
//                                 "team_size": 2, "direct_reports": 2, "p_accept": 0.4 (optional),
//                                 "uses": {"gpu:h100:2027-01": 64} (optional)}]}]}
//
// Money is integer minor units (cents). An option's P(accept) is its "p_accept" when given, else the
// acceptance model's (with the explanation kept for the report). Its use of each resource is "uses"[name]
// when given, else derived from the terms by the resource's unit: "minor" → four_year_value, "gpu" →
// guaranteed_gpus, "slot" → 1 + team_size (the hire and their team), anything else → 0.
//
// Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "planning/acceptance.h"
#include "planning/optimiser.h"
#include "planning/plan_instance.h"

namespace st::planning {

struct ParsedInstance {
  PlanInstance instance;
  AcceptanceSettings acceptance;
  // Per candidate, per option: the model's explanation when P(accept) came from the model.
  std::vector<std::vector<std::optional<Explanation>>> explanations;
};

// kInvalidInput naming the JSON path ("candidates[3].options[1].four_year_value: ...").
Result<ParsedInstance> ParsePlanInstance(std::string_view json_text, const AcceptanceModel& model);

// "$250M", "250000000", "1.5B", "300k" → minor units (cents). kInvalidInput on anything else or overflow.
Result<int64_t> ParseDollars(std::string_view text);

// The plan as JSON (see docs/planning.md "Output").
std::string PlanToJson(const ParsedInstance& parsed, const Plan& plan);

}  // namespace st::planning
