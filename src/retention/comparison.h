// The side-by-side of a retention case, year by year over 4 years: what the
// staff member has with us (base, bonus, the unvested part of their equity as
// it vests — cliff and schedule included), the rival offer, and our counter
// (its terms plus the held equity they keep by staying), with the
// differences; compute and team beside the money. Every figure comes from
// offers::ComputeValueTable / offers::VestGrant, so the offer page, the letter
// and this table cannot disagree. Pure, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "offers/fx.h"
#include "offers/terms.h"
#include "retention/staff_csv.h"

namespace st::retention {

inline constexpr int kYears = 4;

// What a staff member has with us now.
struct CurrentPackage {
  offers::Currency currency = offers::Currency::kUsd;
  std::int64_t base_minor = 0;  // per year
  std::int32_t target_bonus_bp = 0;
  std::optional<HeldEquity> equity;
  std::int64_t gpus = 0;         // compute they use now (0 = none recorded)
  std::int64_t team_size = 0;    // their direct reports now
};

struct SideYear {
  int year = 0;                 // 1..4
  offers::Day from_day = 0;     // first day of the year
  offers::Day to_day = 0;       // last day (inclusive)
  std::int64_t base = 0, bonus = 0;
  std::int64_t held_equity = 0;  // the grant they hold now, vesting in the year (kept only by staying)
  std::int64_t new_equity = 0;   // a new grant (the rival's or our retention grant) + refreshers
  std::int64_t other = 0;        // sign-on / retention bonus, relocation
  std::int64_t total = 0;
};

struct Side {
  bool present = false;
  std::array<SideYear, kYears> years{};
  std::int64_t four_year = 0;
  std::int64_t gpus = 0;
  std::string gpu_type;
  std::int64_t team = 0;  // headcount they lead (current: direct reports)
};

struct Comparison {
  offers::Currency currency = offers::Currency::kUsd;  // every figure in the staff member's currency
  offers::Day from_day = 0;                            // year 1 starts here
  Side current, rival, counter;
  // Per year, then the 4-year total at index 4; zero where a side is absent.
  std::array<std::int64_t, kYears + 1> rival_minus_current{}, counter_minus_rival{}, counter_minus_current{};
};

// The held grant's vesting events falling in each of the 4 years after `from`
// (events on `from` or before have vested already).
std::array<std::int64_t, kYears> HeldVestingByYear(const HeldEquity& e, offers::Day from);
// What of the grant is still unvested at the end of `day`.
std::int64_t UnvestedAt(const HeldEquity& e, offers::Day day);
// The day the grant's last tranche vests (0 when the grant has no value); flight risk reads it.
offers::Day FullyVestedDay(const HeldEquity& e);

// `t` in `to` at the FX rates of `day` (money fields only); unchanged when already in `to`.
Result<offers::OfferTerms> ConvertTerms(const offers::OfferTerms& t, offers::Currency to, offers::Day day,
                                        const offers::FxTable& fx);

Result<Side> CurrentSide(const CurrentPackage& p, offers::Day from);
// An offer's years from its start date; `kept` is held equity that keeps vesting (our counter), or null (a rival).
Result<Side> OfferSide(const offers::OfferTerms& t, const HeldEquity* kept, offers::Day from);

// Rival and counter are converted into the staff member's currency at `fx`.
// `from`: the rival's start date if there is one, else the counter's, else `today`.
Result<Comparison> Compare(const CurrentPackage& current, const std::optional<offers::OfferTerms>& rival,
                           const std::optional<offers::OfferTerms>& counter, offers::Day today,
                           const offers::FxTable& fx);

}  // namespace st::retention
