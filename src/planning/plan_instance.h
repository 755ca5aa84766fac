// A budget-planning instance: candidates, each with a menu of options (an offer tier or an offer already
// drafted; "no offer" is always implied unless the candidate is marked `required`), and a list of resource
// constraints (dollar budgets, GPU pools per date, team slots — the optimiser treats them alike).
//
// Objective: maximise Σ_i P(accept | option) · value_i over one option (or none) per candidate, such that
// for every resource r:   Σ_i use_r(option_i) · f(option_i) ≤ capacity_r,  where
//   worst-case commitment: f = 1            (the plan fits even if every offer is accepted)
//   expected use:          f = P(accept)    (the plan fits on average)
//
// Plain data; Validate() checks it. Amounts are integers in each resource's unit (money in minor units).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace st::planning {

enum class CommitmentPolicy { kWorstCase, kExpected };
std::string_view PolicyName(CommitmentPolicy p);  // "worst_case" / "expected"

struct Resource {
  std::string name;      // "budget_4y", "gpu:h100:2027-01", "team_slots"
  std::string unit;      // "minor" (cents: shown as dollars), "gpu", "slot", ... — for display
  int64_t capacity = 0;  // may be negative when a pool is already over-committed: then no plan fits
};

struct PlanOption {
  std::string label;            // "tier 3: $12M, 512 GPUs, team 4"
  double p_accept = 0;          // in [0, 1]
  std::vector<int64_t> use;     // one amount >= 0 per resource, in the instance's resource order
  // Display only (what the offer would say):
  int64_t four_year_value_minor = 0, guaranteed_gpus = 0, team_size = 0;
};

struct PlanCandidate {
  std::string id;
  std::string name;
  double value = 0;  // expected talent if they join (strength from the graph or set by the CEO), >= 0
  bool required = false;  // an offer that is already out: one of the options must be kept
  std::vector<PlanOption> options;
};

struct PlanInstance {
  std::vector<Resource> resources;
  std::vector<PlanCandidate> candidates;
  CommitmentPolicy policy = CommitmentPolicy::kWorstCase;

  // kInvalidInput naming the candidate/option/resource: empty or duplicate names, p outside [0,1],
  // negative value or use, wrong number of amounts, a required candidate without options.
  Status Validate() const;
};

}  // namespace st::planning
