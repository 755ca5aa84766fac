// binary16 weights: every half round-trips, rounding is to nearest (ties to
// even), and, where the compiler has _Float16, both directions agree with it.
#include "graph/half_float.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

namespace st::graph {
namespace {

TEST(HalfFloatTest, EveryFiniteHalfRoundTrips) {
  for (uint32_t sign : {0u, 0x8000u}) {
    for (uint32_t h = 0; h <= kHalfMaxFinite; ++h) {
      const auto bits = static_cast<uint16_t>(sign | h);
      const float f = HalfToFloat(bits);
      ASSERT_TRUE(std::isfinite(f)) << bits;
      ASSERT_EQ(FloatToHalf(f), bits) << bits << " -> " << f;
    }
  }
  EXPECT_EQ(HalfToFloat(0x3c00), 1.0f);
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(HalfToFloat(0x0400), std::ldexp(1.0f, -14));  // smallest normal
  EXPECT_EQ(HalfToFloat(kHalfMaxFinite), 65504.0f);
}

TEST(HalfFloatTest, RoundsToNearestTiesToEven) {
  for (uint16_t h = 0; h < kHalfMaxFinite; ++h) {
    const float lo = HalfToFloat(h), hi = HalfToFloat(static_cast<uint16_t>(h + 1));
    const float mid = (lo + hi) / 2;  // exact: one bit more than a half has
    ASSERT_EQ(FloatToHalf(mid), (h & 1) ? h + 1 : h) << h;
    ASSERT_EQ(FloatToHalf(std::nextafter(mid, 0.0f)), h) << h;
    ASSERT_EQ(FloatToHalf(std::nextafter(mid, hi)), h + 1) << h;
  }
}

TEST(HalfFloatTest, SaturatesAndMapsNanToZero) {
  EXPECT_EQ(FloatToHalf(65504.0f), kHalfMaxFinite);
  EXPECT_EQ(FloatToHalf(1e9f), kHalfMaxFinite);
  EXPECT_EQ(FloatToHalf(std::numeric_limits<float>::infinity()), kHalfMaxFinite);
  EXPECT_EQ(FloatToHalf(-1e9f), 0x8000 | kHalfMaxFinite);
  EXPECT_EQ(FloatToHalf(std::numeric_limits<float>::quiet_NaN()), 0);
  EXPECT_EQ(FloatToHalf(1e-10f), 0);  // below half the smallest subnormal
}

TEST(HalfFloatTest, CoauthorWeightsKeepElevenSignificantBits) {
  // Every weight the builder can store: sums of 1/(n-1), n <= 100 authors.
  std::mt19937 rng(42);
  for (int i = 0; i < 200000; ++i) {
    double w = 0;
    for (int k = 0, works = 1 + static_cast<int>(rng() % 40); k < works; ++k) w += 1.0 / (1 + rng() % 99);
    const float stored = HalfToFloat(FloatToHalf(static_cast<float>(w)));
    ASSERT_LE(std::fabs(stored - w), w / 2048) << w;
  }
}

#if defined(__FLT16_MAX__) && !defined(__clang__)
TEST(HalfFloatTest, AgreesWithTheCompilersFloat16) {
  for (uint32_t h = 0; h <= 0xffff; ++h) {
    if ((h & 0x7c00) == 0x7c00) continue;  // infinities and NaNs are never stored
    const auto bits = static_cast<uint16_t>(h);
    _Float16 x;
    std::memcpy(&x, &bits, 2);
    ASSERT_EQ(HalfToFloat(bits), static_cast<float>(x)) << h;
  }
  std::mt19937 rng(7);
  for (int i = 0; i < 1000000; ++i) {
    // Random bit patterns over the whole range a half can hold.
    const float f = std::ldexp(std::uniform_real_distribution<float>(1.0f, 2.0f)(rng),
                               static_cast<int>(rng() % 42) - 26);
    if (f >= 65504.0f) continue;
    const _Float16 want = static_cast<_Float16>(f);
    uint16_t want_bits;
    std::memcpy(&want_bits, &want, 2);
    ASSERT_EQ(FloatToHalf(f), want_bits) << f;
  }
}
#endif

}  // namespace
}  // namespace st::graph
