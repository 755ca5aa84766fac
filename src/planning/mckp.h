// The planning instance as a multiple-choice knapsack (one option or none per group, a few resource rows),
// flattened for speed, and the structure the optimiser exploits:
//   - dominance: an option no better in profit and no cheaper in every resource than another is dropped;
//   - the Lagrangian bound L(λ) = λ·b + Σ_i max(0, max_k p_ik − λ·w_ik), an upper bound for any λ >= 0
//     (equal to the LP relaxation's optimum at the LP's resource duals);
//   - reduced costs d_ik = best_i(λ) − (p_ik − λ·w_ik) >= 0: any plan x has
//       profit(x) = L(λ) − Σ_i d_i(x_i) − λ·slack(x),
//     so an option with d_ik >= L(λ) − incumbent can never be part of a better plan (reduced-cost fixing).
//
// Pure, thread-safe (const methods).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "planning/plan_instance.h"

namespace st::planning {

inline constexpr int32_t kNoOption = -1;  // a group's choice: no offer

struct Mckp {
  int resources = 0;
  std::vector<double> capacity;     // per resource
  std::vector<uint32_t> start;      // groups() + 1 offsets: group i's options are [start[i], start[i+1])
  std::vector<double> profit;       // per option
  std::vector<double> weight;       // per option × resources (row-major)
  std::vector<int32_t> source;      // per option: its index in the candidate's options
  std::vector<uint8_t> required;    // per group: no "no offer"

  int groups() const { return static_cast<int>(start.size()) - 1; }
  int options() const { return static_cast<int>(profit.size()); }
  const double* w(int option) const { return &weight[static_cast<size_t>(option) * resources]; }
};

// Builds the knapsack (policy applied: expected use scales use by P(accept)). With `prune`, drops
// dominated options. The instance must be valid.
Mckp BuildMckp(const PlanInstance& instance, bool prune);

// A choice per group (global option index or kNoOption).
using Choice = std::vector<int32_t>;

double Profit(const Mckp& m, const Choice& x);
// Resource use of a choice; Fits = every row within capacity + Tolerance(capacity).
std::vector<double> Usage(const Mckp& m, const Choice& x);
bool Fits(const Mckp& m, const std::vector<double>& usage);
bool Feasible(const Mckp& m, const Choice& x);  // fits, and every required group has an option
// For rounding only, never more than half a unit: worst-case sums are integers (exact in doubles below
// 2^53), so they are compared exactly — a plan is never a cent over a budget; expected-use sums (P × use)
// get 1e-9 relative.
inline double Tolerance(double capacity) {
  return std::min(0.5, 1e-9 * (capacity < 0 ? -capacity : capacity) + 1e-9);
}

// L(λ); `lambda` has one entry per resource (negative entries count as 0).
double LagrangianBound(const Mckp& m, const std::vector<double>& lambda);

// Per option d_ik, and per group the "no offer" reduced cost (best_i; +inf for required groups).
struct ReducedCosts {
  std::vector<double> option;  // per option
  std::vector<double> none;    // per group
};
ReducedCosts ComputeReducedCosts(const Mckp& m, const std::vector<double>& lambda);

}  // namespace st::planning
