#include "planning/random_instance.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "planning/acceptance.h"

namespace st::planning {
namespace {

// splitmix64: the same instances on every platform (std::normal_distribution is not portable).
struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Normal() {
    double u = std::max(Uniform(), 1e-300), v = Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
};

}  // namespace

PlanInstance MakeRandomInstance(const RandomInstanceSpec& spec) {
  Rng rng{spec.seed * 0x2545F4914F6CDD1DULL + 17};
  PlanInstance in;
  in.policy = spec.policy;
  const int R = std::clamp(spec.resources, 1, 3);
  const Resource kinds[3] = {{"budget_4y", "minor", 0}, {"gpu:h100", "gpu", 0}, {"team_slots", "slot", 0}};
  for (int r = 0; r < R; ++r) in.resources.push_back(kinds[r]);
  AcceptanceModel model;
  AcceptanceSettings settings;
  const double money_tiers[3] = {1.0, 1.5, 2.3};
  const int64_t gpu_tiers[2] = {32, 256};
  const int64_t team_tiers[2] = {0, 4};
  std::vector<int64_t> richest(R, 0);
  for (int i = 0; i < spec.candidates; ++i) {
    PlanCandidate c;
    c.id = "c" + std::to_string(i);
    c.name = "Candidate " + std::to_string(i);
    c.value = std::round(100 * std::exp(0.8 * rng.Normal()) * 100) / 100;
    c.required = spec.required_every > 0 && i % spec.required_every == spec.required_every - 1;
    CandidateFacts facts;
    // $1M-$12M over 4 years, lognormal around $3M, in cents.
    facts.current_package_4y_minor =
        static_cast<int64_t>(std::clamp(3e8 * std::exp(0.6 * rng.Normal()), 1e8, 1.2e9));
    const double labs[4] = {2, 8, 50, 200};
    facts.current_gpus_per_researcher = labs[rng.Next() % 4];
    facts.relocation_needed = rng.Uniform() < 0.4;
    facts.warm_path = rng.Uniform() < 0.3;
    facts.ceo_reached_out = rng.Uniform() < 0.2;
    std::vector<int64_t> top(R, 0);
    for (int t = 0; t < std::clamp(spec.options_per_candidate, 1, 12); ++t) {
      OfferTerms o;
      double noise = std::exp(0.1 * rng.Normal());
      o.four_year_value_minor =
          static_cast<int64_t>(std::round(facts.current_package_4y_minor * money_tiers[t % 3] * noise / 1e5)) * 100000;
      o.guaranteed_gpus = static_cast<int64_t>(std::round(gpu_tiers[(t / 3) % 2] * std::exp(0.2 * rng.Normal())));
      o.team_size = team_tiers[t / 6];
      o.direct_reports = o.team_size;
      PlanOption opt;
      opt.label = "tier " + std::to_string(t + 1);
      opt.p_accept = model.Probability(*ComputeFeatures(facts, o, settings));
      opt.four_year_value_minor = o.four_year_value_minor;
      opt.guaranteed_gpus = o.guaranteed_gpus;
      opt.team_size = o.team_size;
      const int64_t amounts[3] = {o.four_year_value_minor, o.guaranteed_gpus, 1 + o.team_size};
      for (int r = 0; r < R; ++r) opt.use.push_back(amounts[r]), top[r] = std::max(top[r], amounts[r]);
      c.options.push_back(std::move(opt));
    }
    for (int r = 0; r < R; ++r) richest[r] += top[r];
    in.candidates.push_back(std::move(c));
  }
  for (int r = 0; r < R; ++r)
    in.resources[r].capacity = static_cast<int64_t>(std::floor(spec.tightness * static_cast<double>(richest[r])));
  return in;
}

}  // namespace st::planning
