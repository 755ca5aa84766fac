#include "scoring/quality.h"

#include <gtest/gtest.h>

#include "corpus/work_record.h"

namespace st::scoring {
namespace {

graph::WorkInfo Info(int32_t cites, corpus::PaperStatus status = corpus::PaperStatus::kUnknown) {
  graph::WorkInfo w{};
  w.cited_by_count = cites;
  w.rating_avg = -1;
  w.venue = graph::kNone;
  w.status = static_cast<uint8_t>(status);
  return w;
}

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

TEST(QualityTest, QualityOrdersEvidenceSensibly) {
  const auto poster = Info(10, corpus::PaperStatus::kPoster);
  EXPECT_GT(WorkQuality(poster, true), WorkQuality(poster, false));
  EXPECT_GT(WorkQuality(Info(10, corpus::PaperStatus::kOral), true), WorkQuality(poster, true));
  EXPECT_GT(WorkQuality(Info(10, corpus::PaperStatus::kSpotlight), true), WorkQuality(poster, true));
  EXPECT_GT(WorkQuality(Info(1000), false), WorkQuality(Info(10), false));
  EXPECT_FLOAT_EQ(WorkQuality(Info(-1), false), 1.0f);  // unknown citations: neutral
  EXPECT_FLOAT_EQ(WorkQuality(Info(5000, corpus::PaperStatus::kReject), true), 0.3f);
  EXPECT_FALSE(IsAccepted(Info(0, corpus::PaperStatus::kWithdrawn)));
}

TEST(QualityTest, RecencyAndPosition) {
  EXPECT_FLOAT_EQ(Recency(2024, 2024), 1.0f);
  EXPECT_GT(Recency(2023, 2024), Recency(2015, 2024));
  EXPECT_GT(Recency(1950, 2024), 0.5f);
  EXPECT_FLOAT_EQ(Recency(0, 2024), 0.6f);
  EXPECT_FLOAT_EQ(PositionWeight(static_cast<uint8_t>(corpus::AuthorPosition::kFirst)), 1.0f);
  EXPECT_FLOAT_EQ(PositionWeight(static_cast<uint8_t>(corpus::AuthorPosition::kLast)), 1.0f);
  EXPECT_LT(PositionWeight(static_cast<uint8_t>(corpus::AuthorPosition::kMiddle)), 1.0f);
}

}  // namespace
}  // namespace st::scoring
