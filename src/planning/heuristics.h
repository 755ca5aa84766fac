// Fast plans without proof, used as warm starts for the exact search and as baselines in the benchmark.
// Pure, thread-safe.
#pragma once

#include <vector>

#include "planning/mckp.h"

namespace st::planning {

// Resource weights that turn several rows into one cost: 1/capacity per row (each row's share).
std::vector<double> CapacityShareWeights(const Mckp& m);

// The naive baseline: options ranked by profit per unit of (capacity-share) cost, each group takes the
// first of its options that still fits; no upgrades. Required groups first take their cheapest option.
Choice ValuePerCostGreedy(const Mckp& m);

// Greedy over the LP hull: per group, the upper convex hull of profit against the aggregated cost
// Σ_r cost_weights[r]·w_r; increments taken by decreasing slope while every resource fits (a group whose
// next increment does not fit stops there). With the LP's resource duals as cost weights this is the LP
// solution rounded down. May be infeasible only when required groups cannot all fit.
Choice HullGreedy(const Mckp& m, const std::vector<double>& cost_weights);

// Local search from a feasible x: single-group upgrades that fit, then pair moves (one group gives up
// resources, another upgrades) ranked by their reduced gain under `lambda`, until no move improves or
// `rounds` pair moves were applied. Keeps x feasible; returns the new profit.
double Improve(const Mckp& m, const std::vector<double>& lambda, Choice& x, int rounds = 200);

}  // namespace st::planning
