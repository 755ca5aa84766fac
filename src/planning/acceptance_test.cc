#include "planning/acceptance.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "planning/acceptance_fit.h"

namespace st::planning {
namespace {

CandidateFacts SomeCandidate() {
  CandidateFacts c;
  c.current_package_4y_minor = 300'000'000;  // $3M
  c.current_lab = "Google DeepMind";
  c.relocation_needed = true;
  c.warm_path = true;
  return c;
}

TEST(Acceptance, ExplanationSumsToThePrediction) {
  AcceptanceModel model;
  AcceptanceSettings s;
  s.mission_clarity = 0.8;
  s.reorganisations_last_12_months = 2;
  OfferTerms o{.four_year_value_minor = 900'000'000, .guaranteed_gpus = 512, .team_size = 6, .direct_reports = 3};
  auto x = ComputeFeatures(SomeCandidate(), o, s);
  ASSERT_TRUE(x.ok()) << x.status().ToString();
  Explanation e = model.Explain(*x);
  double sum = e.intercept;
  for (const auto& part : e.parts) {
    EXPECT_DOUBLE_EQ(part.contribution, model.weights()[part.feature] * part.value) << FeatureName(part.feature);
    sum += part.contribution;
  }
  EXPECT_DOUBLE_EQ(sum, e.logit);
  EXPECT_DOUBLE_EQ(e.logit, model.Logit(*x));
  EXPECT_DOUBLE_EQ(e.probability, 1.0 / (1.0 + std::exp(-e.logit)));
  EXPECT_DOUBLE_EQ(e.probability, model.Probability(*x));
  // The features are what the header says.
  EXPECT_NEAR(e.parts[0].value, std::log(3.0), 1e-12);
  EXPECT_NEAR(e.parts[1].value, std::log(513.0 / 201.0), 1e-12);  // DeepMind: 200 per researcher
  EXPECT_NEAR(e.parts[7].value, 0.3, 1e-12);
  EXPECT_EQ(e.parts[8].value, 2);
}

TEST(Acceptance, MoreMoneyOrMoreGpusIsNeverLessLikely) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> money(0, 20'000'000'000), gpus(0, 100'000);
  AcceptanceSettings s;
  // Any weights the fit may produce keep money and compute >= 0; try the prior and a fit's extreme.
  AcceptanceWeights zero_money = DefaultAcceptanceWeights();
  zero_money.w[0] = 0;
  for (const auto& weights : {DefaultAcceptanceWeights(), zero_money}) {
    AcceptanceModel model(weights);
    for (int i = 0; i < 20000; ++i) {
      OfferTerms a{money(rng), gpus(rng), 3, 1};
      OfferTerms b = a;
      (i % 2 ? b.four_year_value_minor : b.guaranteed_gpus) += 1 + money(rng) % 1'000'000'000;
      double pa = model.Probability(*ComputeFeatures(SomeCandidate(), a, s));
      double pb = model.Probability(*ComputeFeatures(SomeCandidate(), b, s));
      ASSERT_LE(pa, pb) << a.four_year_value_minor << " " << a.guaranteed_gpus;
    }
  }
}

TEST(Acceptance, FitNeverMakesMoneyOrComputeHurt) {
  // Outcomes where richer offers were declined more often (a confounded record): the fit must hold the
  // money weight at 0, not let it go negative.
  std::vector<Outcome> outcomes;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < 3000; ++i) {
    Outcome o;
    o.x[0] = u(rng) * 2;
    o.x[1] = u(rng) * 3;
    o.accepted = u(rng) < Sigmoid(0.5 - 1.5 * o.x[0] - 0.7 * o.x[1]);
    outcomes.push_back(o);
  }
  AcceptanceWeights w = FitLogistic(outcomes, DefaultAcceptanceWeights(), 1.0);
  EXPECT_GE(w[Feature::kMoney], 0);
  EXPECT_GE(w[Feature::kCompute], 0);
  EXPECT_LT(w[Feature::kMoney], 1e-9);
  EXPECT_LT(w[Feature::kCompute], 1e-9);
}

// Outcomes drawn from a known model whose weights differ from the prior.
std::vector<Outcome> Simulate(const AcceptanceWeights& truth, int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> norm(0, 1);
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<int> small(0, 20), reorgs(0, 4);
  AcceptanceModel model(truth);
  std::vector<Outcome> out(n);
  for (Outcome& o : out) {
    o.x[0] = std::clamp(0.4 + 0.5 * norm(rng), -3.0, 3.0);
    o.x[1] = std::clamp(1.5 * norm(rng), -6.0, 6.0);
    o.x[2] = std::log1p(small(rng));
    o.x[3] = std::log1p(small(rng) / 3);
    o.x[4] = u(rng) < 0.4;
    o.x[5] = u(rng) < 0.3;
    o.x[6] = u(rng) < 0.2;
    o.x[7] = u(rng) - 0.5;  // the campaign's settings changed over time
    o.x[8] = reorgs(rng);
    o.accepted = u(rng) < model.Probability(o.x);
  }
  return out;
}

AcceptanceWeights Truth() {
  AcceptanceWeights t;
  t.intercept = -0.3;
  t.w = {1.2, 0.8, 0.5, -0.4, -0.9, 0.7, 0.1, 1.0, -0.5};
  return t;
}

TEST(AcceptanceFit, RecoversTheCoefficientsOfAKnownModel) {
  auto outcomes = Simulate(Truth(), 20000, 11);
  int iterations = 0;
  AcceptanceWeights w = FitLogistic(outcomes, DefaultAcceptanceWeights(), 5.0, &iterations);
  EXPECT_LT(iterations, 30);
  EXPECT_NEAR(w.intercept, Truth().intercept, 0.15);
  for (int j = 0; j < kFeatureCount; ++j)
    EXPECT_NEAR(w.w[j], Truth().w[j], 0.15) << FeatureName(static_cast<Feature>(j));
}

TEST(AcceptanceFit, BeatsThePriorOnHeldOutBrierAndIsCalibrated) {
  auto outcomes = Simulate(Truth(), 4000, 12);
  FitReport r = FitAcceptance(outcomes, DefaultAcceptanceWeights());
  ASSERT_TRUE(r.used_fit) << r.reason;
  EXPECT_EQ(r.holdout_count, 1000);
  EXPECT_LT(r.holdout_fitted.brier, r.holdout_prior.brier);
  // The truth's own Brier score on the same outcomes is the floor; the fit comes close to it.
  double truth_brier = Calibrate(AcceptanceModel(Truth()), {outcomes.end() - 1000, outcomes.end()}).brier;
  EXPECT_LT(r.holdout_fitted.brier, truth_brier + 0.01);
  // Reliability: in every well-populated bin the observed rate is near the mean prediction.
  int counted = 0;
  for (const auto& bin : r.holdout_fitted.bins) {
    counted += bin.count;
    if (bin.count >= 80) {
      EXPECT_NEAR(bin.observed_rate, bin.mean_predicted, 0.1) << bin.lo;
    }
  }
  EXPECT_EQ(counted, 1000);
}

TEST(AcceptanceFit, KeepsThePriorWithTooFewOutcomes) {
  auto outcomes = Simulate(Truth(), 30, 13);
  FitReport r = FitAcceptance(outcomes, DefaultAcceptanceWeights());
  EXPECT_FALSE(r.used_fit);
  EXPECT_NE(r.reason.find("30 outcomes recorded"), std::string::npos) << r.reason;
  EXPECT_EQ(r.weights.w, DefaultAcceptanceWeights().w);

  std::vector<Outcome> one_class = Simulate(Truth(), 200, 14);
  for (auto& o : one_class) o.accepted = true;
  r = FitAcceptance(one_class, DefaultAcceptanceWeights());
  EXPECT_FALSE(r.used_fit);
  EXPECT_NE(r.reason.find("0 declined"), std::string::npos) << r.reason;
}

TEST(AcceptanceFit, ShrinksTowardsThePriorNotZero) {
  // A feature that never varies in the record (the campaign never changed its mission clarity) carries no
  // information: its weight stays at the prior's.
  auto outcomes = Simulate(Truth(), 2000, 15);
  for (auto& o : outcomes) o.x[7] = 0.5;  // constant; collinear with the intercept
  AcceptanceWeights prior = DefaultAcceptanceWeights();
  AcceptanceWeights w = FitLogistic(outcomes, prior, 5.0);
  // Along the collinear direction only the sum 0.5·w7 + b is identified; the penalty splits it evenly
  // around the prior, so w7 moves by as much as the intercept does, divided by 2: it stays near its prior.
  EXPECT_NEAR(w[Feature::kMissionClarity] - prior[Feature::kMissionClarity], (w.intercept - prior.intercept) * 0.5,
              1e-3);
  // With a huge penalty the fit is the prior.
  AcceptanceWeights stiff = FitLogistic(outcomes, prior, 1e9);
  for (int j = 0; j < kFeatureCount; ++j) EXPECT_NEAR(stiff.w[j], prior.w[j], 1e-4);
}

TEST(AcceptanceSettings, FromJsonValidatesAndNamesTheField) {
  auto s = AcceptanceSettings::FromJson(R"({"labs":{"Tiny Startup":4},"academia_gpus_per_researcher":3})");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(s->SetCampaignFactors(5, 3).ok());
  EXPECT_EQ(s->mission_clarity, 1.0);
  EXPECT_EQ(s->reorganisations_last_12_months, 3);
  ASSERT_TRUE(s->SetCampaignFactors(3, 0).ok());
  EXPECT_EQ(s->mission_clarity, 0.5);  // the campaign key's default 3 is the model's neutral 0.5
  EXPECT_NE(s->SetCampaignFactors(0, 0).message().find("campaign.mission_clarity"), std::string::npos);
  EXPECT_NE(s->SetCampaignFactors(3, -1).message().find("campaign.reorganisations_12m"), std::string::npos);
  EXPECT_EQ(s->labs.Lookup("tiny startup"), 4);
  EXPECT_EQ(s->labs.Lookup("Google DeepMind London"), 200);  // longest contained key beats "google"
  EXPECT_EQ(s->labs.Lookup("Google Research"), 50);
  EXPECT_EQ(s->labs.Lookup("Stanford University"), 3);
  EXPECT_EQ(s->labs.Lookup("Acme Robotics"), 8);
  auto back = AcceptanceSettings::FromJson(s->ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->labs.Lookup("tiny startup"), 4);

  for (auto [json, field] : std::initializer_list<std::pair<const char*, const char*>>{
           {R"({"academia_gpus_per_researcher":-1})", "acceptance.academia_gpus_per_researcher"},
           {R"({"mission_clarity":0.5})", "acceptance.mission_clarity: unknown field"},
           {R"({"labs":{"x":-3}})", "acceptance.labs.x"},
           {R"({"default_current_package_4y_minor":0})", "acceptance.default_current_package_4y_minor"},
           {R"({"colour":"red"})", "acceptance.colour"},
           {R"([1])", "acceptance"}}) {
    auto bad = AcceptanceSettings::FromJson(json);
    ASSERT_FALSE(bad.ok()) << json;
    EXPECT_NE(bad.status().message().find(field), std::string::npos) << bad.status().message();
  }
}

TEST(Acceptance, RejectsNegativeTerms) {
  auto r = ComputeFeatures(SomeCandidate(), OfferTerms{.four_year_value_minor = -1}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("four_year_value"), std::string::npos);
}

}  // namespace
}  // namespace st::planning
