#include "compute/settings.h"

#include <gtest/gtest.h>

namespace st::compute {
namespace {

TEST(SettingsTest, DefaultsAreDocumented) {
  ComputeSettings s;
  EXPECT_EQ(s.headroom_permille, 100);
  EXPECT_EQ(s.FactorMilli("H100"), 1000);
  EXPECT_EQ(s.FactorMilli("A100"), 400);
  EXPECT_EQ(s.FactorMilli("H200"), 1400);
  EXPECT_EQ(s.FactorMilli("B200"), 2500);
  EXPECT_EQ(s.FactorMilli("TPUv9"), 0);
  EXPECT_EQ(TeamSettings{}.max_direct_reports, 8);
}

TEST(SettingsTest, FromJsonKeepsDefaultsAndNamesBadFields) {
  auto s = ComputeSettings::FromJson(R"({"headroom_permille": 150})");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->headroom_permille, 150);
  EXPECT_EQ(s->FactorMilli("B200"), 2500);
  auto t = ComputeSettings::FromJson(R"({"h100_eq_milli": {"H100": 1000, "TPUv5p": 700}})");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->FactorMilli("TPUv5p"), 700);
  EXPECT_EQ(t->FactorMilli("B200"), 0);  // the table was replaced
  auto back = ComputeSettings::FromJson(t->ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->h100_eq_milli, t->h100_eq_milli);

  EXPECT_NE(ComputeSettings::FromJson(R"({"headroom_permille": 1000})").status().message().find(
                "compute.headroom_permille"),
            std::string::npos);
  EXPECT_NE(ComputeSettings::FromJson(R"({"headroom_permille": 0.1})").status().message().find("integer"),
            std::string::npos);
  EXPECT_NE(ComputeSettings::FromJson(R"({"h100_eq_milli": {"H100": 0}})").status().message().find(
                "compute.h100_eq_milli.H100"),
            std::string::npos);
  EXPECT_NE(ComputeSettings::FromJson(R"({"headroom": 1})").status().message().find("compute.headroom"),
            std::string::npos);
  EXPECT_FALSE(ComputeSettings::FromJson("[1]").ok());
  EXPECT_FALSE(ComputeSettings::FromJson("{").ok());

  auto team = TeamSettings::FromJson(R"({"max_direct_reports": 5})");
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(team->max_direct_reports, 5);
  EXPECT_NE(TeamSettings::FromJson(R"({"max_direct_reports": 0})").status().message().find(
                "teams.max_direct_reports"),
            std::string::npos);
}

TEST(SettingsTest, FormatsAmounts) {
  EXPECT_EQ(FormatH100Eq(2'400'000), "2,400");
  EXPECT_EQ(FormatH100Eq(2'400'500), "2,400.5");
  EXPECT_EQ(FormatH100Eq(400), "0.4");
  EXPECT_EQ(FormatH100Eq(1'234'567'125), "1,234,567.125");
  EXPECT_EQ(FormatH100Eq(-1500), "-1.5");
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(100000), "100,000");
  EXPECT_EQ(FormatCount(-20000), "-20,000");
}

}  // namespace
}  // namespace st::compute
