// Offer arithmetic against hand-computed cases: money, FX, dates, vesting
// (cliffs, quarterly, custom splits, leap years, refreshers), value tables
// up to $10B, validation, bands and approval chains.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "offers/approval.h"
#include "offers/date.h"
#include "offers/fx.h"
#include "offers/money.h"
#include "offers/terms.h"

namespace st::offers {
namespace {

using campaign::Role;

Day D(const char* s) { return *ParseDate(s); }

OfferTerms Terms() {
  OfferTerms t;
  t.currency = Currency::kUsd;
  t.base_salary_minor = 50'000'000;     // $500,000
  t.target_bonus_bp = 1500;             // 15% → $75,000
  t.sign_on_minor = 100'000'000;        // $1,000,000
  t.sign_on_clawback_months = 12;
  t.relocation_minor = 5'000'000;       // $50,000
  t.equity.value_minor = 480'000'000;   // $4,800,000 over 4 years, 1-year cliff, monthly
  t.start_day = D("2027-01-15");
  t.expiry_day = D("2026-12-31");
  t.title = "Member of Technical Staff";
  t.location = "Zürich";
  return t;
}

TEST(Money, FormatsWholeAmountsWithoutCentsAndGroupsThousands) {
  EXPECT_EQ(FormatMoney({10'000'000'000, Currency::kUsd}), "$100,000,000");
  EXPECT_EQ(FormatMoney({123'456, Currency::kUsd}), "$1,234.56");
  EXPECT_EQ(FormatMoney({1'230, Currency::kEur}), "€12.30");
  EXPECT_EQ(FormatMoney({5, Currency::kGbp}), "£0.05");
  EXPECT_EQ(FormatMoney({100'000'000, Currency::kChf}), "CHF 1,000,000");
  EXPECT_EQ(FormatMoney({-500, Currency::kUsd}), "-$5");
  EXPECT_EQ(FormatMoneyCents({100'000, Currency::kUsd}), "$1,000.00");
  EXPECT_EQ(FormatMoney({INT64_MIN, Currency::kUsd}), "-$92,233,720,368,547,758.08");
  EXPECT_EQ(ParseCurrency("CHF"), Currency::kChf);
  EXPECT_FALSE(ParseCurrency("usd"));
}

TEST(Money, CheckedArithmeticRefusesOverflow) {
  EXPECT_EQ(CheckedAdd(INT64_MAX - 1, 1), INT64_MAX);
  EXPECT_FALSE(CheckedAdd(INT64_MAX, 1));
  EXPECT_FALSE(CheckedMul(INT64_MAX / 2 + 1, 2));
  auto sum = Add({INT64_MAX, Currency::kUsd}, {1, Currency::kUsd}, "sign_on");
  ASSERT_FALSE(sum.ok());
  EXPECT_NE(sum.status().message().find("sign_on"), std::string::npos);
  EXPECT_FALSE(Add({1, Currency::kUsd}, {1, Currency::kEur}, "x").ok());
  // 128-bit intermediate: 9e18 × 3 / 3 is exact.
  EXPECT_EQ(MulDiv(9'000'000'000'000'000'000, 3, 3, Rounding::kFloor), 9'000'000'000'000'000'000);
  EXPECT_FALSE(MulDiv(9'000'000'000'000'000'000, 3, 2, Rounding::kFloor));
  EXPECT_EQ(MulDiv(5, 1, 2, Rounding::kHalfEven), 2);   // 2.5 → 2
  EXPECT_EQ(MulDiv(7, 1, 2, Rounding::kHalfEven), 4);   // 3.5 → 4
  EXPECT_EQ(MulDiv(-7, 1, 2, Rounding::kHalfEven), -4);
  EXPECT_EQ(MulDiv(-7, 1, 2, Rounding::kFloor), -4);
  EXPECT_EQ(MulDiv(7, 1, 2, Rounding::kFloor), 3);
}

TEST(Dates, ParseFormatAndClampedMonths) {
  EXPECT_EQ(FormatDate(D("2028-02-29")), "2028-02-29");
  EXPECT_FALSE(ParseDate("2027-02-29"));
  EXPECT_FALSE(ParseDate("2027-13-01"));
  EXPECT_FALSE(ParseDate("2027-1-01"));
  EXPECT_EQ(D("1970-01-01"), 0);
  EXPECT_EQ(FormatDate(AddMonths(D("2027-01-31"), 1)), "2027-02-28");
  EXPECT_EQ(FormatDate(AddMonths(D("2027-01-31"), 2)), "2027-03-31");
  EXPECT_EQ(FormatDate(AddMonths(D("2028-02-29"), 12)), "2029-02-28");
  EXPECT_EQ(FormatDate(AddMonths(D("2028-02-29"), 48)), "2032-02-29");
  EXPECT_EQ(FormatDateLong(D("2027-02-01")), "1 February 2027");
  EXPECT_EQ(FormatDate(DayOfUnix(1'798'761'599)), "2026-12-31");  // 23:59:59
}

TEST(Fx, DatedRatesConvertExactlyWithHalfEvenRounding) {
  auto eur = ParseRate("1.085", "fx");
  ASSERT_TRUE(eur.ok());
  EXPECT_EQ(eur->usd_num, 1085);
  EXPECT_EQ(eur->usd_den, 1000);
  eur->currency = Currency::kEur;
  eur->from_day = D("2026-01-01");
  FxRate eur27{D("2027-01-01"), Currency::kEur, 11, 10};
  FxRate chf{D("2026-01-01"), Currency::kChf, 2, 1};
  auto fx = FxTable::Make({eur27, *eur, chf});
  ASSERT_TRUE(fx.ok()) << fx.status().ToString();
  // €100,000,000 → $108,500,000 on 2026-12-31, $110,000,000 from 2027-01-01.
  EXPECT_EQ(fx->Convert({10'000'000'000, Currency::kEur}, Currency::kUsd, D("2026-12-31"))->minor, 10'850'000'000);
  EXPECT_EQ(fx->Convert({10'000'000'000, Currency::kEur}, Currency::kUsd, D("2027-01-01"))->minor, 11'000'000'000);
  // $1 → €0.921658… → 92 cents.
  EXPECT_EQ(fx->Convert({100, Currency::kUsd}, Currency::kEur, D("2026-06-01"))->minor, 92);
  // 1 CHF = 2 USD: 1 cent → 0.5 → 0 (even), 3 cents → 1.5 → 2.
  EXPECT_EQ(fx->Convert({1, Currency::kUsd}, Currency::kChf, D("2026-06-01"))->minor, 0);
  EXPECT_EQ(fx->Convert({3, Currency::kUsd}, Currency::kChf, D("2026-06-01"))->minor, 2);
  // EUR → CHF crosses through USD in one rounding: €1,000 × 1.1 / 2 = CHF 550.
  EXPECT_EQ(fx->Convert({100'000, Currency::kEur}, Currency::kChf, D("2027-06-01"))->minor, 55'000);
  auto early = fx->Convert({100, Currency::kEur}, Currency::kUsd, D("2025-12-31"));
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("no EUR rate on or before 2025-12-31"), std::string::npos);
  EXPECT_FALSE(fx->Convert({100, Currency::kGbp}, Currency::kUsd, D("2027-01-01")).ok());
  EXPECT_FALSE(ParseRate("1,085", "fx").ok());
  EXPECT_FALSE(ParseRate("0", "fx").ok());
  EXPECT_FALSE(ParseRate("1.0000000001", "fx").ok());
  EXPECT_FALSE(FxTable::Make({chf, chf}).ok());
}

TEST(Vesting, CliffThenMonthly) {
  OfferTerms t = Terms();
  auto vt = ComputeValueTable(t);
  ASSERT_TRUE(vt.ok()) << vt.status().ToString();
  ASSERT_EQ(vt->events.size(), 37u);  // the cliff + 36 monthly
  EXPECT_EQ(FormatDate(vt->events[0].day), "2028-01-15");
  EXPECT_EQ(vt->events[0].minor, 120'000'000);  // 12/48 of $4.8M at the cliff
  EXPECT_EQ(vt->events[1].minor, 10'000'000);
  EXPECT_EQ(FormatDate(vt->events.back().day), "2031-01-15");
  ASSERT_EQ(vt->rows.size(), 4u);
  for (const YearRow& r : vt->rows) EXPECT_EQ(r.equity, 120'000'000) << r.year;
  // Year 1: $500,000 + $75,000 + $1,000,000 + $50,000 + $1,200,000.
  EXPECT_EQ(vt->rows[0].cash, 162'500'000);
  EXPECT_EQ(vt->first_year, 282'500'000);
  EXPECT_EQ(vt->rows[1].total, 177'500'000);
  EXPECT_EQ(vt->four_year, 815'000'000);
  EXPECT_EQ(FormatDate(vt->rows[0].from_day), "2027-01-15");
  EXPECT_EQ(FormatDate(vt->rows[0].to_day), "2028-01-15");
  EXPECT_EQ(FormatDate(vt->rows[1].from_day), "2028-01-16");
}

TEST(Vesting, CliffThenQuarterlyWithRemainderOnTheLastTranche) {
  OfferTerms t = Terms();
  t.equity.value_minor = 1'000'001;  // $10,000.01: does not divide by 48
  t.equity.vesting.frequency = VestFrequency::kQuarterly;
  auto vt = ComputeValueTable(t);
  ASSERT_TRUE(vt.ok());
  ASSERT_EQ(vt->events.size(), 13u);  // month 12, then 15, 18, …, 48
  EXPECT_EQ(vt->events[0].month, 12);
  EXPECT_EQ(vt->events[0].minor, 250'000);  // floor(1,000,001 × 12/48)
  EXPECT_EQ(vt->events[1].month, 15);
  EXPECT_EQ(vt->events[1].minor, 62'500);   // floor(1,000,001 × 15/48) - 250,000
  std::int64_t sum = 0;
  for (const VestEvent& e : vt->events) sum += e.minor;
  EXPECT_EQ(sum, 1'000'001);  // the tranches add up to the grant exactly
  EXPECT_EQ(vt->rows[1].equity, 250'000);
  EXPECT_EQ(vt->rows[3].equity, 250'001);
}

TEST(Vesting, CustomSplit5_15_40_40) {
  OfferTerms t = Terms();
  t.equity.value_minor = 100'000'000;  // $1,000,000
  t.equity.vesting.custom_split_bp = {500, 1500, 4000, 4000};
  auto vt = ComputeValueTable(t);
  ASSERT_TRUE(vt.ok()) << vt.status().ToString();
  ASSERT_EQ(vt->events.size(), 4u);
  EXPECT_EQ(vt->rows[0].equity, 5'000'000);
  EXPECT_EQ(vt->rows[1].equity, 15'000'000);
  EXPECT_EQ(vt->rows[2].equity, 40'000'000);
  EXPECT_EQ(vt->rows[3].equity, 40'000'000);
  t.equity.vesting.custom_split_bp = {500, 1500, 4000, 3900};
  auto bad = ComputeValueTable(t);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("equity.vesting.custom_split"), std::string::npos);
  EXPECT_NE(bad.status().message().find("99.00%"), std::string::npos) << bad.status().message();
}

TEST(Vesting, LeapDayStartVestsOnTheLastDayOfFebruary) {
  OfferTerms t = Terms();
  t.start_day = D("2028-02-29");
  t.expiry_day = D("2028-01-31");
  t.equity.vesting = {0, VestFrequency::kAnnual, 4, {}};
  auto vt = ComputeValueTable(t);
  ASSERT_TRUE(vt.ok());
  ASSERT_EQ(vt->events.size(), 4u);
  EXPECT_EQ(FormatDate(vt->events[0].day), "2029-02-28");
  EXPECT_EQ(FormatDate(vt->events[1].day), "2030-02-28");
  EXPECT_EQ(FormatDate(vt->events[3].day), "2032-02-29");
  for (const YearRow& r : vt->rows) EXPECT_EQ(r.equity, 120'000'000);
  EXPECT_EQ(FormatDate(vt->rows[3].from_day), "2031-03-01");
  EXPECT_EQ(FormatDate(vt->rows[3].to_day), "2032-02-29");
}

TEST(Vesting, RefreshersVestFromEachAnniversaryWithoutACliff) {
  OfferTerms t = Terms();
  t.equity.annual_refresher_minor = 4'800'000;  // $48,000 a year, 4 years monthly → $1,000/month each
  auto vt = ComputeValueTable(t);
  ASSERT_TRUE(vt.ok());
  EXPECT_EQ(vt->rows[0].refreshers, 0);
  EXPECT_EQ(vt->rows[1].refreshers, 1'200'000);
  EXPECT_EQ(vt->rows[2].refreshers, 2'400'000);
  EXPECT_EQ(vt->rows[3].refreshers, 3'600'000);
  EXPECT_EQ(vt->four_year, 815'000'000 + 7'200'000);
}

TEST(ValueTable, TenBillionDollarPackageSumsExactly) {
  OfferTerms t = Terms();
  const std::int64_t b10 = 1'000'000'000'000;  // $10B in cents
  t.base_salary_minor = b10;
  t.sign_on_minor = b10;
  t.target_bonus_bp = 0;
  t.relocation_minor = 0;
  t.equity.value_minor = 0;
  t.equity.units = 1'000'000'000;  // 1B units at $10.00
  t.equity.unit_price_minor = 1'000;
  t.equity.annual_refresher_minor = b10;
  auto vt = ComputeValueTable(t);
  ASSERT_TRUE(vt.ok()) << vt.status().ToString();
  EXPECT_EQ(vt->grant_value, b10);
  // base 4 × $10B + sign-on $10B + the grant $10B + refreshers 36/48 + 24/48 + 12/48 of $10B = $75B.
  EXPECT_EQ(vt->four_year, 7'500'000'000'000);
  EXPECT_EQ(FormatMoney({vt->four_year, Currency::kUsd}), "$75,000,000,000");
  EXPECT_EQ(vt->first_year, 2 * b10 + b10 / 4);

  // Far beyond: each figure fits, the 4-year sum does not → an error naming it, not a wrapped number.
  t.base_salary_minor = INT64_MAX / 4;
  t.equity.units = 0;
  t.equity.unit_price_minor = 0;
  auto over = ComputeValueTable(t);
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.status().message().find("field '"), std::string::npos) << over.status().message();
  t = Terms();
  t.equity.value_minor = 0;
  t.equity.units = INT64_MAX / 2;
  t.equity.unit_price_minor = 3;
  auto units = ComputeValueTable(t);
  ASSERT_FALSE(units.ok());
  EXPECT_NE(units.status().message().find("equity.units"), std::string::npos);
}

TEST(Terms, ValidationNamesTheField) {
  struct Case {
    void (*edit)(OfferTerms&);
    const char* field;
  };
  const Case cases[] = {
      {[](OfferTerms& t) { t.base_salary_minor = -1; }, "base_salary"},
      {[](OfferTerms& t) { t.sign_on_clawback_months = 200; }, "sign_on_clawback_months"},
      {[](OfferTerms& t) { t.equity.units = 5; }, "equity.value"},
      {[](OfferTerms& t) { t.equity.value_minor = 0; t.equity.units = 5; }, "equity.unit_price"},
      {[](OfferTerms& t) { t.equity.vesting.total_years = 0; }, "equity.vesting.total_years"},
      {[](OfferTerms& t) { t.equity.vesting.cliff_months = 60; }, "equity.vesting.cliff_months"},
      {[](OfferTerms& t) { t.equity.vesting.custom_split_bp = {5000, 5000}; }, "equity.vesting.custom_split"},
      {[](OfferTerms& t) { t.target_bonus_bp = -5; }, "target_bonus"},
      {[](OfferTerms& t) { t.start_day = 0; }, "start_date"},
      {[](OfferTerms& t) { t.expiry_day = t.start_day + 1; }, "expiry_date"},
      {[](OfferTerms& t) { t.title.clear(); }, "title"},
      {[](OfferTerms& t) { t.team = TeamPromise{-1, 0, 0}; }, "team.headcount"},
  };
  for (const Case& c : cases) {
    OfferTerms t = Terms();
    c.edit(t);
    Status s = ValidateTerms(t);
    ASSERT_EQ(s.code(), StatusCode::kInvalidInput) << c.field;
    EXPECT_NE(s.message().find(std::string("field '") + c.field + "'"), std::string::npos) << s.message();
  }
  EXPECT_TRUE(ValidateTerms(Terms()).ok());
}

TEST(Terms, MaterialChangesAreMoneyTeamAndDatesNotWording) {
  OfferTerms a = Terms(), b = Terms();
  b.title = "Chief Scientist";
  b.location = "London";
  b.expiry_day -= 3;
  EXPECT_FALSE(IsMaterialChange(a, b));
  b.sign_on_minor += 1;
  EXPECT_TRUE(IsMaterialChange(a, b));
  b = a;
  b.team = TeamPromise{5, 0, 6};
  EXPECT_TRUE(IsMaterialChange(a, b));
  b = a;
  b.start_day += 1;
  EXPECT_TRUE(IsMaterialChange(a, b));
}

OfferSettings Settings() {
  auto s = OfferSettingsFromJson(nlohmann::json::parse(R"({
    "bands": [{"level": "L6", "track": "research", "currency": "EUR",
               "base_min": 30000000, "base_max": 60000000, "equity_min": 0, "equity_max": 500000000,
               "sign_on_max": 100000000}],
    "fx": [{"date": "2026-01-01", "currency": "EUR", "usd": "1.25"}],
    "out_of_band_chain": [{"role": "hr", "required": 2}, {"role": "ceo"}]
  })"));
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return *s;
}

TEST(Bands, InBandComparesInTheBandCurrencyAtTheDatedRate) {
  OfferSettings s = Settings();
  OfferTerms t = Terms();
  t.level = "L6";
  t.track = "research";
  // $500,000 = €400,000: in [€300k, €600k]; $4.8M = €3.84M ≤ €5M; $1M = €800k ≤ €1M.
  auto in = CheckBand(s, t, D("2026-06-01"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_TRUE(in->in_band) << in->reason;
  t.base_salary_minor = 80'000'000;  // $800,000 = €640,000
  auto out = CheckBand(s, t, D("2026-06-01"));
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->in_band);
  EXPECT_EQ(out->reason, "base €640,000 above the band's €600,000");
  t.level = "L9";
  EXPECT_EQ(CheckBand(s, t, D("2026-06-01"))->reason, "no band for L9/research");
  EXPECT_FALSE(CheckBand(s, Terms(), D("2025-06-01"))->in_band);
}

TEST(Bands, SettingsErrorsNameTheField) {
  auto bad = [](const char* text) {
    auto s = OfferSettingsFromJson(nlohmann::json::parse(text));
    EXPECT_FALSE(s.ok()) << text;
    return s.ok() ? std::string() : s.status().message();
  };
  EXPECT_NE(bad(R"({"bands":[{"level":"L6","base_min":5,"base_max":1}]})").find("offers.bands[0].base_max"),
            std::string::npos);
  EXPECT_NE(bad(R"({"bands":[{"level":"L6","base_min":1.5}]})").find("offers.bands[0].base_min"), std::string::npos);
  EXPECT_NE(bad(R"({"fx":[{"date":"2026-01-01","currency":"EUR","usd":1.1}]})").find("offers.fx[0].usd"),
            std::string::npos);
  EXPECT_NE(bad(R"({"in_band_chain":[{"role":"viewer"}]})").find("offers.in_band_chain[0].role"), std::string::npos);
  EXPECT_NE(bad(R"({"colour":1})").find("offers.colour"), std::string::npos);
  auto defaults = OfferSettingsFromJson(nlohmann::json::object());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->out_of_band_chain.size(), 2u);
}

TEST(Approval, ChainsNofMAndTheSpanOfControlStep) {
  OfferSettings s = Settings();
  EXPECT_EQ(ChainFor(s, true, false), (std::vector<ApprovalStep>{{Role::kHr, 1}}));
  EXPECT_EQ(ChainFor(s, true, true), (std::vector<ApprovalStep>{{Role::kHr, 1}, {Role::kCeo, 1}}));
  const auto chain = ChainFor(s, false, true);  // already has a CEO step: none added
  ASSERT_EQ(chain, (std::vector<ApprovalStep>{{Role::kHr, 2}, {Role::kCeo, 1}}));
  std::vector<Approval> got;
  EXPECT_EQ(CheckCanApprove(chain, got, 7, Role::kCeo).code(), StatusCode::kForbidden);
  ASSERT_TRUE(CheckCanApprove(chain, got, 3, Role::kHr).ok());
  got.push_back({3, Role::kHr, 0});
  EXPECT_EQ(CurrentStep(chain, got), 0);  // 1 of 2 HR
  EXPECT_EQ(CheckCanApprove(chain, got, 3, Role::kHr).code(), StatusCode::kConflict);  // same person twice
  got.push_back({4, Role::kHr, 0});
  EXPECT_EQ(CurrentStep(chain, got), 1);
  Status hr_again = CheckCanApprove(chain, got, 5, Role::kHr);
  EXPECT_EQ(hr_again.code(), StatusCode::kForbidden);
  EXPECT_EQ(hr_again.message(), "step 2 of 2 needs ceo, you are hr");
  ASSERT_TRUE(CheckCanApprove(chain, got, 1, Role::kCeo).ok());
  got.push_back({1, Role::kCeo, 1});
  EXPECT_EQ(CurrentStep(chain, got), 2);
  EXPECT_EQ(CheckCanApprove(chain, got, 9, Role::kCeo).code(), StatusCode::kConflict);
}

TEST(OfferStates, MovesFollowTheLifecycle) {
  using S = OfferState;
  EXPECT_TRUE(IsOfferMoveAllowed(S::kDraft, S::kPendingApproval));
  EXPECT_TRUE(IsOfferMoveAllowed(S::kPendingApproval, S::kApproved));
  EXPECT_TRUE(IsOfferMoveAllowed(S::kApproved, S::kSent));
  EXPECT_TRUE(IsOfferMoveAllowed(S::kSent, S::kAccepted));
  EXPECT_TRUE(IsOfferMoveAllowed(S::kSent, S::kExpired));
  EXPECT_TRUE(IsOfferMoveAllowed(S::kApproved, S::kWithdrawn));
  EXPECT_FALSE(IsOfferMoveAllowed(S::kDraft, S::kSent));  // nothing is sent before the chain completes
  EXPECT_FALSE(IsOfferMoveAllowed(S::kPendingApproval, S::kSent));
  EXPECT_FALSE(IsOfferMoveAllowed(S::kAccepted, S::kWithdrawn));
  EXPECT_FALSE(IsOfferMoveAllowed(S::kDeclined, S::kAccepted));
  for (int i = 0; i < kOfferStateCount; ++i)
    EXPECT_EQ(ParseOfferState(OfferStateName(static_cast<S>(i))), static_cast<S>(i));
}

}  // namespace
}  // namespace st::offers
