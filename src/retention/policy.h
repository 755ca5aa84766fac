// The counter-offer policy (campaign settings key "retention") and the
// suggested counter it yields. Match the rival, or beat it by beat_bp for
// people whose strength is at or above strength_threshold; the levers say
// what the counter may use: money (a higher base, then a retention grant
// vesting over 4 years without a cliff for the rest of the gap), compute (the
// rival's GPUs, or more when beating; checked against the ledger at approval)
// and team (the rival's headcount, or more). Pure, thread-safe.
//
// Defaults: {"mode": "beat", "beat_bp": 1000, "strength_threshold": 0.8,
//            "levers": {"money": true, "compute": true, "team": true},
//            "expiry_days": 14}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/status.h"
#include "retention/comparison.h"

namespace st::retention {

enum class CounterMode { kMatch = 0, kBeat };

struct RetentionSettings {
  CounterMode mode = CounterMode::kBeat;
  std::int32_t beat_bp = 1000;        // +10% over the rival when beating
  double strength_threshold = 0.8;    // strength in [0, 1]: at or above → beat, below → match
  bool lever_money = true, lever_compute = true, lever_team = true;
  std::int32_t expiry_days = 14;      // the counter's expiry when the rival states no deadline
  friend bool operator==(const RetentionSettings&, const RetentionSettings&) = default;
};

inline constexpr std::string_view kRetentionSettingsKey = "retention";
// kInvalidInput naming the field ("retention.beat_bp: …"); missing keys keep their defaults.
Result<RetentionSettings> RetentionSettingsFromJson(const nlohmann::json& j);
nlohmann::json RetentionSettingsToJson(const RetentionSettings& s);

struct Suggestion {
  offers::OfferTerms terms;           // the counter, in the staff member's currency
  bool beat = false;                  // false: match
  std::int64_t target_four_year = 0;  // what the counter (with the held equity kept) is worth over 4 years at least
  std::vector<std::string> reasons;   // each step, in words, for the page
};

// `rival` already in the staff member's currency (ConvertTerms); `strength` in
// [0, 1] (negative = unknown: match); `deadline`: the rival's (0 = none).
Result<Suggestion> SuggestCounter(const CurrentPackage& current, const offers::OfferTerms& rival, double strength,
                                  const RetentionSettings& s, offers::Day today, offers::Day deadline);

}  // namespace st::retention
