// Budget optimiser and acceptance model benchmarks (issue 12). Prints one JSON line.
//   plan_bench optimise N SEED [CBC_LIMIT_S] [OUR_LIMIT_S]
//     one random instance (N candidates × 12 options, 3 resources, worst-case commitment, one core), solved by:
//     ours to a proven 0.1% gap, ours to proven optimality, CBC alone (its default strategy, from the same
//     model without our pruning) to 0.1% and to optimality (CBC_LIMIT_S, default 60), the value-per-cost
//     greedy and the LP-hull greedy; objectives, bounds, gaps, CPU and wall seconds for each. Time limits
//     count CPU seconds (OptimiseOptions::cpu_clock): on a shared machine the wall clock measures the load.
//   plan_bench score PAIRS
//     P(accept) with explanation-free scoring for PAIRS candidate × option pairs (features + logistic), the
//     best of 7 runs in milliseconds.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "planning/acceptance.h"
#include "planning/cbc_solver.h"
#include "planning/optimiser.h"
#include "planning/random_instance.h"

namespace {

using Clock = std::chrono::steady_clock;
using st::planning::OptimiseMethod;

// CPU seconds of this process (one thread does all the work): a fairer clock than wall time on a busy
// shared machine.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

nlohmann::json Run(const st::planning::PlanInstance& in, const st::planning::MipBackend& backend,
                   OptimiseMethod method, double gap, double limit) {
  auto t = Clock::now();
  double cpu = CpuSeconds();
  auto plan = st::planning::Optimise(in, backend, {.time_limit_seconds = limit, .relative_gap = gap, .method = method, .cpu_clock = true});
  double seconds = std::chrono::duration<double>(Clock::now() - t).count();
  cpu = CpuSeconds() - cpu;
  if (!plan.ok()) return {{"error", plan.status().ToString()}, {"seconds", seconds}};
  nlohmann::json j = {{"seconds", seconds},
                      {"cpu_seconds", cpu},
                      {"objective", plan->objective},
                      {"proven_optimal", plan->proven_optimal},
                      {"offers", plan->offers}};
  if (std::isfinite(plan->bound)) j["bound"] = plan->bound, j["gap"] = plan->gap;
  if (method == OptimiseMethod::kStructured) {
    j["lp_seconds"] = plan->stats.lp_seconds;
    j["heuristic_seconds"] = plan->stats.heuristic_seconds;
    j["enumeration_seconds"] = plan->stats.enumeration_seconds;
    j["enumeration_nodes"] = plan->stats.enumeration_nodes;
    j["mip_seconds"] = plan->stats.mip_seconds;
    j["options_after_pruning"] = plan->stats.options_after_pruning;
    j["free_candidates"] = plan->stats.free_candidates;
    j["free_options"] = plan->stats.free_options;
    j["heuristic_objective"] = plan->stats.heuristic_objective;
  }
  return j;
}

int Optimise(int n, uint64_t seed, double cbc_limit, double our_limit) {
  auto in = st::planning::MakeRandomInstance({.candidates = n, .options_per_candidate = 12, .resources = 3,
                                              .tightness = 0.3, .seed = seed});
  auto backend = st::planning::MakeCbcBackend();
  nlohmann::json out = {{"candidates", n}, {"options", 12}, {"resources", 3}, {"seed", seed}};
  out["ours_gap_0.1pct"] = Run(in, *backend, OptimiseMethod::kStructured, 0.001, our_limit);
  out["ours_optimal"] = Run(in, *backend, OptimiseMethod::kStructured, 0.0, our_limit);
  out["cbc_gap_0.1pct"] = Run(in, *backend, OptimiseMethod::kSolverOnly, 0.001, cbc_limit);
  out["cbc_optimal"] = Run(in, *backend, OptimiseMethod::kSolverOnly, 0.0, cbc_limit);
  out["greedy"] = Run(in, *backend, OptimiseMethod::kValueGreedy, 0, 1);
  out["hull"] = Run(in, *backend, OptimiseMethod::kHullGreedy, 0, 1);
  // Losses against the best plan any method found, and the tightest proven bound.
  double best = 0, bound = INFINITY;
  for (auto& [name, r] : out.items()) {
    if (!r.is_object() || !r.contains("objective")) continue;
    best = std::max(best, r["objective"].get<double>());
    if (r.contains("bound")) bound = std::min(bound, r["bound"].get<double>());
  }
  for (auto& [name, r] : out.items())
    if (r.is_object() && r.contains("objective")) r["loss_vs_best"] = (best - r["objective"].get<double>()) / best;
  out["best_objective"] = best;
  out["best_bound"] = bound;
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

int Score(int pairs) {
  // Candidates and offers varied like a real menu; the features are computed each time (that is the work).
  st::planning::AcceptanceModel model;
  st::planning::AcceptanceSettings settings;
  std::vector<st::planning::CandidateFacts> cands(1000);
  const char* labs[] = {"Google DeepMind", "OpenAI", "Stanford University", "Acme AI", "Meta"};
  for (size_t i = 0; i < cands.size(); ++i) {
    cands[i].current_package_4y_minor = 100'000'000 + static_cast<int64_t>(i) * 1'000'000;
    cands[i].current_lab = labs[i % 5];
    cands[i].relocation_needed = i % 3 == 0;
    cands[i].warm_path = i % 4 == 0;
  }
  std::vector<st::planning::OfferTerms> offers(12);
  for (int k = 0; k < 12; ++k)
    offers[k] = {.four_year_value_minor = 200'000'000 + k * 50'000'000, .guaranteed_gpus = 32 << (k % 4),
                 .team_size = k % 3, .direct_reports = k % 2};
  double best_ms = INFINITY, checksum = 0;
  for (int run = 0; run < 7; ++run) {
    auto t = Clock::now();
    double sum = 0;
    for (int p = 0; p < pairs; ++p) {
      auto x = st::planning::ComputeFeatures(cands[p % cands.size()], offers[p % 12], settings);
      sum += model.Probability(*x);
    }
    best_ms = std::min(best_ms, std::chrono::duration<double, std::milli>(Clock::now() - t).count());
    checksum = sum;
  }
  std::printf("%s\n", nlohmann::json({{"pairs", pairs}, {"ms", best_ms}, {"goal_ms", 50}, {"checksum", checksum}})
                          .dump()
                          .c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "optimise" && argc >= 4)
    return Optimise(std::atoi(argv[2]), std::strtoull(argv[3], nullptr, 10), argc > 4 ? std::atof(argv[4]) : 60.0,
                    argc > 5 ? std::atof(argv[5]) : 60.0);
  if (mode == "score" && argc >= 3) return Score(std::atoi(argv[2]));
  std::fprintf(stderr, "usage: plan_bench optimise N SEED [CBC_LIMIT_S] [OUR_LIMIT_S] | plan_bench score PAIRS\n");
  return 2;
}
