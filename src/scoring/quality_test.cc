#include "scoring/quality.h"

#include <gtest/gtest.h>

#include "corpus/work_record.h"

namespace st::scoring {
namespace {

TEST(QualityTest, TopVenueNames) {
  struct Case {
    const char* name;
    bool top;
  } cases[] = {
      {"ICLR 2023", true},
      {"iclr2024", true},
      {"Neural Information Processing Systems", true},
      {"Advances in Neural Information Processing Systems 36", true},
      {"Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", true},
      {"Findings of the Association for Computational Linguistics: EMNLP 2023", true},
      {"Nature", true},
      {"Nature Communications", false},
      {"arXiv (Cornell University)", false},
      {"Oracle Journal", false},   // contains "acl" inside a word
      {"Miracles of Science", false},
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsTopVenue(c.name), c.top) << c.name;
}

TEST(QualityTest, WorkWeightFollowsImpactAndRecency) {
  auto impact = [](float value, format::ImpactKind kind) {
    format::WorkImpact w{};
    w.value = value;
    w.kind = static_cast<uint8_t>(kind);
    return w;
  };
  const auto known = format::ImpactKind::kKnown;
  EXPECT_GT(WorkWeight(impact(4.6f, known), 2024, 2024), WorkWeight(impact(0.69f, known), 2024, 2024));
  EXPECT_FLOAT_EQ(WorkWeight(impact(0.69f, known), 2024, 2024), 0.69f);
  // A relevant paper with little impact still counts a little; an estimate counts like a known value.
  EXPECT_FLOAT_EQ(WorkWeight(impact(0.0f, known), 2024, 2024), 0.1f);
  EXPECT_FLOAT_EQ(WorkWeight(impact(1.5f, format::ImpactKind::kEstimated), 2024, 2024), 1.5f);
  // Rejected / withdrawn: a trace of topic evidence, no impact.
  EXPECT_FLOAT_EQ(WorkWeight(impact(4.6f, format::ImpactKind::kNotCounted), 2024, 2024), 0.05f);
  EXPECT_LT(WorkWeight(impact(2.0f, known), 2010, 2024), WorkWeight(impact(2.0f, known), 2024, 2024));
}

TEST(QualityTest, RecencyAndPosition) {
  EXPECT_FLOAT_EQ(Recency(2024, 2024), 1.0f);
  EXPECT_GT(Recency(2023, 2024), Recency(2015, 2024));
  EXPECT_GT(Recency(1950, 2024), 0.5f);
  EXPECT_FLOAT_EQ(Recency(0, 2024), 0.6f);
  EXPECT_FLOAT_EQ(PositionWeight(static_cast<uint8_t>(corpus::AuthorPosition::kFirst)), 1.0f);
  EXPECT_FLOAT_EQ(PositionWeight(static_cast<uint8_t>(corpus::AuthorPosition::kLast)), 1.0f);
  // Middle 0.9: what three-author papers with known counts show (quality.h; RealDataTest.MiddleAuthorWeight...).
  EXPECT_FLOAT_EQ(PositionWeight(static_cast<uint8_t>(corpus::AuthorPosition::kMiddle)), 0.9f);
}

}  // namespace
}  // namespace st::scoring
