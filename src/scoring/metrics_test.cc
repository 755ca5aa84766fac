#include "scoring/metrics.h"

#include <gtest/gtest.h>

#include <vector>

namespace st::scoring {
namespace {

struct HCase {
  const char* name;
  std::vector<int32_t> cited_by;
  uint32_t h, i10;
  int64_t sum;
};

TEST(MetricsTest, HIndexI10AndSumCaseTable) {
  const HCase cases[] = {
      {"empty", {}, 0, 0, 0},
      {"all zero", {0, 0, 0}, 0, 0, 0},
      {"all unknown", {-1, -1}, 0, 0, 0},
      {"one cited once", {1}, 1, 0, 1},
      {"classic 3", {3, 0, 6, 1, 5}, 3, 0, 15},
      {"h equals n", {10, 10, 10}, 3, 3, 30},
      {"ties at boundary", {4, 4, 4, 4}, 4, 0, 16},
      {"one huge", {100000}, 1, 1, 100000},
      {"unknown skipped", {-1, 25, 8, -1, 8, 3}, 3, 1, 44},
      {"decreasing", {9, 8, 7, 6, 5, 4, 3, 2, 1}, 5, 0, 45},
      {"i10 boundary", {9, 10, 11}, 3, 2, 30},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(HIndex(c.cited_by), c.h);
    EXPECT_EQ(I10Index(c.cited_by), c.i10);
    EXPECT_EQ(CitationSum(c.cited_by), c.sum);
  }
}

// Independent definition: sort descending, count positions i with c[i] >= i+1.
uint32_t NaiveH(std::vector<int32_t> c) {
  std::sort(c.rbegin(), c.rend());
  uint32_t h = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i] >= static_cast<int32_t>(i + 1)) h = static_cast<uint32_t>(i + 1);
  }
  return h;
}

TEST(MetricsTest, HIndexMatchesSortDefinitionOnPseudoRandomLists) {
  uint32_t x = 12345;
  for (int round = 0; round < 200; ++round) {
    std::vector<int32_t> c(round % 37);
    for (auto& v : c) {
      x = x * 1664525u + 1013904223u;
      v = static_cast<int32_t>((x >> 8) % 60) - 2;  // includes -2..-1 (unknown)
    }
    EXPECT_EQ(HIndex(c), NaiveH(c)) << "round " << round;
  }
}

TEST(MetricsTest, RecentCitationsUsesLastThreeYearsInclusive) {
  std::vector<graph::YearCitations> by_year = {
      {2024, 0, 5}, {2023, 0, 7}, {2022, 0, 11}, {2021, 0, 100}, {2025, 0, 1000}};
  EXPECT_EQ(RecentCitations(by_year, 2024), 5 + 7 + 11);
  EXPECT_EQ(RecentCitations(by_year, 2025), 1000 + 5 + 7);
  EXPECT_EQ(RecentCitations(by_year, 2024, 1), 5);
  EXPECT_EQ(RecentCitations({}, 2024), 0);
}

TEST(MetricsTest, RisingFavoursYoungCareersAtEqualVelocity) {
  EXPECT_GT(Rising(900, 4), Rising(900, 30));
  EXPECT_FLOAT_EQ(Rising(300, 1), 100.0f);
  EXPECT_FLOAT_EQ(Rising(300, 0), 100.0f);
  EXPECT_FLOAT_EQ(Rising(0, 5), 0.0f);
}

}  // namespace
}  // namespace st::scoring
