// P(accept | candidate, offer): a logistic model over a few plain features, each shown with its
// contribution. On the logit scale the contributions sum exactly to the prediction:
//
//   logit = intercept + Σ_j weight_j · x_j,      P(accept) = 1 / (1 + e^-logit)
//
// The starting weights (DefaultAcceptanceWeights) come from published evidence where there is some and
// from stated judgement where there is none; docs/planning.md lists each with its source. They are
// replaced by weights fitted to the campaign's own outcomes (acceptance_fit.h) once there are enough.
//
// Pure: no I/O, no globals; every function is thread-safe. Money is int64 minor units (cents).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace st::planning {

// The model's features, in weight order. Names are the JSON keys of explanations.
enum class Feature : int {
  kMoney = 0,       // ln(offer 4-year value / candidate's current 4-year package), clamped to [-3, 3]
  kCompute,         // ln((1 + guaranteed GPUs) / (1 + GPUs per researcher at the current lab)), [-6, 6]
  kTeam,            // ln(1 + team size offered: people the candidate may hire or lead)
  kDirectReports,   // ln(1 + direct reports the role carries)
  kRelocation,      // 1 if taking the offer means moving city or country
  kWarmPath,        // 1 if someone the candidate knows (a co-author on staff) makes the introduction
  kCeoOutreach,     // 1 if the CEO reached out personally
  kMissionClarity,  // campaign-level, set by the CEO in [0, 1]; the feature is (clarity - 0.5)
  kReorganisations, // campaign-level: reorganisations in the last 12 months, clamped to [0, 6]
};
inline constexpr int kFeatureCount = 9;
// Features whose weight must stay >= 0 so more money or more GPUs never lowers P(accept).
inline constexpr std::array<Feature, 2> kMonotoneFeatures = {Feature::kMoney, Feature::kCompute};

std::string_view FeatureName(Feature f);  // "money", "compute", ...
using FeatureVector = std::array<double, kFeatureCount>;

struct AcceptanceWeights {
  double intercept = 0;
  std::array<double, kFeatureCount> w{};
  double operator[](Feature f) const { return w[static_cast<int>(f)]; }
};
// The published-evidence prior (see the .cc and docs/planning.md for each source).
AcceptanceWeights DefaultAcceptanceWeights();

// Per-researcher compute at a candidate's current lab, in H100-equivalent GPUs. Keys are matched
// case-insensitively on the organisation name: an exact key first, then a key contained in the name.
// The defaults are order-of-magnitude judgements from public figures (docs/planning.md); the CEO
// overrides them per lab.
struct LabComputeTable {
  std::map<std::string, double, std::less<>> gpus_per_researcher;  // lower-case lab name → GPUs
  double academia = 2;       // any name containing "universit", "institute of technology", "college"
  double unknown_lab = 8;    // everything else
  static LabComputeTable Defaults();
  double Lookup(std::string_view organisation) const;
};

// What the model needs from the campaign. Two factors come from the "campaign" settings key (mission clarity
// 1..5 and reorganisations in the last 12 months: SetCampaignFactors); the rest is the "acceptance" key.
struct AcceptanceSettings {
  double mission_clarity = 0.5;             // 0 = nobody can say what we are for, 1 = crisp and credible
  int reorganisations_last_12_months = 0;   // the neutral default: none recorded
  // Used when a candidate's current package is unknown: $4M over 4 years (a senior research scientist at
  // a large lab, judgement from public pay surveys), in cents.
  int64_t default_current_package_4y_minor = 400'000'000;
  LabComputeTable labs = LabComputeTable::Defaults();

  // The "acceptance" key: labs ({name: GPUs per researcher}), academia_gpus_per_researcher,
  // unknown_lab_gpus_per_researcher, default_current_package_4y_minor. Missing fields keep their defaults;
  // unknown fields, wrong types and out-of-range values are errors naming the field ("acceptance.labs.x: ...").
  static Result<AcceptanceSettings> FromJson(std::string_view json_text);
  std::string ToJson() const;  // the "acceptance" key's fields, complete
  // The campaign key's factors: clarity on its 1 (vague) .. 5 (crisp) scale maps to 0 .. 1 (3 → 0.5, the
  // neutral default); kInvalidInput naming the field when out of range.
  Status SetCampaignFactors(int mission_clarity_1_to_5, int reorganisations_12m);
};

// What the system knows about a candidate and an offer.
struct CandidateFacts {
  int64_t current_package_4y_minor = 0;  // 0 = unknown → settings default
  std::string current_lab;               // organisation name, for the compute table
  double current_gpus_per_researcher = -1;  // < 0 = look up current_lab in the table
  bool relocation_needed = false;
  bool warm_path = false;
  bool ceo_reached_out = false;
};
struct OfferTerms {
  int64_t four_year_value_minor = 0;  // base + bonus + equity vesting within 4 years
  int64_t guaranteed_gpus = 0;
  int64_t team_size = 0;
  int64_t direct_reports = 0;
};

// Errors: negative money, GPUs, team or reports (kInvalidInput naming the field).
Result<FeatureVector> ComputeFeatures(const CandidateFacts& candidate, const OfferTerms& offer,
                                      const AcceptanceSettings& settings);

struct Contribution {
  Feature feature;
  double value;         // x_j
  double contribution;  // weight_j · x_j, on the logit scale
};
struct Explanation {
  double intercept = 0;  // the baseline's contribution
  std::array<Contribution, kFeatureCount> parts{};
  double logit = 0;        // intercept + Σ contributions (exactly, in this order)
  double probability = 0;  // σ(logit)
};

class AcceptanceModel {
 public:
  AcceptanceModel() : weights_(DefaultAcceptanceWeights()) {}
  explicit AcceptanceModel(AcceptanceWeights weights) : weights_(weights) {}
  const AcceptanceWeights& weights() const { return weights_; }

  double Logit(const FeatureVector& x) const;
  double Probability(const FeatureVector& x) const;
  Explanation Explain(const FeatureVector& x) const;

 private:
  AcceptanceWeights weights_;
};

double Sigmoid(double z);

}  // namespace st::planning
