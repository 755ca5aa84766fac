// Seeded random planning instances for tests and the benchmark: candidates with a value and a current
// package, 12 offer tiers each (3 money levels × 2 GPU levels × 2 team sizes, with per-candidate noise),
// P(accept) from the acceptance model's prior, and up to 3 resources (4-year budget, GPUs, team slots)
// whose capacities are a fraction (`tightness`) of what giving everyone their richest tier would need.
#pragma once

#include <cstdint>

#include "planning/plan_instance.h"

namespace st::planning {

struct RandomInstanceSpec {
  int candidates = 100;
  int options_per_candidate = 12;  // 1..12: the first n tiers of the 12
  int resources = 3;               // 1..3
  double tightness = 0.3;
  CommitmentPolicy policy = CommitmentPolicy::kWorstCase;
  int required_every = 0;          // > 0: every n-th candidate has an offer out (required)
  uint64_t seed = 1;
};

PlanInstance MakeRandomInstance(const RandomInstanceSpec& spec);

}  // namespace st::planning
