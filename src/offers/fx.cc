#include "offers/fx.h"

#include <algorithm>
#include <string>

namespace st::offers {

Result<FxRate> ParseRate(std::string_view s, std::string_view field) {
  auto bad = [&](const char* why) {
    return Status::InvalidInput("field '" + std::string(field) + "': " + why + " (got \"" + std::string(s) + "\")");
  };
  std::int64_t num = 0, den = 1;
  bool dot = false, digit = false;
  for (char ch : s) {
    if (ch == '.' && !dot) {
      dot = true;
      continue;
    }
    if (ch < '0' || ch > '9') return bad("a rate is a decimal number like 1.085");
    digit = true;
    if (dot) {
      if (den == kMaxRateTerm) return bad("at most 9 decimals");
      den *= 10;
    }
    num = num * 10 + (ch - '0');
    if (num > kMaxRateTerm) return bad("rate too large");
  }
  if (!digit) return bad("a rate is a decimal number like 1.085");
  if (num == 0) return bad("a rate must be > 0");
  FxRate r;
  r.usd_num = num;
  r.usd_den = den;
  return r;
}

Result<FxTable> FxTable::Make(std::vector<FxRate> rates) {
  for (size_t i = 0; i < rates.size(); ++i) {
    const FxRate& r = rates[i];
    const std::string f = "fx[" + std::to_string(i) + "]";
    if (r.currency == Currency::kUsd) return Status::InvalidInput("field '" + f + ".currency': USD is the base");
    if (r.usd_num <= 0 || r.usd_den <= 0 || r.usd_num > kMaxRateTerm || r.usd_den > kMaxRateTerm)
      return Status::InvalidInput("field '" + f + ".rate': must be > 0 with terms up to 10^9");
  }
  std::stable_sort(rates.begin(), rates.end(), [](const FxRate& a, const FxRate& b) {
    return a.currency != b.currency ? a.currency < b.currency : a.from_day < b.from_day;
  });
  for (size_t i = 1; i < rates.size(); ++i)
    if (rates[i].currency == rates[i - 1].currency && rates[i].from_day == rates[i - 1].from_day)
      return Status::InvalidInput("field 'fx': two " + std::string(CurrencyCode(rates[i].currency)) +
                                  " rates for " + FormatDate(rates[i].from_day));
  FxTable t;
  t.rates_ = std::move(rates);
  return t;
}

Result<Money> FxTable::Convert(const Money& m, Currency to, Day day) const {
  if (m.currency == to) return m;
  auto rate_of = [&](Currency c) -> Result<FxRate> {
    if (c == Currency::kUsd) return FxRate{0, c, 1, 1};
    const FxRate* best = nullptr;
    for (const FxRate& r : rates_)
      if (r.currency == c && r.from_day <= day) best = &r;
    if (!best)
      return Status::InvalidInput("field 'fx': no " + std::string(CurrencyCode(c)) + " rate on or before " +
                                  FormatDate(day));
    return *best;
  };
  ST_ASSIGN_OR_RETURN(FxRate from, rate_of(m.currency));
  ST_ASSIGN_OR_RETURN(FxRate into, rate_of(to));
  // m * (from.num/from.den) / (into.num/into.den); each cross term ≤ 10^18.
  auto v = MulDiv(m.minor, from.usd_num * into.usd_den, from.usd_den * into.usd_num, Rounding::kHalfEven);
  if (!v) return Status::InvalidInput("field 'fx': converted amount too large (overflow)");
  return Money{*v, to};
}

}  // namespace st::offers
