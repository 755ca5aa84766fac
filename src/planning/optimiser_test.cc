#include "planning/optimiser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "planning/cbc_solver.h"
#include "planning/enumerate.h"
#include "planning/heuristics.h"
#include "planning/mckp.h"
#include "planning/random_instance.h"

namespace st::planning {
namespace {

// Exhaustive search over every combination (no pruning by bounds, only by capacity): the oracle.
struct Oracle {
  double best = -1;
  std::vector<int32_t> choice;
};
Oracle Exhaustive(const PlanInstance& in) {
  const int n = static_cast<int>(in.candidates.size()), R = static_cast<int>(in.resources.size());
  const bool expected = in.policy == CommitmentPolicy::kExpected;
  std::vector<double> used(R, 0.0);
  std::vector<int32_t> cur(n, -1);
  Oracle o;
  std::function<void(int, double)> go = [&](int i, double profit) {
    if (i == n) {
      if (profit > o.best) o.best = profit, o.choice = cur;
      return;
    }
    const PlanCandidate& c = in.candidates[i];
    if (!c.required) go(i + 1, profit);
    for (size_t k = 0; k < c.options.size(); ++k) {
      const PlanOption& opt = c.options[k];
      bool fits = true;
      for (int r = 0; r < R; ++r) {
        used[r] += static_cast<double>(opt.use[r]) * (expected ? opt.p_accept : 1.0);
        fits &= used[r] <= static_cast<double>(in.resources[r].capacity) * (1 + 1e-12) + 1e-9;
      }
      cur[i] = static_cast<int32_t>(k);
      if (fits) go(i + 1, profit + opt.p_accept * c.value);
      cur[i] = -1;
      for (int r = 0; r < R; ++r) used[r] -= static_cast<double>(opt.use[r]) * (expected ? opt.p_accept : 1.0);
    }
  };
  go(0, 0.0);
  return o;
}

// The plan as the instance sees it: its objective recomputed and every limit checked.
double CheckPlan(const PlanInstance& in, const Plan& plan) {
  const bool expected = in.policy == CommitmentPolicy::kExpected;
  double profit = 0;
  std::vector<double> used(in.resources.size(), 0.0);
  for (size_t i = 0; i < in.candidates.size(); ++i) {
    int32_t k = plan.choice[i];
    if (k < 0) {
      EXPECT_FALSE(in.candidates[i].required) << in.candidates[i].id;
      continue;
    }
    const PlanOption& o = in.candidates[i].options[k];
    profit += o.p_accept * in.candidates[i].value;
    for (size_t r = 0; r < used.size(); ++r) used[r] += static_cast<double>(o.use[r]) * (expected ? o.p_accept : 1.0);
  }
  for (size_t r = 0; r < used.size(); ++r)
    EXPECT_LE(used[r], static_cast<double>(in.resources[r].capacity) * (1 + 1e-9) + 1e-9) << in.resources[r].name;
  EXPECT_NEAR(profit, plan.objective, 1e-9 * std::max(1.0, profit));
  return profit;
}

class OptimiserTest : public ::testing::Test {
 protected:
  std::unique_ptr<MipBackend> cbc_ = MakeCbcBackend();
};

TEST_F(OptimiserTest, AgreesWithExhaustiveSearchOnSmallInstances) {
  int cases = 0, solved_without_mip = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    RandomInstanceSpec spec;
    spec.candidates = 6 + static_cast<int>(seed % 7);           // 6..12
    spec.options_per_candidate = seed % 3 == 0 ? 3 : 2 + seed % 2;  // small menus keep the oracle fast
    spec.resources = 1 + static_cast<int>(seed % 3);
    spec.tightness = 0.15 + 0.05 * static_cast<double>(seed % 6);
    spec.policy = seed % 2 ? CommitmentPolicy::kWorstCase : CommitmentPolicy::kExpected;
    spec.required_every = seed % 5 == 0 ? 4 : 0;
    spec.seed = seed;
    PlanInstance in = MakeRandomInstance(spec);
    Oracle oracle = Exhaustive(in);
    if (oracle.best < 0) continue;  // required offers cannot fit: covered by the infeasibility tests
    SCOPED_TRACE("seed " + std::to_string(seed));
    for (OptimiseMethod method : {OptimiseMethod::kStructured, OptimiseMethod::kSolverOnly}) {
      auto plan = Optimise(in, *cbc_, {.time_limit_seconds = 30, .method = method});
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      EXPECT_TRUE(plan->proven_optimal);
      EXPECT_NEAR(plan->objective, oracle.best, 1e-7 * std::max(1.0, oracle.best));
      EXPECT_GE(plan->bound, oracle.best - 1e-7 * std::max(1.0, oracle.best));
      CheckPlan(in, *plan);
      if (method == OptimiseMethod::kStructured) solved_without_mip += plan->stats.mip_seconds == 0;
    }
    // The heuristics never beat the optimum and always fit.
    for (OptimiseMethod method : {OptimiseMethod::kHullGreedy, OptimiseMethod::kValueGreedy}) {
      auto plan = Optimise(in, *cbc_, {.method = method});
      if (!plan.ok()) continue;  // a greedy may fail to place required offers
      EXPECT_LE(plan->objective, oracle.best + 1e-9);
      CheckPlan(in, *plan);
    }
    ++cases;
  }
  EXPECT_GE(cases, 50);
  std::printf("[ info ] %d instances, %d proven without the MIP\n", cases, solved_without_mip);
}

// Small instances full of ties: integer values, probabilities in quarters, integer uses, identical options,
// zero-value candidates, options using nothing, capacities from zero to everything. Seeded (splitmix64).
PlanInstance TieHeavyInstance(uint64_t seed) {
  uint64_t st = seed * 0x9E3779B97F4A7C15ULL + 1;
  auto next = [&st] {
    uint64_t z = (st += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  auto below = [&](uint64_t n) { return static_cast<int64_t>(next() % n); };
  PlanInstance in;
  const int R = 1 + static_cast<int>(below(4));
  for (int r = 0; r < R; ++r) in.resources.push_back({"r" + std::to_string(r), "", 0});
  const int n = 3 + static_cast<int>(below(7));  // 3..9 candidates
  std::vector<int64_t> total(R, 0);
  for (int i = 0; i < n; ++i) {
    PlanCandidate c;
    c.id = "c" + std::to_string(i);
    c.value = static_cast<double>(below(4));  // 0..3 (0: a candidate worth nothing)
    c.required = below(6) == 0;
    const int k_count = 1 + static_cast<int>(below(4));
    for (int k = 0; k < k_count; ++k) {
      PlanOption o;
      if (k > 0 && below(4) == 0) {
        o = c.options[below(k)];  // an identical copy
      } else {
        o.p_accept = 0.25 * static_cast<double>(below(5));
        for (int r = 0; r < R; ++r) o.use.push_back(below(3) == 0 ? 0 : below(6));
      }
      o.label = "o" + std::to_string(k);
      for (int r = 0; r < R; ++r) total[r] += o.use[r];
      c.options.push_back(o);
    }
    in.candidates.push_back(std::move(c));
  }
  for (int r = 0; r < R; ++r) in.resources[r].capacity = below(4) == 0 ? total[r] : below(total[r] / 2 + 2);
  in.policy = below(3) == 0 ? CommitmentPolicy::kExpected : CommitmentPolicy::kWorstCase;
  return in;
}

// The oracle against the optimiser on many seeded instances: random ones of every tightness (3-12
// candidates, 2-4 options, 1-3 resources, both policies, offers already out) and tie-heavy ones.
TEST_F(OptimiserTest, AgreesWithExhaustiveSearchOnHundredsOfInstances) {
  int cases = 0, infeasible = 0, enumerated = 0;
  for (uint64_t seed = 1000; seed < 1400; ++seed) {
    PlanInstance in;
    if (seed % 2) {
      RandomInstanceSpec spec;
      spec.candidates = 3 + static_cast<int>(seed % 10);  // 3..12
      spec.options_per_candidate = spec.candidates > 9 ? 2 + static_cast<int>(seed % 2) : 2 + static_cast<int>(seed % 3);
      spec.resources = 1 + static_cast<int>((seed / 2) % 3);
      spec.tightness = 0.02 + 0.06 * static_cast<double>((seed / 6) % 10);  // 0.02 (one offer) .. 0.56
      spec.policy = (seed / 4) % 2 ? CommitmentPolicy::kWorstCase : CommitmentPolicy::kExpected;
      spec.required_every = (seed / 8) % 4 == 0 ? 3 : 0;
      spec.seed = seed;
      in = MakeRandomInstance(spec);
    } else {
      in = TieHeavyInstance(seed);
    }
    SCOPED_TRACE("seed " + std::to_string(seed));
    Oracle oracle = Exhaustive(in);
    auto plan = Optimise(in, *cbc_, {.time_limit_seconds = 30});
    if (oracle.best < 0) {  // no plan fits: the optimiser must say so
      ASSERT_FALSE(plan.ok());
      EXPECT_EQ(plan.status().code(), StatusCode::kInvalidInput) << plan.status().ToString();
      ++infeasible;
      continue;
    }
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_TRUE(plan->proven_optimal);
    EXPECT_NEAR(plan->objective, oracle.best, 1e-9 * std::max(1.0, oracle.best));
    EXPECT_GE(plan->bound, oracle.best - 1e-9 * std::max(1.0, oracle.best));
    CheckPlan(in, *plan);
    enumerated += plan->stats.enumeration_nodes > 0;
    ++cases;
  }
  EXPECT_GE(cases, 300);
  std::printf("[ info ] %d instances agree (%d needed the enumeration), %d without a plan\n", cases, enumerated,
              infeasible);
}

// The enumeration's proof holds at any prices, not only the LP's: at λ = 0, random λ and 10x the LP's,
// run to the end it finds the optimum; stopped after a few thousand nodes its bound is still true.
TEST_F(OptimiserTest, EnumerationIsExactAtAnyPrices) {
  int runs = 0, stopped_early = 0, with_table = 0;
  for (uint64_t seed = 1; seed <= 80; ++seed) {
    RandomInstanceSpec spec{.candidates = 6 + static_cast<int>(seed % 5), .options_per_candidate = 3,
                            .resources = 1 + static_cast<int>(seed % 3), .tightness = 0.1 + 0.05 * (seed % 6),
                            .seed = seed};
    spec.policy = seed % 2 ? CommitmentPolicy::kWorstCase : CommitmentPolicy::kExpected;
    PlanInstance in = seed % 4 == 0 ? TieHeavyInstance(seed) : MakeRandomInstance(spec);
    Oracle oracle = Exhaustive(in);
    if (oracle.best < 0) continue;
    SCOPED_TRACE("seed " + std::to_string(seed));
    Mckp m = BuildMckp(in, true);
    auto lp = cbc_->SolveLp(m);
    ASSERT_TRUE(lp.ok()) << lp.status().ToString();
    std::vector<std::vector<double>> prices = {std::vector<double>(m.resources, 0.0), lp->resource_duals};
    std::vector<double> random(m.resources), tenfold(m.resources);
    for (int r = 0; r < m.resources; ++r) {
      random[r] = lp->resource_duals[r] * (0.5 + 0.37 * static_cast<double>((seed * 7 + r * 3) % 4)) +
                  (seed % 3 == 0 ? 1e-3 / std::max(1.0, m.capacity[r]) : 0.0);
      tenfold[r] = 10 * lp->resource_duals[r];
    }
    prices.push_back(random);
    prices.push_back(tenfold);
    for (const auto& lambda : prices) {
      const double L = LagrangianBound(m, lambda);
      ASSERT_GE(L, oracle.best - 1e-9 * std::max(1.0, oracle.best));
      auto full = EnumerateByReducedCost(m, lambda, L, -std::numeric_limits<double>::infinity(), 0, {});
      EXPECT_TRUE(full.proven);
      ASSERT_FALSE(full.best.empty());
      EXPECT_TRUE(Feasible(m, full.best));
      EXPECT_NEAR(full.best_profit, oracle.best, 1e-9 * std::max(1.0, oracle.best));
      // The integer-row table's bound at the base is true on its own (no incumbent: every deviation kept).
      EXPECT_GE(full.row_bound, oracle.best - 1e-9 * std::max(1.0, oracle.best));
      EXPECT_LE(full.row_bound, L + 1e-6 * std::max(1.0, std::abs(L)));  // (+ the rounding slack ε)
      with_table += full.row_resource >= 0;
      int polls = 0;
      const std::function<bool()> soon = [&polls] { return ++polls > 1; };
      auto cut = EnumerateByReducedCost(m, lambda, L, -std::numeric_limits<double>::infinity(), 0, soon);
      double best_known = cut.best.empty() ? -1 : cut.best_profit;
      EXPECT_GE(std::max(best_known, cut.bound), oracle.best - 1e-9 * std::max(1.0, oracle.best));
      stopped_early += !cut.proven;
      if (cut.proven) {
        EXPECT_NEAR(best_known, oracle.best, 1e-9 * std::max(1.0, oracle.best));
      }
      ++runs;
    }
  }
  EXPECT_GE(runs, 200);
  EXPECT_GE(stopped_early, 50);  // the stopped runs did test the bound of an unfinished search
  EXPECT_GE(with_table, 60);     // and the integer-row table was built (worst case, some λ_r > 0) in many
  std::printf("[ info ] %d runs, %d stopped early, %d with an integer-row table\n", runs, stopped_early, with_table);
}

TEST_F(OptimiserTest, ReportedBoundIsTrueWhenStoppedEarly) {
  for (uint64_t seed = 100; seed < 115; ++seed) {
    RandomInstanceSpec spec{.candidates = 12, .options_per_candidate = 3, .resources = 3, .tightness = 0.25,
                            .seed = seed};
    PlanInstance in = MakeRandomInstance(spec);
    Oracle oracle = Exhaustive(in);
    auto plan = Optimise(in, *cbc_, {.relative_gap = 0.05});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_LE(plan->gap, 0.05 + 1e-12);
    EXPECT_LE(plan->objective, oracle.best + 1e-9);
    EXPECT_GE(plan->bound, oracle.best - 1e-9) << "seed " << seed;
    EXPECT_GE(plan->objective, (1 - 0.05) * plan->bound - 1e-9);
  }
}

// Beyond the exhaustive oracle's reach: full 12-tier menus on 20-36 candidates, 3 resources (the integer-row
// tables on team slots and GPUs are built here, over hundreds of deviations). Our proven optimum must equal
// the one CBC alone proves, and each bound must lie above the other's plan.
TEST_F(OptimiserTest, ProvenOptimaAgreeWithCbcOnMediumInstances) {
  int compared = 0;
  for (uint64_t seed = 1; seed <= 16; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    // Every third: money and GPUs only (the GPU table alone, its many steps as classes).
    PlanInstance in = MakeRandomInstance({.candidates = 20 + static_cast<int>(seed % 5) * 4,
                                          .resources = seed % 3 == 0 ? 2 : 3,
                                          .tightness = 0.15 + 0.05 * static_cast<double>(seed % 4), .seed = seed});
    auto ours = Optimise(in, *cbc_, {.time_limit_seconds = 30});
    auto cbc = Optimise(in, *cbc_, {.time_limit_seconds = 30, .method = OptimiseMethod::kSolverOnly});
    ASSERT_TRUE(ours.ok() && cbc.ok());
    CheckPlan(in, *ours);
    CheckPlan(in, *cbc);
    EXPECT_TRUE(ours->proven_optimal);
    EXPECT_GE(ours->bound, cbc->objective - 1e-9 * std::max(1.0, cbc->objective));
    EXPECT_GE(cbc->bound, ours->objective - 1e-9 * std::max(1.0, ours->objective));
    if (!cbc->proven_optimal) continue;
    EXPECT_NEAR(ours->objective, cbc->objective, 1e-9 * std::max(1.0, cbc->objective));
    ++compared;
  }
  EXPECT_GE(compared, 10);
  std::printf("[ info ] %d medium instances: our proven optimum = CBC's\n", compared);
}

TEST_F(OptimiserTest, LargerInstancesReachTheGapAndBoundTheBaselines) {
  PlanInstance in = MakeRandomInstance({.candidates = 400, .seed = 7});
  auto plan = Optimise(in, *cbc_, {.time_limit_seconds = 60, .relative_gap = 0.001});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_LE(plan->gap, 0.001);
  EXPECT_EQ(plan->stats.options_in, 400 * 12);
  CheckPlan(in, *plan);
  auto greedy = Optimise(in, *cbc_, {.method = OptimiseMethod::kValueGreedy});
  auto hull = Optimise(in, *cbc_, {.method = OptimiseMethod::kHullGreedy});
  auto cbc = Optimise(in, *cbc_, {.time_limit_seconds = 60, .relative_gap = 0.001, .method = OptimiseMethod::kSolverOnly});
  ASSERT_TRUE(greedy.ok() && hull.ok() && cbc.ok());
  // Every plan any method finds lies under our proven bound, and CBC's bound is no tighter than ours can be.
  for (const auto* other : {&*greedy, &*hull, &*cbc}) {
    CheckPlan(in, *other);
    EXPECT_LE(other->objective, plan->bound + 1e-9);
  }
  EXPECT_LE(plan->objective, cbc->bound + 1e-9);
  EXPECT_LT(greedy->objective, plan->objective);
  EXPECT_LT(hull->objective, plan->objective);
  // L(λ) at the LP's duals is a valid bound.
  EXPECT_GE(plan->stats.lp_bound, plan->objective - 1e-9);
  EXPECT_GE(plan->stats.lp_bound, cbc->objective - 1e-9);
}

TEST_F(OptimiserTest, MarginalValuesAndBindingConstraints) {
  // Two candidates, one money row that binds and a GPU row with room to spare.
  PlanInstance in;
  in.resources = {{"budget_4y", "minor", 1'000'000'00}, {"gpu:h100", "gpu", 10'000}};
  in.candidates = {
      {"a", "A", 100, false, {{"small", 0.3, {40'000'000, 8}}, {"big", 0.6, {90'000'000, 64}}}},
      {"b", "B", 80, false, {{"small", 0.4, {50'000'000, 8}}, {"big", 0.7, {80'000'000, 64}}}},
  };
  auto plan = Optimise(in, *cbc_);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  Oracle oracle = Exhaustive(in);
  EXPECT_NEAR(plan->objective, oracle.best, 1e-9);
  EXPECT_TRUE(plan->resources[0].binding);
  EXPECT_GT(plan->resources[0].marginal_value, 0);
  EXPECT_FALSE(plan->resources[1].binding);
  EXPECT_EQ(plan->resources[1].marginal_value, 0);
  EXPECT_EQ(plan->resources[0].capacity, 1'000'000'00);
}

TEST_F(OptimiserTest, ExpectedUseAllowsMoreThanWorstCase) {
  PlanInstance in = MakeRandomInstance({.candidates = 60, .tightness = 0.2, .seed = 9});
  auto worst = Optimise(in, *cbc_, {.relative_gap = 0.001});
  in.policy = CommitmentPolicy::kExpected;
  auto expected = Optimise(in, *cbc_, {.relative_gap = 0.001});
  ASSERT_TRUE(worst.ok() && expected.ok());
  EXPECT_GT(expected->objective, worst->bound);  // better than any worst-case plan can be
  // Worst-case plans fit even if every offer is accepted.
  for (const auto& r : worst->resources) EXPECT_LE(r.committed, static_cast<double>(r.capacity));
}

TEST_F(OptimiserTest, InfeasibleInputsGiveAClearError) {
  PlanInstance in;
  in.resources = {{"gpu:h100:2027-01", "gpu", -8}};
  in.candidates = {{"a", "A", 10, false, {{"x", 0.5, {4}}}}};
  auto plan = Optimise(in, *cbc_);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(plan.status().message().find("'gpu:h100:2027-01' has capacity -8"), std::string::npos)
      << plan.status().message();

  // Offers already out that need more than the pool holds, named.
  in.resources = {{"team_slots", "slot", 3}};
  in.candidates = {{"a", "A", 10, true, {{"x", 0.5, {2}}}}, {"b", "B", 10, true, {{"x", 0.5, {2}}}}};
  plan = Optimise(in, *cbc_);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("(a, b) need at least 4 of 'team_slots'"), std::string::npos)
      << plan.status().message();

  // Each resource alone could fit; together they cannot (the relaxation is feasible, the integer plan not).
  in.resources = {{"r1", "", 3}, {"r2", "", 1}};
  in.candidates = {{"a", "A", 10, true, {{"x", 0.5, {2, 0}}, {"y", 0.5, {0, 2}}}},
                   {"b", "B", 10, true, {{"x", 0.5, {2, 0}}, {"y", 0.5, {0, 2}}}}};
  plan = Optimise(in, *cbc_);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(plan.status().message().find("no plan fits"), std::string::npos) << plan.status().message();
  in.resources[0].capacity = 2;  // now the relaxation is infeasible too
  plan = Optimise(in, *cbc_);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("no plan fits"), std::string::npos) << plan.status().message();
}

TEST_F(OptimiserTest, InvalidInstancesNameTheField) {
  PlanInstance in;
  in.resources = {{"budget", "minor", 100}};
  in.candidates = {{"a", "A", 10, false, {{"x", 1.5, {4}}}}};
  auto plan = Optimise(in, *cbc_);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("candidate 'a' option 0 ('x'): p_accept"), std::string::npos)
      << plan.status().message();
  in.candidates = {{"a", "A", 10, false, {{"x", 0.5, {4, 5}}}}};
  plan = Optimise(in, *cbc_);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("2 resource amounts for 1 resources"), std::string::npos);
}

TEST(Mckp, DominatedOptionsArePrunedAndBoundHolds) {
  PlanInstance in;
  in.resources = {{"m", "", 10}, {"g", "", 10}};
  in.candidates = {{"a", "A", 10, false,
                    {{"cheap", 0.5, {2, 2}}, {"worse", 0.4, {3, 2}}, {"rich", 0.9, {5, 5}}, {"zero", 0.0, {0, 0}}}}};
  Mckp m = BuildMckp(in, true);
  ASSERT_EQ(m.options(), 2);  // "worse" is dominated by "cheap", "zero" by no offer
  EXPECT_EQ(m.source[0], 0);
  EXPECT_EQ(m.source[1], 2);
  EXPECT_DOUBLE_EQ(LagrangianBound(m, {0, 0}), 9.0);
  EXPECT_DOUBLE_EQ(LagrangianBound(m, {1, 0}), 10.0 + std::max(0.0, std::max(5.0 - 2, 9.0 - 5)));
}

}  // namespace
}  // namespace st::planning
