// The pure retention rules against hand-computed cases: the staff CSV (row
// numbers, unknown columns), the held equity's vesting by year (cliff and
// schedule), the side-by-side and the suggested counter.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "retention/comparison.h"
#include "retention/link.h"
#include "retention/policy.h"
#include "retention/staff_csv.h"

namespace st::retention {
namespace {

using offers::Currency;
using offers::Day;

Day D(const char* s) { return *offers::ParseDate(s); }

constexpr std::int64_t kK = 100'000;  // $1,000 in cents

TEST(StaffCsv, ParsesEveryColumn) {
  auto rows = ParseStaffCsv(
      "name,email,title,team,manager,start_date,base,currency,bonus_pct,equity_grant,equity_grant_date,"
      "equity_cliff_months,equity_years,equity_vesting,last_raise_date\n"
      "Ada Lovelace,ada@lab.ai,Lead,Reasoning,,2020-03-01,300000,USD,10,800000,2025-01-01,12,4,monthly,2026-01-01\n"
      "\"Turing, Alan\",alan@lab.ai,Researcher,Reasoning,ada@lab.ai,2021-05-01,250000.5,USD,,,,,,,\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const StaffCsvRow& a = (*rows)[0];
  EXPECT_EQ(a.row, 1);
  EXPECT_EQ(a.base_minor, 300000 * 100LL);
  EXPECT_EQ(a.target_bonus_bp, 1000);
  ASSERT_TRUE(a.equity);
  EXPECT_EQ(a.equity->grant.value_minor, 800 * kK);
  EXPECT_EQ(a.equity->grant_day, D("2025-01-01"));
  EXPECT_EQ(a.last_raise_day, D("2026-01-01"));
  EXPECT_EQ((*rows)[1].name, "Turing, Alan");
  EXPECT_EQ((*rows)[1].manager, "ada@lab.ai");
  EXPECT_EQ((*rows)[1].base_minor, 25000050);
  // Export then import gives the same rows.
  auto again = ParseStaffCsv(StaffCsv(*rows));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)[0].equity, a.equity);
  EXPECT_EQ((*again)[1].base_minor, 25000050);
}

TEST(StaffCsv, RefusesUnknownColumnByName) {
  auto rows = ParseStaffCsv("name,email,salary\nA,a@x.ai,1\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("unknown column 'salary'"), std::string::npos) << rows.status().message();
}

TEST(StaffCsv, BadRowNamesRowLineAndReason) {
  auto rows = ParseStaffCsv("name,email,base,currency\nA,a@x.ai,100,USD\n\nB,b@x.ai,12k,USD\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), "row 2 (line 4): base: '12k' is not an amount (digits, at most 2 decimals)");
  auto dup = ParseStaffCsv("name,email\nA,a@x.ai\nB,a@x.ai\n");
  EXPECT_EQ(dup.status().message(), "row 2 (line 3): email: 'a@x.ai' is also row 1");
  auto nocur = ParseStaffCsv("name,email,base\nA,a@x.ai,100\n");
  EXPECT_EQ(nocur.status().message(), "row 1 (line 2): currency: needed with base or equity_grant");
  auto noemail = ParseStaffCsv("name,title\nA,x\n");
  EXPECT_EQ(noemail.status().message(), "line 1: the header lacks the column 'email'");
}

TEST(StaffCsv, MajorUnits) {
  EXPECT_EQ(ParseMajorUnits("0.05"), 5);
  EXPECT_EQ(ParseMajorUnits("12.5"), 1250);
  EXPECT_FALSE(ParseMajorUnits("1,000"));
  EXPECT_FALSE(ParseMajorUnits("1.234"));
  EXPECT_FALSE(ParseMajorUnits("-5"));
  EXPECT_EQ(FormatMajorUnits(1205), "12.05");
}

// $800k granted 2025-01-01, 4 years monthly, 1-year cliff. On 2027-01-01
// 24/48 have vested: $400k unvested, $200k in each of the next two years.
HeldEquity Held() {
  HeldEquity e;
  e.grant_day = D("2025-01-01");
  e.grant.value_minor = 800 * kK;
  e.grant.vesting = {12, offers::VestFrequency::kMonthly, 4, {}};
  return e;
}

TEST(Comparison, HeldEquityByYearRespectsCliffAndSchedule) {
  const HeldEquity e = Held();
  EXPECT_EQ(UnvestedAt(e, D("2027-01-01")), 400 * kK);
  auto y = HeldVestingByYear(e, D("2027-01-01"));
  EXPECT_EQ(y[0], 200 * kK);
  EXPECT_EQ(y[1], 200 * kK);
  EXPECT_EQ(y[2], 0);
  EXPECT_EQ(y[3], 0);
  // Before the cliff: on 2025-06-01 nothing has vested; the cliff on 2026-01-01 vests 12/48 = $200k in year 1.
  EXPECT_EQ(UnvestedAt(e, D("2025-06-01")), 800 * kK);
  auto early = HeldVestingByYear(e, D("2025-06-01"));
  EXPECT_EQ(early[0], 200 * kK + 5 * 200 * kK / 12);  // cliff (12 months) + Jan..May 2026 monthly
  EXPECT_EQ(early[0] + early[1] + early[2] + early[3], 800 * kK);
}

CurrentPackage Current() {
  CurrentPackage p;
  p.currency = Currency::kUsd;
  p.base_minor = 300 * kK;
  p.target_bonus_bp = 1000;
  p.equity = Held();
  p.team_size = 3;
  return p;
}

// Rival: $400k base, $100k sign-on, $1.2M over 4 years (1-year cliff,
// monthly), 64 H100 and a team of 8, starting 2027-01-01.
offers::OfferTerms Rival() {
  offers::OfferTerms t;
  t.currency = Currency::kUsd;
  t.base_salary_minor = 400 * kK;
  t.sign_on_minor = 100 * kK;
  t.equity.value_minor = 1200 * kK;
  t.equity.vesting = {12, offers::VestFrequency::kMonthly, 4, {}};
  t.start_day = D("2027-01-01");
  t.expiry_day = D("2026-12-15");
  t.title = "Research Scientist";
  t.compute = compute::ComputePromise{64, "H100", "", D("2027-01-01"), 0};
  t.team = offers::TeamPromise{8, 0, 8};
  return t;
}

TEST(Comparison, SideBySideAgainstHandComputedYears) {
  auto c = Compare(Current(), Rival(), std::nullopt, D("2026-12-01"), offers::FxTable{});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->from_day, D("2027-01-01"));
  // With us: 300k + 30k bonus + held vesting 200k, 200k, 0, 0.
  const std::int64_t cur[4] = {530 * kK, 530 * kK, 330 * kK, 330 * kK};
  // Rival: year 1 = 400k + 100k sign-on + 300k at the cliff; then 400k + 300k.
  const std::int64_t riv[4] = {800 * kK, 700 * kK, 700 * kK, 700 * kK};
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(c->current.years[k].total, cur[k]) << k;
    EXPECT_EQ(c->rival.years[k].total, riv[k]) << k;
    EXPECT_EQ(c->rival_minus_current[k], riv[k] - cur[k]) << k;
  }
  EXPECT_EQ(c->current.four_year, 1720 * kK);
  EXPECT_EQ(c->rival.four_year, 2900 * kK);
  EXPECT_EQ(c->rival_minus_current[4], 1180 * kK);
  EXPECT_EQ(c->rival.gpus, 64);
  EXPECT_EQ(c->rival.team, 8);
  EXPECT_EQ(c->current.team, 3);
  EXPECT_FALSE(c->counter.present);
}

TEST(Policy, BeatsByTenPercentForStrongPeople) {
  auto s = SuggestCounter(Current(), Rival(), 0.9, RetentionSettings{}, D("2026-12-01"), D("2026-12-15"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->beat);
  // Target 2.9M × 1.1 = 3.19M. Base 440k + 10% bonus = 484k × 4 = 1.936M, held 400k: 2.336M; grant 854k.
  EXPECT_EQ(s->target_four_year, 3190 * kK);
  EXPECT_EQ(s->terms.base_salary_minor, 440 * kK);
  EXPECT_EQ(s->terms.equity.value_minor, 854 * kK);
  EXPECT_EQ(s->terms.compute->gpus, 70);  // floor(64 × 1.1)
  EXPECT_EQ(s->terms.team->headcount, 9);  // ceil(8 × 1.1)
  EXPECT_EQ(s->terms.expiry_day, D("2026-12-15"));
  auto c = Compare(Current(), Rival(), s->terms, D("2026-12-01"), offers::FxTable{});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // Retention grant: 854k / 4 = 213.5k a year; counter years 484 + 200 + 213.5, then 484 + 213.5.
  const std::int64_t ctr[4] = {897'500 * 100LL, 897'500 * 100LL, 697'500 * 100LL, 697'500 * 100LL};
  for (int k = 0; k < 4; ++k) EXPECT_EQ(c->counter.years[k].total, ctr[k]) << k;
  EXPECT_EQ(c->counter.four_year, 3190 * kK);
  EXPECT_EQ(c->counter_minus_rival[4], 290 * kK);
  EXPECT_EQ(c->counter_minus_rival[0], 97'500 * 100LL);
  EXPECT_EQ(c->counter.gpus, 70);
}

TEST(Policy, MatchesBelowThresholdAndHonoursLevers) {
  RetentionSettings rs;
  rs.lever_compute = false;
  auto s = SuggestCounter(Current(), Rival(), 0.5, rs, D("2026-12-01"), 0);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_FALSE(s->beat);
  EXPECT_EQ(s->target_four_year, 2900 * kK);
  EXPECT_EQ(s->terms.base_salary_minor, 400 * kK);
  // 400k + 40k = 440k × 4 = 1.76M + 400k held = 2.16M: grant 740k.
  EXPECT_EQ(s->terms.equity.value_minor, 740 * kK);
  EXPECT_FALSE(s->terms.compute);
  EXPECT_EQ(s->terms.team->headcount, 8);
  EXPECT_EQ(s->terms.expiry_day, D("2026-12-01") + 14);
  rs.lever_money = false;
  auto m = SuggestCounter(Current(), Rival(), 0.5, rs, D("2026-12-01"), 0);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->terms.base_salary_minor, 300 * kK);
  EXPECT_EQ(m->terms.equity.value_minor, 0);
}

TEST(Policy, SettingsValidateNamingTheField) {
  EXPECT_EQ(RetentionSettingsFromJson(nlohmann::json{{"beat_bp", -1}}).status().message(),
            "retention.beat_bp: must be an integer 0..10000 (basis points: 1000 = 10%)");
  EXPECT_EQ(RetentionSettingsFromJson(nlohmann::json{{"levers", {{"gold", true}}}}).status().message(),
            "retention.levers.gold: unknown lever (money, compute, team)");
  RetentionSettings s;
  s.mode = CounterMode::kMatch;
  s.lever_team = false;
  EXPECT_EQ(*RetentionSettingsFromJson(RetentionSettingsToJson(s)), s);
}

TEST(Comparison, ConvertsTheRivalIntoOurCurrency) {
  offers::OfferTerms r = Rival();
  r.currency = Currency::kEur;
  EXPECT_FALSE(Compare(Current(), r, std::nullopt, D("2026-12-01"), offers::FxTable{}).ok());
  auto fx = offers::FxTable::Make({{D("2026-01-01"), Currency::kEur, 11, 10}});
  ASSERT_TRUE(fx.ok());
  auto c = Compare(Current(), r, std::nullopt, D("2026-12-01"), *fx);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->rival.four_year, 3190 * kK);  // €2.9M at 1.1
}

}  // namespace
}  // namespace st::retention

namespace st::retention {
namespace {

TEST(Link, NameOrganisationAndCoauthorsMakeAStrongLink) {
  std::vector<AuthorCandidate> c = {
      {"17", "Ada Lovelace", "Our Lab", {"Alan Turing", "Grace Hopper", "Someone Else"}},
      {"18", "A. Lovelace", "Elsewhere U", {}},
  };
  auto d = DecideLink("Ada Lovelace", c, {"Our Lab"}, {"Alan Turing", "Grace Hopper"});
  EXPECT_EQ(d.author_id, "17");
  EXPECT_NEAR(d.confidence, 0.95, 1e-9);  // 0.5 name + 0.25 organisation + 2 × 0.1 co-authors
  EXPECT_TRUE(d.strong());
  EXPECT_NE(d.reason.find("co-authors on staff: Alan Turing, Grace Hopper"), std::string::npos) << d.reason;
}

TEST(Link, ANameAloneIsNotEnoughAndTiesAreAmbiguous) {
  std::vector<AuthorCandidate> one = {{"5", "Ada Lovelace", "Elsewhere U", {}}};
  auto d = DecideLink("Ada Lovelace", one, {"Our Lab"}, {});
  EXPECT_NEAR(d.confidence, 0.65, 1e-9);  // same name + the only such author
  EXPECT_FALSE(d.strong());
  std::vector<AuthorCandidate> two = {{"5", "Ada Lovelace", "Our Lab", {}}, {"6", "Ada Lovelace", "Our Lab", {}}};
  auto t = DecideLink("Ada Lovelace", two, {"Our Lab"}, {});
  EXPECT_NEAR(t.confidence, 0.45, 1e-9);  // 0.75 × 0.6
  EXPECT_NE(t.reason.find("ambiguous with author 6"), std::string::npos) << t.reason;
  EXPECT_EQ(DecideLink("Ada Lovelace", {{"9", "Bob Smith", "", {}}}, {}, {}).author_id, "");
}

}  // namespace
}  // namespace st::retention
