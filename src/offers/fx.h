// A dated FX table for comparing offers in different currencies (bands are in
// one currency; an offer may be in another). A rate is an exact ratio — "1 EUR
// = 1085/1000 USD from 2026-01-01" — parsed from a decimal string, never a
// double; a conversion rounds half-to-even once, at the end. Pure.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "offers/date.h"
#include "offers/money.h"

namespace st::offers {

struct FxRate {
  Day from_day = 0;              // valid from this day until the next rate of the currency
  Currency currency = Currency::kEur;
  std::int64_t usd_num = 1;      // 1 unit of `currency` = usd_num / usd_den USD
  std::int64_t usd_den = 1;
};

// Rate numerators/denominators are capped so that a conversion's cross
// product fits in int64 and the final multiply in 128 bits.
inline constexpr std::int64_t kMaxRateTerm = 1'000'000'000;

// "1.085" → {1085, 1000}; up to 9 decimals, > 0. kInvalidInput naming `field`.
Result<FxRate> ParseRate(std::string_view decimal, std::string_view field);

class FxTable {
 public:
  // kInvalidInput naming "fx[i].…" for a non-positive or too-precise rate, USD
  // listed against itself, or two rates for one currency on one day.
  static Result<FxTable> Make(std::vector<FxRate> rates);

  // `m` in `to` at the rates in force on `day` (the latest rate dated on or
  // before it). kInvalidInput when a currency has no rate by then, or the
  // result overflows.
  Result<Money> Convert(const Money& m, Currency to, Day day) const;

  const std::vector<FxRate>& rates() const { return rates_; }  // by currency, then day

 private:
  std::vector<FxRate> rates_;
};

}  // namespace st::offers
