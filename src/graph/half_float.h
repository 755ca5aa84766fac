// IEEE 754 binary16 ("half") encoding of the co-author weights: 2 bytes per
// stored edge instead of 4 keeps PageRank's memory under 16 bytes per
// co-author pair (docs/graph_format.md). 11 significant bits: a weight is
// stored within 0.05 % of its float value. Written out rather than using the
// compiler's _Float16 because without F16C that is a libgcc call per edge in
// PageRank's inner loop, and clang 14 (the fuzz builds) lacks it on x86.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace st::graph {

inline constexpr uint16_t kHalfMaxFinite = 0x7bff;  // 65504

// Decodes a finite half (normal or subnormal; the encoder below never writes
// infinities or NaNs). Exact: moving the 10-bit mantissa and 5-bit exponent
// into a float's fields and multiplying by 2^112 re-biases the exponent
// (15 -> 127), and float subnormals line up with half subnormals the same way.
inline float HalfToFloat(uint16_t h) {
  const uint32_t bits = (static_cast<uint32_t>(h & 0x8000u) << 16) | (static_cast<uint32_t>(h & 0x7fffu) << 13);
  return std::bit_cast<float>(bits) * 0x1p112f;
}

// Nearest half, ties to even. Magnitudes beyond 65504 (and infinities)
// saturate to 65504; NaN becomes 0. In the normal range, re-biasing the
// float's exponent puts the half's fields in the top bits, so rounding is an
// integer add; below it a half counts units of 2^-24, so scale and round.
inline uint16_t FloatToHalf(float f) {
  if (std::isnan(f)) return 0;
  const uint32_t sign = (std::bit_cast<uint32_t>(f) >> 16) & 0x8000u;
  const float a = std::fabs(f);
  if (a >= 65504.0f) return static_cast<uint16_t>(sign | kHalfMaxFinite);
  uint32_t rounded;
  if (a >= 0x1p-14f) {
    const uint32_t b = std::bit_cast<uint32_t>(a) - (112u << 23);
    rounded = (b + 0x0fffu + ((b >> 13) & 1u)) >> 13;
  } else {
    rounded = static_cast<uint32_t>(std::nearbyint(a * 0x1p24f));  // default mode: ties to even
  }
  return static_cast<uint16_t>(sign | rounded);
}

}  // namespace st::graph
