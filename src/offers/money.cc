#include "offers/money.h"

#include <array>
#include <cstdlib>

namespace st::offers {
namespace {

constexpr std::array<std::string_view, kCurrencyCount> kCodes = {"USD", "EUR", "GBP", "CHF"};
constexpr std::array<std::string_view, kCurrencyCount> kPrefix = {"$", "€", "£", "CHF "};

// |v| as unsigned, safe for INT64_MIN.
std::uint64_t Magnitude(std::int64_t v) {
  return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

std::string Group(std::uint64_t v) {
  std::string digits = std::to_string(v), out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Format(const Money& m, bool always_cents) {
  const std::uint64_t mag = Magnitude(m.minor);
  std::string s = m.minor < 0 ? "-" : "";
  s += kPrefix[static_cast<int>(m.currency)];
  s += Group(mag / 100);
  const std::uint64_t cents = mag % 100;
  if (always_cents || cents != 0) {
    s += '.';
    s += static_cast<char>('0' + cents / 10);
    s += static_cast<char>('0' + cents % 10);
  }
  return s;
}

}  // namespace

std::string_view CurrencyCode(Currency c) { return kCodes[static_cast<int>(c)]; }

std::optional<Currency> ParseCurrency(std::string_view code) {
  for (int i = 0; i < kCurrencyCount; ++i)
    if (kCodes[i] == code) return static_cast<Currency>(i);
  return std::nullopt;
}

std::optional<std::int64_t> CheckedAdd(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}

std::optional<std::int64_t> CheckedMul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

std::optional<std::int64_t> MulDiv(std::int64_t a, std::int64_t num, std::int64_t den, Rounding rounding) {
  if (den == 0) return std::nullopt;
  __int128 p = static_cast<__int128>(a) * num;  // |a*num| < 2^126: never overflows
  __int128 d = den;
  if (d < 0) {
    p = -p;
    d = -d;
  }
  __int128 q = p / d, r = p % d;  // truncates toward zero
  if (r != 0) {
    if (rounding == Rounding::kFloor) {
      if (r < 0) --q;
    } else {
      const __int128 twice = (r < 0 ? -r : r) * 2;
      const bool up = twice > d || (twice == d && (q % 2 != 0));
      if (up) q += (p < 0 ? -1 : 1);
    }
  }
  if (q > INT64_MAX || q < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(q);
}

Result<Money> Add(const Money& a, const Money& b, std::string_view field) {
  if (a.currency != b.currency)
    return Status::InvalidInput("field '" + std::string(field) + "': cannot add " +
                                std::string(CurrencyCode(a.currency)) + " and " +
                                std::string(CurrencyCode(b.currency)) + " without a conversion");
  auto sum = CheckedAdd(a.minor, b.minor);
  if (!sum) return Status::InvalidInput("field '" + std::string(field) + "': amount too large (overflow)");
  return Money{*sum, a.currency};
}

std::string FormatMoney(const Money& m) { return Format(m, false); }
std::string FormatMoneyCents(const Money& m) { return Format(m, true); }

std::string GroupThousands(std::int64_t v) { return (v < 0 ? "-" : "") + Group(Magnitude(v)); }

}  // namespace st::offers
