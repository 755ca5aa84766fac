#include "compute/day.h"

#include <gtest/gtest.h>

namespace st::compute {
namespace {

TEST(DayTest, ParsesAndFormatsIsoDates) {
  EXPECT_EQ(ParseDay("1970-01-01"), 0);
  EXPECT_EQ(ParseDay("1970-01-02"), 1);
  EXPECT_EQ(ParseDay("2000-03-01"), 11017);
  ASSERT_TRUE(ParseDay("2024-02-29"));
  EXPECT_EQ(FormatDay(*ParseDay("2024-02-29")), "2024-02-29");
  EXPECT_EQ(FormatDay(*ParseDay("2199-12-31")), "2199-12-31");
  EXPECT_EQ(*ParseDay("2199-12-31"), kMaxDay);
  for (std::int32_t d = 0; d < 80000; d += 37) EXPECT_EQ(ParseDay(FormatDay(d)), d);
}

TEST(DayTest, RefusesWhatIsNotADay) {
  for (const char* bad : {"2023-02-29", "2026-3-01", "2026-13-01", "2026-00-10", "2026-01-32", "1969-12-31",
                          "2200-01-01", "2026/01/01", "", "2026-01-01 ", "２０２６-01-01", "abcd-ef-gh"})
    EXPECT_FALSE(ParseDay(bad)) << bad;
}

}  // namespace
}  // namespace st::compute
