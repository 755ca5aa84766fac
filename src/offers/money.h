// Money as integer minor units (cents, rappen, pence) with a currency, and the
// overflow-checked arithmetic every offer figure goes through. No floating
// point anywhere: a $10B package summed over four years must come out exact,
// and a sum that would not fit in int64 is an error, never a wrapped number.
// Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace st::offers {

enum class Currency { kUsd = 0, kEur, kGbp, kChf };
inline constexpr int kCurrencyCount = 4;

std::string_view CurrencyCode(Currency c);                  // "USD", "EUR", "GBP", "CHF"
std::optional<Currency> ParseCurrency(std::string_view code);  // exact upper-case code

struct Money {
  std::int64_t minor = 0;  // cents; all four currencies have 2 decimals
  Currency currency = Currency::kUsd;
  friend bool operator==(const Money&, const Money&) = default;
};

// Checked int64 steps: nullopt when the exact result does not fit.
std::optional<std::int64_t> CheckedAdd(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> CheckedMul(std::int64_t a, std::int64_t b);

// How a division that does not come out even is rounded.
enum class Rounding {
  kHalfEven,  // banker's rounding: FX conversions (no drift over many conversions)
  kFloor,     // toward minus infinity: vesting tranches (the last tranche takes the remainder)
};

// a * num / den computed in 128 bits, rounded as asked; nullopt if den == 0
// or the result does not fit in int64.
std::optional<std::int64_t> MulDiv(std::int64_t a, std::int64_t num, std::int64_t den, Rounding rounding);

// a + b in one currency; kInvalidInput naming `field` on a currency mismatch or overflow.
Result<Money> Add(const Money& a, const Money& b, std::string_view field);

// "$100,000,000", "$1,234.56", "€12.30", "£0.05", "CHF 1,000,000", "-$5.00":
// cents shown only when not zero (a letter reads "$100,000,000", not ".00").
std::string FormatMoney(const Money& m);
// Always with cents, for tables where columns line up: "$1,000.00".
std::string FormatMoneyCents(const Money& m);
// "1,234,567" — digits grouped by thousands.
std::string GroupThousands(std::int64_t v);

}  // namespace st::offers
