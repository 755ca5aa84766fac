// The budget optimiser: one option (or none) per candidate maximising expected talent Σ P(accept)·value
// under a list of resource constraints, with a proven optimality gap on every plan.
//
// How (kStructured): dominated options are dropped; the LP relaxation (from the MIP backend) gives an
// upper bound and resource duals λ; a greedy over each candidate's LP hull at λ plus local search gives a
// plan; reduced-cost fixing (mckp.h) removes every option that cannot be part of a better plan, and the
// few candidates still undecided go to the MIP backend (CBC) with the plan as warm start, as the exact
// back-stop. The bound reported is always a proven one: L(λ), or tighter from the backend's search.
//
// Thread-safe if the backend is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "planning/mip_backend.h"
#include "planning/plan_instance.h"

namespace st::planning {

enum class OptimiseMethod {
  kStructured,  // the above (default)
  kSolverOnly,  // the whole model to the backend with its own defaults (benchmark baseline "CBC alone")
  kHullGreedy,  // the LP-hull greedy at capacity-share costs + local search, no proof beyond L(λ) (no LP)
  kValueGreedy, // value-per-cost greedy, no bound (benchmark baseline)
};

struct OptimiseOptions {
  double time_limit_seconds = 10;  // wall clock; the best plan found by then is returned with its gap
  double relative_gap = 0;         // stop once (bound − objective) / bound ≤ this; 0 = prove optimality
  OptimiseMethod method = OptimiseMethod::kStructured;
  // Count the time limit and the stats in this thread's CPU seconds instead of wall-clock seconds: for
  // benchmarks on a shared machine, where the wall clock measures the neighbours.
  bool cpu_clock = false;
};

struct ResourceReport {
  std::string name, unit;
  int64_t capacity = 0;
  double used = 0;        // under the instance's policy (expected use: Σ P·use)
  double committed = 0;   // if every offer in the plan is accepted (Σ use)
  double marginal_value = 0;  // LP dual: expected talent per one more unit (per cent for money)
  bool binding = false;       // marginal value > 0, or too little left for any upgrade
};

struct PlanStats {
  double seconds = 0, lp_seconds = 0, heuristic_seconds = 0, enumeration_seconds = 0, mip_seconds = 0;
  int64_t enumeration_nodes = 0;  // deviation sets the exact enumeration examined
  int options_in = 0, options_after_pruning = 0;
  int free_candidates = 0, free_options = 0;  // left for the MIP after reduced-cost fixing
  double lp_bound = 0, heuristic_objective = 0;
  std::string stopped_by;  // "proven optimal", "gap reached", "time limit", "heuristic"
};

struct Plan {
  std::vector<int32_t> choice;  // per candidate of the instance: index into its options, or -1 (no offer)
  double objective = 0;         // Σ P·value of the plan
  double bound = 0;             // proven upper bound on the best plan's objective (+inf for kValueGreedy)
  double gap = 0;               // (bound − objective) / bound
  bool proven_optimal = false;
  double expected_hires = 0;    // Σ P(accept) over the offers made
  int offers = 0;
  std::vector<ResourceReport> resources;
  PlanStats stats;
};

// kInvalidInput for an invalid instance (the field named) or when no plan fits ("no plan fits: ..."
// naming the resource and, when it is the cause, the candidates whose offers are already out).
Result<Plan> Optimise(const PlanInstance& instance, const MipBackend& backend, const OptimiseOptions& options = {});

}  // namespace st::planning
