// Exact search by reduced-cost enumeration (the optimiser's own exact stage, before the CBC back-stop).
//
// At resource prices λ >= 0 every plan x satisfies (mckp.h)
//     profit(x) = L(λ) − Σ_i d_i(x_i) − λ·slack(x),   d_i >= 0, slack >= 0,
// so a plan better than z has Σ_i d_i(x_i) < L(λ) − z. Take per candidate its option of least reduced cost
// (the "base", the LP's rounding); every other plan is the base with some candidates deviating, each
// deviation costing its d. The search enumerates, depth first and by increasing d, every set of deviations
// whose total d is at most a budget B, checks each plan for fit and keeps the best. When a budget B has been
// enumerated completely, every plan with Σ d <= B has been seen, so
//     optimum <= max(best found, L(λ) − B);
// budgets grow 1.25× until B >= L(λ) − best found, which proves the best found optimal. The budget shrinks as
// better plans are found (a deviation set already costing more than L − best cannot lead to a better plan).
//
// Integer-row tables (2026-12-06, session 8): the LP bound misses that a resource like team slots is used
// in whole units (1 or 5 per offer) while its price λ_r is large (one slot ≈ 1.6 expected-talent units, more
// than the whole gap of a hard instance), so a plan must fill it exactly. For each resource whose deviations
// change its use by whole numbers (slots, GPUs under the worst-case policy), each budget level builds by a
// 0-1 knapsack DP over the sorted deviations, per position t and slack s of r, the least Σ d + λ_r·(slack
// left) of any set of deviations at positions >= t within the level's limit that does not overfill r (other
// resources' slack terms are >= 0 and dropped; two deviations of one candidate are allowed: a relaxation).
// A child is visited only if its d plus every table's bound after it fits the budget. Children are taken
// by class of their step in the first (smallest) table's resource, each class in position order; the first
// child that table cuts ends its class (its bound only grows along a class). At the base the tables are a
// bound of their own (`row_bound`). At 1,000 × 12 they took seeds 1, 7, 14 from unproven after 10 CPU-s to
// proven in 0.9, 2.5, 3.9 s.
//
// Floating point: weights of the worst-case policy are integers (sums exact in doubles); fit is tested
// incrementally with twice mckp.h's tolerance and confirmed by Feasible() on the full choice, and every
// reported profit is recomputed by Profit(). Every budget comparison and the bound carry a slack
// ε = 1e-9·max(1, |L|) (rounding of L and of the d's) + 2·Σ_r λ_r·Tolerance(b_r) (a plan that fits within
// the tolerance has slack down to −Tolerance, worth up to λ_r each).
//
// Pure, thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

#include "planning/mckp.h"

namespace st::planning {

struct EnumerationResult {
  Choice best;               // the best plan found, or empty if none beat `incumbent_profit`
  double best_profit = 0;    // Profit(m, best) when `best` is set
  double budget_done = 0;    // every plan with Σ d <= budget_done was examined
  double bound = 0;          // proven: optimum <= max(incumbent, best_profit, bound)
  bool proven = false;       // the best plan known (incumbent or best) is optimal
  int64_t nodes = 0;         // deviation sets examined (over all budgets)
  int row_resource = -1;     // the resource of the integer-row table, or −1 (none built)
  double row_bound = 0;      // proven: optimum <= max(incumbent, best_profit, row_bound) (with the table; else L)
};


// `lambda`: prices (>= 0), `lagrangian_bound` = LagrangianBound(m, lambda); `incumbent_profit`: the profit
// of a feasible plan already known (or −inf). Stops once a completed budget proves the best known plan
// within `absolute_gap` of the optimum (0: optimal). `out_of_time` is polled before each budget and every 4,096
// nodes; when it says so the search stops with the budget completed so far.
EnumerationResult EnumerateByReducedCost(const Mckp& m, const std::vector<double>& lambda, double lagrangian_bound,
                                         double incumbent_profit, double absolute_gap,
                                         const std::function<bool()>& out_of_time);

}  // namespace st::planning
