#include "planning/acceptance.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <nlohmann/json.hpp>

namespace st::planning {
namespace {

constexpr std::array<std::string_view, kFeatureCount> kNames = {
    "money", "compute", "team", "direct_reports", "relocation", "warm_path", "ceo_outreach",
    "mission_clarity", "reorganisations"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view FeatureName(Feature f) { return kNames[static_cast<int>(f)]; }

double Sigmoid(double z) {
  // Two branches keep exp() from overflowing for large |z|.
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  double e = std::exp(z);
  return e / (1.0 + e);
}

// The prior. Units: logit per unit of the feature. What is evidence and what is judgement:
//  - money 2.0 per log-ratio. Judgement on the scale (doubling the package, ln 2 = 0.69, moves a 35% prospect
//    to ~70%); the sign and the fact that pay is one factor among several, not the only one, follow
//    Stern (2004), "Do Scientists Pay to Be Scientists?", Management Science 50(6):835-853 — postdoctoral
//    biologists with several offers accepted about 25% lower wages (NBER WP 7410's estimate) for jobs that
//    let them publish and pursue their own agenda — and Roach & Sauermann (2010), "A taste for science?",
//    Research Policy 39(3):422-434, on PhDs' preference for freedom and research over pay.
//  - mission clarity 0.58 per unit of clarity: anchored on Stern's 25%: a clear, credible research mission
//    (clarity 0 → 1) is worth what a 1/0.75 pay rise is worth, ln(1.333) · 2.0 = 0.58. Treating mission
//    clarity as the "science orientation" Stern measured is our judgement.
//  - compute 0.5 per log-ratio of GPUs: judgement. Musser et al. (2023), "The Main Resource is the Human",
//    CSET survey of 400+ AI researchers, found compute matters but talent matters more; we set ten times
//    the current per-researcher compute (ln 10 = 2.3 → +1.15) equal to a ~78% pay rise.
//  - team 0.3 per ln(1 + team), direct reports -0.15 per ln(1 + reports): judgement. A team to pursue one's
//    agenda is a resource (autonomy, Roach & Sauermann); management load takes research time (flat teams).
//  - relocation -0.5: Zwetsloot et al. (2021), "Skilled and Mobile: Survey Evidence of AI Researchers'
//    Immigration Preferences", AIES '21 (n = 524 NeurIPS/ICML authors): after professional opportunity,
//    lifestyle, culture, politics and personal relations drive moves, and about a quarter name immigration
//    difficulties as decisive. The size is judgement.
//  - warm path +0.4: Burks, Cowgill, Hoffman & Housman (2015), "The Value of Hiring through Employee
//    Referrals", QJE 130(2):805-839 — referred candidates are more likely to accept offers. Size: judgement.
//  - CEO outreach +0.3: judgement (no peer-reviewed estimate we know of).
//  - reorganisations -0.25 each in the last 12 months: judgement, from the campaign's own seed notes
//    (candidates hesitate when the company reorganises all the time).
//  - intercept -1.0: judgement; a 1.5x package at equal compute, nothing else, gives sigma(-0.19) = 45%.
AcceptanceWeights DefaultAcceptanceWeights() {
  AcceptanceWeights p;
  p.intercept = -1.0;
  auto set = [&](Feature f, double v) { p.w[static_cast<int>(f)] = v; };
  set(Feature::kMoney, 2.0);
  set(Feature::kCompute, 0.5);
  set(Feature::kTeam, 0.3);
  set(Feature::kDirectReports, -0.15);
  set(Feature::kRelocation, -0.5);
  set(Feature::kWarmPath, 0.4);
  set(Feature::kCeoOutreach, 0.3);
  set(Feature::kMissionClarity, 0.58);
  set(Feature::kReorganisations, -0.25);
  return p;
}

// Order-of-magnitude judgements in H100-equivalents per researcher, from public figures: Meta said in
// January 2024 it would have ~350k H100s (~600k H100-equivalents) by the end of 2024; frontier labs are
// reported at tens of thousands to hundreds of thousands of GPUs for research staffs of a few hundred to a
// few thousand; CSET's 2023 survey found academics far more compute-constrained than industry. Divide, round
// hard, and let the CEO correct them.
LabComputeTable LabComputeTable::Defaults() {
  LabComputeTable t;
  for (const char* frontier : {"openai", "google deepmind", "deepmind", "anthropic", "meta", "xai"})
    t.gpus_per_researcher[frontier] = 200;
  for (const char* big : {"google", "microsoft", "nvidia", "amazon", "apple"})
    t.gpus_per_researcher[big] = 50;
  return t;
}

double LabComputeTable::Lookup(std::string_view organisation) const {
  std::string name = Lower(organisation);
  if (auto it = gpus_per_researcher.find(name); it != gpus_per_researcher.end()) return it->second;
  // The longest key contained in the name wins ("google deepmind" over "google").
  const std::pair<const std::string, double>* best = nullptr;
  for (const auto& entry : gpus_per_researcher) {
    if (!entry.first.empty() && name.find(entry.first) != std::string::npos &&
        (best == nullptr || entry.first.size() > best->first.size()))
      best = &entry;
  }
  if (best) return best->second;
  for (const char* marker : {"universit", "institute of technology", "college", "école", "ecole"})
    if (name.find(marker) != std::string::npos) return academia;
  return unknown_lab;
}

Result<AcceptanceSettings> AcceptanceSettings::FromJson(std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidInput("acceptance: not a JSON object");
  AcceptanceSettings s;
  auto number = [&](const char* key, double lo, double hi, double& out) -> Status {
    const auto& v = j[key];
    if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < lo || v.get<double>() > hi)
      return Status::InvalidInput(std::string("acceptance.") + key + ": must be a number in [" +
                                  std::to_string(lo) + ", " + std::to_string(hi) + "]");
    out = v.get<double>();
    return Status::Ok();
  };
  for (const auto& [key, value] : j.items()) {
    if (key == "default_current_package_4y_minor") {
      if (!value.is_number_integer() || value.get<int64_t>() <= 0)
        return Status::InvalidInput("acceptance.default_current_package_4y_minor: must be a positive integer (cents)");
      s.default_current_package_4y_minor = value.get<int64_t>();
    } else if (key == "academia_gpus_per_researcher") {
      ST_RETURN_IF_ERROR(number("academia_gpus_per_researcher", 0, 1e7, s.labs.academia));
    } else if (key == "unknown_lab_gpus_per_researcher") {
      ST_RETURN_IF_ERROR(number("unknown_lab_gpus_per_researcher", 0, 1e7, s.labs.unknown_lab));
    } else if (key == "labs") {
      if (!value.is_object()) return Status::InvalidInput("acceptance.labs: must be an object {lab: GPUs}");
      for (const auto& [lab, gpus] : value.items()) {
        if (!gpus.is_number() || !std::isfinite(gpus.get<double>()) || gpus.get<double>() < 0)
          return Status::InvalidInput("acceptance.labs." + lab + ": must be a number of GPUs >= 0");
        if (lab.empty()) return Status::InvalidInput("acceptance.labs: empty lab name");
        s.labs.gpus_per_researcher[Lower(lab)] = gpus.get<double>();
      }
    } else {
      return Status::InvalidInput("acceptance." + key + ": unknown field");
    }
  }
  return s;
}

std::string AcceptanceSettings::ToJson() const {
  nlohmann::json j;
  j["default_current_package_4y_minor"] = default_current_package_4y_minor;
  j["academia_gpus_per_researcher"] = labs.academia;
  j["unknown_lab_gpus_per_researcher"] = labs.unknown_lab;
  j["labs"] = nlohmann::json::object();
  for (const auto& [lab, gpus] : labs.gpus_per_researcher) j["labs"][lab] = gpus;
  return j.dump();
}

Status AcceptanceSettings::SetCampaignFactors(int clarity, int reorganisations) {
  if (clarity < 1 || clarity > 5) return Status::InvalidInput("campaign.mission_clarity: must be an integer in [1, 5]");
  if (reorganisations < 0 || reorganisations > 100)
    return Status::InvalidInput("campaign.reorganisations_12m: must be an integer in [0, 100]");
  mission_clarity = (clarity - 1) / 4.0;
  reorganisations_last_12_months = reorganisations;
  return Status::Ok();
}

Result<FeatureVector> ComputeFeatures(const CandidateFacts& c, const OfferTerms& o, const AcceptanceSettings& s) {
  if (o.four_year_value_minor < 0) return Status::InvalidInput("offer.four_year_value: must be >= 0");
  if (o.guaranteed_gpus < 0) return Status::InvalidInput("offer.guaranteed_gpus: must be >= 0");
  if (o.team_size < 0) return Status::InvalidInput("offer.team_size: must be >= 0");
  if (o.direct_reports < 0) return Status::InvalidInput("offer.direct_reports: must be >= 0");
  if (c.current_package_4y_minor < 0) return Status::InvalidInput("candidate.current_package_4y: must be >= 0");
  FeatureVector x{};
  int64_t current = c.current_package_4y_minor > 0 ? c.current_package_4y_minor : s.default_current_package_4y_minor;
  // An offer of 0 is "no money": the clamp keeps ln finite and the feature monotone in the offer.
  double ratio = static_cast<double>(std::max<int64_t>(o.four_year_value_minor, 1)) / static_cast<double>(current);
  x[static_cast<int>(Feature::kMoney)] = std::clamp(std::log(ratio), -3.0, 3.0);
  double have = c.current_gpus_per_researcher >= 0 ? c.current_gpus_per_researcher : s.labs.Lookup(c.current_lab);
  x[static_cast<int>(Feature::kCompute)] =
      std::clamp(std::log((1.0 + static_cast<double>(o.guaranteed_gpus)) / (1.0 + have)), -6.0, 6.0);
  x[static_cast<int>(Feature::kTeam)] = std::log1p(static_cast<double>(o.team_size));
  x[static_cast<int>(Feature::kDirectReports)] = std::log1p(static_cast<double>(o.direct_reports));
  x[static_cast<int>(Feature::kRelocation)] = c.relocation_needed ? 1 : 0;
  x[static_cast<int>(Feature::kWarmPath)] = c.warm_path ? 1 : 0;
  x[static_cast<int>(Feature::kCeoOutreach)] = c.ceo_reached_out ? 1 : 0;
  x[static_cast<int>(Feature::kMissionClarity)] = s.mission_clarity - 0.5;
  x[static_cast<int>(Feature::kReorganisations)] = std::clamp(s.reorganisations_last_12_months, 0, 6);
  return x;
}

double AcceptanceModel::Logit(const FeatureVector& x) const {
  double z = weights_.intercept;
  for (int j = 0; j < kFeatureCount; ++j) z += weights_.w[j] * x[j];
  return z;
}

double AcceptanceModel::Probability(const FeatureVector& x) const { return Sigmoid(Logit(x)); }

Explanation AcceptanceModel::Explain(const FeatureVector& x) const {
  Explanation e;
  e.intercept = weights_.intercept;
  e.logit = weights_.intercept;
  for (int j = 0; j < kFeatureCount; ++j) {
    double c = weights_.w[j] * x[j];
    e.parts[j] = {static_cast<Feature>(j), x[j], c};
    e.logit += c;  // same order as Logit(), so the sum is bit-identical
  }
  e.probability = Sigmoid(e.logit);
  return e;
}

}  // namespace st::planning
