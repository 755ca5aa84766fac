// The compute ledger's and flat teams' campaign settings, with documented
// defaults. Stored as JSON under the keys "compute" and "teams" in the
// campaign settings; FromJson validates and names the bad field.
//
// H100-equivalent factors are integers in milli-H100 (1000 = one H100), so
// sums and the over-commit decision stay exact. Defaults, from the vendors'
// dense BF16 tensor throughput and memory bandwidth relative to H100 SXM
// (NVIDIA data sheets: A100 312 TFLOPS / 2.0 TB/s, H100 989 / 3.35, H200 989 /
// 4.8 with 141 GB, B200 ~2,250 / 8 TB/s), rounded the way labs quote them for
// training large models:
//   A100 = 400 (0.3 by FLOPS, ~0.5 on memory-bound work; 0.4 between)
//   H100 = 1000 (the unit), H800 = 1000 (same dies, cut interconnect)
//   H200 = 1400 (same FLOPS as H100; +43% bandwidth and +76% memory pay ~1.4x on LLM training/inference)
//   B200 = 2500, GB200 = 2500 per GPU (~2.3x FLOPS, 2.4x bandwidth)
//   MI300X = 1000 (AMD; on par with H100 in public MLPerf inference rounds)
// A CEO who thinks otherwise edits them; nothing else in the code assumes them.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "base/status.h"

namespace st::compute {

struct ComputeSettings {
  // Share of every pool's capacity kept for production, in permille
  // (100 = 10%): promises may use capacity * (1000 - headroom) / 1000.
  std::int32_t headroom_permille = 100;
  // GPU type -> milli-H100-equivalents per GPU (1..100000).
  std::map<std::string, std::int64_t> h100_eq_milli = {
      {"A100", 400}, {"H100", 1000}, {"H800", 1000}, {"H200", 1400},
      {"B200", 2500}, {"GB200", 2500}, {"MI300X", 1000}};

  // nullopt-like: 0 when the type is unknown.
  std::int64_t FactorMilli(const std::string& gpu_type) const;
  // Missing keys keep their defaults; a given "h100_eq_milli" object replaces
  // the whole table. Errors name the field ("compute.headroom_permille ...").
  static Result<ComputeSettings> FromJson(std::string_view json);
  std::string ToJson() const;
};

struct TeamSettings {
  // The seeds' "fewest people reporting to me": a manager with more direct
  // reports than this is over the cap; an offer that would push one over
  // needs the CEO.
  std::int32_t max_direct_reports = 8;

  static Result<TeamSettings> FromJson(std::string_view json);
  std::string ToJson() const;
};

// "2,400" for 2,400,000 milli; "2,400.5" when not whole (trailing zeros cut).
std::string FormatH100Eq(std::int64_t milli);
// "100,000" — thousands separators for GPU counts in messages.
std::string FormatCount(std::int64_t n);

}  // namespace st::compute
