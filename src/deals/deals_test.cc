// Deals: status moves, field checks naming the field, and talent per dollar on
// hand-computed cases (docs/deals.md has the formulas).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>

#include "deals/deal.h"
#include "deals/talent.h"

namespace st::deals {
namespace {

Deal ValidStake() {
  Deal d;
  d.org = "Mistral AI";
  d.kind = DealKind::kStake;
  d.price = {1'430'000'000'000, offers::Currency::kUsd};  // $14.3B
  d.stake_bp = 4900;
  DealPerson p;
  p.name = "Ada Chief";
  p.role = "Chief AI Officer";
  p.p_join_permille = 950;
  p.retention_minor = 5'000'000'000;
  d.people.push_back(p);
  return d;
}

TEST(DealTest, NamesRoundTrip) {
  for (int i = 0; i < kDealKindCount; ++i) {
    auto k = static_cast<DealKind>(i);
    EXPECT_EQ(ParseDealKind(DealKindName(k)), k);
  }
  for (int i = 0; i < kDealStatusCount; ++i) {
    auto s = static_cast<DealStatus>(i);
    EXPECT_EQ(ParseDealStatus(DealStatusName(s)), s);
  }
  EXPECT_FALSE(ParseDealKind("merger"));
  EXPECT_FALSE(ParseDealStatus("Signed"));
}

TEST(DealTest, StatusMoves) {
  using S = DealStatus;
  EXPECT_TRUE(CanMoveDeal(S::kIdea, S::kProposed));
  EXPECT_TRUE(CanMoveDeal(S::kProposed, S::kNegotiating));
  EXPECT_TRUE(CanMoveDeal(S::kNegotiating, S::kSigned));
  EXPECT_TRUE(CanMoveDeal(S::kSigned, S::kClosed));
  EXPECT_TRUE(CanMoveDeal(S::kNegotiating, S::kProposed));
  for (S s : {S::kIdea, S::kProposed, S::kNegotiating, S::kSigned}) EXPECT_TRUE(CanMoveDeal(s, S::kDead));
  EXPECT_TRUE(CanMoveDeal(S::kDead, S::kIdea));
  EXPECT_FALSE(CanMoveDeal(S::kDead, S::kSigned));
  EXPECT_FALSE(CanMoveDeal(S::kIdea, S::kSigned));   // no signing before negotiating
  EXPECT_FALSE(CanMoveDeal(S::kProposed, S::kClosed));
  EXPECT_FALSE(CanMoveDeal(S::kClosed, S::kDead));   // closed is final
  EXPECT_FALSE(CanMoveDeal(S::kIdea, S::kIdea));

  Deal d = ValidStake();
  DealPatch p;
  p.status = S::kSigned;
  Status s = ApplyPatch(p, d);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message(), "status: a deal cannot move from idea to signed");
  EXPECT_EQ(d.status, S::kIdea) << "a refused move changes nothing";
}

TEST(DealTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidateDeal(ValidStake()).ok());
  struct Case {
    std::function<void(Deal&)> change;
    std::string message_prefix;
  } cases[] = {
      {[](Deal& d) { d.org = " "; }, "org: required"},
      {[](Deal& d) { d.price.minor = -1; }, "price_minor:"},
      {[](Deal& d) { d.price.minor = kMaxPriceMinor + 1; }, "price_minor:"},
      {[](Deal& d) { d.stake_bp = 0; }, "stake_bp: a stake needs"},
      {[](Deal& d) { d.stake_bp = 10001; }, "stake_bp: 0 .. 10000"},
      {[](Deal& d) { d.kind = DealKind::kAcquisition; }, "stake_bp: an acquisition buys the whole company"},
      {[](Deal& d) { d.people[0].p_join_permille = 1001; }, "people[0].p_join:"},
      {[](Deal& d) { d.people[0].retention_minor = -5; }, "people[0].retention_minor:"},
      {[](Deal& d) { d.people[0].name = ""; }, "people[0].name: required"},
      {[](Deal& d) { d.people[0].role = "a\x01"; }, "people[0].role: control characters"},
      {[](Deal& d) { d.people[0].author_id = -2; }, "people[0].author_id:"},
      {[](Deal& d) { d.notes = std::string(5001, 'x'); }, "notes: at most 5000 bytes"},
  };
  for (const Case& c : cases) {
    Deal d = ValidStake();
    c.change(d);
    Status s = ValidateDeal(d);
    EXPECT_EQ(s.code(), StatusCode::kInvalidInput) << c.message_prefix;
    EXPECT_EQ(s.message().rfind(c.message_prefix, 0), 0u) << s.message();
  }
  Deal acquisition = ValidStake();
  acquisition.kind = DealKind::kAcquisition;
  acquisition.stake_bp = 10000;
  EXPECT_TRUE(ValidateDeal(acquisition).ok());
  Deal licence = ValidStake();
  licence.kind = DealKind::kLicence;
  licence.stake_bp = 0;
  EXPECT_TRUE(ValidateDeal(licence).ok());
}

TEST(DealTest, SummaryIsExactMoney) {
  Deal d = ValidStake();
  EXPECT_EQ(DealSummary(d), "stake of Mistral AI: $14,300,000,000 for 49.00%");
  EXPECT_EQ(FormatStake(5), "0.05%");
  // $15B+ and beyond: int64 cents hold it exactly.
  d.price.minor = 1'500'000'000'099;
  EXPECT_EQ(DealSummary(d), "stake of Mistral AI: $15,000,000,000.99 for 49.00%");
}

TEST(DealSettingsTest, DefaultsAndFieldErrors) {
  auto s = DealSettings::FromJson("{}");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->offer_premium_permille, 1500);
  EXPECT_TRUE(s->assume_ceo_outreach);
  auto back = DealSettings::FromJson(s->ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ToJson(), s->ToJson());
  auto bad = DealSettings::FromJson(R"({"offer_premium_permille": 50})");
  EXPECT_EQ(bad.status().message(), "deals.offer_premium_permille: must be between 100 and 20000");
  EXPECT_EQ(DealSettings::FromJson(R"({"assume_warm_path": 1})").status().message(),
            "deals.assume_warm_path: must be true or false");
  EXPECT_EQ(DealSettings::FromJson(R"({"price": 1})").status().message(), "deals.price: not a known setting");
  EXPECT_FALSE(DealSettings::FromJson("[]").ok());
}

// A model with every weight 0: P(accept) = σ(0) = 0.5 for everyone, so the
// one-by-one side is computable by hand.
planning::AcceptanceModel CoinFlip() { return planning::AcceptanceModel(planning::AcceptanceWeights{}); }

TalentInput TwoPeople() {
  TalentInput in;
  in.price_minor = 10'000'000'000;  // $100M
  TalentPerson a;
  a.name = "A";
  a.value = 10;
  a.value_known = true;
  a.p_join_permille = 900;
  a.retention_minor = 1'000'000'000;  // $10M
  TalentPerson b;
  b.name = "B";
  b.value = 5;
  b.value_known = true;
  b.p_join_permille = 500;
  b.retention_minor = 200'000'000;           // $2M
  b.current_package_4y_minor = 800'000'000;  // $8M recorded
  in.people = {a, b};
  return in;
}

TEST(TalentTest, HandComputedDealAndOneByOne) {
  planning::AcceptanceSettings acc;  // default current package $4M / 4 years
  auto r = EvaluateTalent(TwoPeople(), DealSettings{}, acc, CoinFlip());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Deal: talent 0.9×10 + 0.5×5 = 11.5; cost $100M + 0.9×$10M + 0.5×$2M = $110M.
  EXPECT_DOUBLE_EQ(r->expected_talent, 11.5);
  EXPECT_DOUBLE_EQ(r->expected_people, 1.4);
  EXPECT_EQ(r->people[0].expected_retention_minor, 900'000'000);
  EXPECT_EQ(r->people[1].expected_retention_minor, 100'000'000);
  EXPECT_EQ(r->deal_cost_minor, 11'000'000'000);
  EXPECT_EQ(r->deal_cost_usd_minor, 11'000'000'000);
  EXPECT_NEAR(r->deal_talent_per_musd, 11.5 / 110.0, 1e-12);
  // One by one: offers 1.5 × $4M = $6M and 1.5 × $8M = $12M, P = 0.5 → $12M + $24M = $36M for talent 15.
  EXPECT_EQ(r->people[0].offer_4y_minor, 600'000'000);
  EXPECT_EQ(r->people[1].offer_4y_minor, 1'200'000'000);
  EXPECT_DOUBLE_EQ(r->people[0].p_accept, 0.5);
  EXPECT_EQ(r->people[0].one_by_one_cost_minor, 1'200'000'000);
  EXPECT_EQ(r->people[1].one_by_one_cost_minor, 2'400'000'000);
  EXPECT_EQ(r->one_by_one_cost_usd_minor, 3'600'000'000);
  EXPECT_DOUBLE_EQ(r->one_by_one_talent, 15);
  EXPECT_NEAR(r->one_by_one_talent_per_musd, 15.0 / 36.0, 1e-12);
  EXPECT_NEAR(r->ratio, (11.5 / 110.0) / (15.0 / 36.0), 1e-12);
  EXPECT_EQ(r->unknown_value, 0);
  EXPECT_GE(r->assumptions.size(), 5u);
  EXPECT_NE(r->assumptions[3].find("1.5 x their current 4-year package"), std::string::npos) << r->assumptions[3];
  EXPECT_NE(r->assumptions[3].find("$4,000,000"), std::string::npos) << r->assumptions[3];
}

TEST(TalentTest, ForeignCurrencyIsConvertedAtTheExactRate) {
  TalentInput in = TwoPeople();
  in.usd_num = 1085;  // 1 EUR = 1.085 USD
  in.usd_den = 1000;
  auto r = EvaluateTalent(in, DealSettings{}, planning::AcceptanceSettings{}, CoinFlip());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->deal_cost_minor, 11'000'000'000);      // EUR cents
  EXPECT_EQ(r->deal_cost_usd_minor, 11'935'000'000);  // × 1.085
  EXPECT_NEAR(r->deal_talent_per_musd, 11.5 / 119.35, 1e-12);
  in.usd_num = 0;
  EXPECT_EQ(EvaluateTalent(in, DealSettings{}, planning::AcceptanceSettings{}, CoinFlip()).status().message(),
            "fx: the rate to USD must be positive");
}

TEST(TalentTest, UsesTheAcceptanceModel) {
  // The default (prior) model: P for each person is the model's own answer for the stated offer.
  planning::AcceptanceSettings acc;
  planning::AcceptanceModel model;
  TalentInput in = TwoPeople();
  in.people[0].current_lab = "OpenAI";
  DealSettings ds;
  auto r = EvaluateTalent(in, ds, acc, model);
  ASSERT_TRUE(r.ok());
  planning::CandidateFacts facts;
  facts.current_package_4y_minor = acc.default_current_package_4y_minor;
  facts.current_lab = "OpenAI";
  facts.ceo_reached_out = true;
  planning::OfferTerms terms;
  terms.four_year_value_minor = 600'000'000;
  terms.guaranteed_gpus = std::llround(acc.labs.Lookup("OpenAI"));
  auto x = planning::ComputeFeatures(facts, terms, acc);
  ASSERT_TRUE(x.ok());
  const double p = model.Probability(*x);
  EXPECT_DOUBLE_EQ(r->people[0].p_accept, p);
  EXPECT_GT(p, 0.0);
  EXPECT_LT(p, 1.0);
  EXPECT_EQ(r->people[0].one_by_one_cost_minor,
            offers::MulDiv(600'000'000, 1'000'000, std::llround(p * 1e6), offers::Rounding::kHalfEven).value());
  // A richer offer raises P(accept) (money's weight is non-negative) ...
  ds.offer_premium_permille = 3000;
  auto richer = EvaluateTalent(in, ds, acc, model);
  ASSERT_TRUE(richer.ok());
  EXPECT_GT(richer->people[0].p_accept, p);
  // ... and without the CEO's outreach it falls.
  ds = DealSettings{};
  ds.assume_ceo_outreach = false;
  auto cold = EvaluateTalent(in, ds, acc, model);
  ASSERT_TRUE(cold.ok());
  EXPECT_LT(cold->people[0].p_accept, p);
}

TEST(TalentTest, FifteenBillionDollarsWithoutOverflowAndUnknownPeople) {
  TalentInput in;
  in.price_minor = 1'430'000'000'000;  // $14.3B
  TalentPerson ceo;
  ceo.name = "CEO";
  ceo.value = 40;
  ceo.value_known = true;
  ceo.p_join_permille = 950;
  ceo.retention_minor = 10'000'000'000;  // $100M
  TalentPerson unknown;
  unknown.name = "Not in the graph";
  unknown.p_join_permille = 1000;
  in.people = {ceo, unknown};
  auto r = EvaluateTalent(in, DealSettings{}, planning::AcceptanceSettings{}, CoinFlip());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->deal_cost_minor, 1'439'500'000'000);  // $14.3B + 0.95 × $100M
  EXPECT_DOUBLE_EQ(r->expected_talent, 38);
  EXPECT_EQ(r->unknown_value, 1);
  EXPECT_NEAR(r->deal_talent_per_musd, 38.0 / 14395.0, 1e-12);

  in.price_minor = INT64_MAX - 1;
  auto over = EvaluateTalent(in, DealSettings{}, planning::AcceptanceSettings{}, CoinFlip());
  EXPECT_EQ(over.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(over.status().message(), "deal cost: the sum does not fit in int64");
}

TEST(TalentTest, BadInputNamesThePerson) {
  TalentInput in = TwoPeople();
  in.people[1].p_join_permille = 1200;
  EXPECT_EQ(EvaluateTalent(in, DealSettings{}, planning::AcceptanceSettings{}, CoinFlip()).status().message(),
            "people[1].p_join: a probability in 0..1");
  in = TwoPeople();
  in.people[0].value = -1;
  EXPECT_EQ(EvaluateTalent(in, DealSettings{}, planning::AcceptanceSettings{}, CoinFlip()).status().message(),
            "people[0].value: must be >= 0");
  // A deal with nobody: cost is the price, no talent, nothing divided by zero.
  in = TwoPeople();
  in.people.clear();
  auto empty = EvaluateTalent(in, DealSettings{}, planning::AcceptanceSettings{}, CoinFlip());
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->deal_talent_per_musd, 0);
  EXPECT_EQ(empty->one_by_one_talent_per_musd, 0);
  EXPECT_EQ(empty->ratio, 0);
}

}  // namespace
}  // namespace st::deals
