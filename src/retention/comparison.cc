#include "retention/comparison.h"

#include <algorithm>

namespace st::retention {
namespace {

using offers::Day;

Status Overflow(const std::string& field) {
  return Status::InvalidInput("field '" + field + "': the sum does not fit (overflow)");
}

Status AddTo(std::int64_t& acc, std::int64_t v, const std::string& field) {
  auto s = offers::CheckedAdd(acc, v);
  if (!s) return Overflow(field);
  acc = *s;
  return Status::Ok();
}

// Year k (1-based) of a side starting at `from`: the day after anniversary k-1 … anniversary k,
// the convention of offers::ValueTable.
Day YearEnd(Day from, int k) { return offers::AddMonths(from, 12 * k); }

Status Finish(Side& s) {
  s.four_year = 0;
  for (SideYear& y : s.years) {
    y.total = 0;
    for (std::int64_t v : {y.base, y.bonus, y.held_equity, y.new_equity, y.other})
      ST_RETURN_IF_ERROR(AddTo(y.total, v, "total"));
    ST_RETURN_IF_ERROR(AddTo(s.four_year, y.total, "four_year"));
  }
  return Status::Ok();
}

Status AddHeld(Side& s, const HeldEquity& e, Day from) {
  const auto by_year = HeldVestingByYear(e, from);
  for (int k = 0; k < kYears; ++k) s.years[k].held_equity = by_year[k];
  return Status::Ok();
}

}  // namespace

std::array<std::int64_t, kYears> HeldVestingByYear(const HeldEquity& e, Day from) {
  std::array<std::int64_t, kYears> out{};
  auto value = offers::GrantValue(e.grant);
  if (!value.ok()) return out;
  for (const offers::VestEvent& ev : offers::VestGrant(*value, e.grant.vesting, e.grant_day, 0, true)) {
    if (ev.day <= from) continue;
    for (int k = 0; k < kYears; ++k)
      if (ev.day <= YearEnd(from, k + 1)) {
        out[k] += ev.minor;  // events sum to the grant: no overflow
        break;
      }
  }
  return out;
}

std::int64_t UnvestedAt(const HeldEquity& e, Day day) {
  auto value = offers::GrantValue(e.grant);
  if (!value.ok()) return 0;
  std::int64_t left = 0;
  for (const offers::VestEvent& ev : offers::VestGrant(*value, e.grant.vesting, e.grant_day, 0, true))
    if (ev.day > day) left += ev.minor;
  return left;
}

Day FullyVestedDay(const HeldEquity& e) {
  auto value = offers::GrantValue(e.grant);
  if (!value.ok()) return 0;
  Day last = 0;
  for (const offers::VestEvent& ev : offers::VestGrant(*value, e.grant.vesting, e.grant_day, 0, true))
    last = std::max(last, ev.day);
  return last;
}

Result<offers::OfferTerms> ConvertTerms(const offers::OfferTerms& t, offers::Currency to, Day day,
                                        const offers::FxTable& fx) {
  if (t.currency == to) return t;
  offers::OfferTerms out = t;
  out.currency = to;
  auto conv = [&](std::int64_t& v, const char* field) -> Status {
    if (v == 0) return Status::Ok();
    auto m = fx.Convert({v, t.currency}, to, day);
    if (!m.ok())
      return Status::InvalidInput(std::string("field '") + field + "': " + std::string(offers::CurrencyCode(t.currency)) +
                                  " → " + std::string(offers::CurrencyCode(to)) + ": " + m.status().message() +
                                  " (add the rate to the offers settings' fx)");
    v = m->minor;
    return Status::Ok();
  };
  ST_RETURN_IF_ERROR(conv(out.base_salary_minor, "base_salary"));
  ST_RETURN_IF_ERROR(conv(out.sign_on_minor, "sign_on"));
  ST_RETURN_IF_ERROR(conv(out.relocation_minor, "relocation"));
  ST_RETURN_IF_ERROR(conv(out.equity.value_minor, "equity.value"));
  ST_RETURN_IF_ERROR(conv(out.equity.unit_price_minor, "equity.unit_price"));
  ST_RETURN_IF_ERROR(conv(out.equity.annual_refresher_minor, "equity.annual_refresher"));
  return out;
}

Result<Side> CurrentSide(const CurrentPackage& p, Day from) {
  Side s;
  s.present = true;
  auto bonus = offers::MulDiv(p.base_minor, p.target_bonus_bp, 10000, offers::Rounding::kHalfEven);
  if (!bonus) return Overflow("target_bonus");
  for (int k = 0; k < kYears; ++k) {
    SideYear& y = s.years[k];
    y.year = k + 1;
    y.from_day = k == 0 ? from : YearEnd(from, k) + 1;
    y.to_day = YearEnd(from, k + 1);
    y.base = p.base_minor;
    y.bonus = *bonus;
  }
  if (p.equity) ST_RETURN_IF_ERROR(AddHeld(s, *p.equity, from));
  s.gpus = p.gpus;
  s.team = p.team_size;
  ST_RETURN_IF_ERROR(Finish(s));
  return s;
}

Result<Side> OfferSide(const offers::OfferTerms& t, const HeldEquity* kept, Day from) {
  ST_ASSIGN_OR_RETURN(offers::ValueTable vt, offers::ComputeValueTable(t));
  Side s;
  s.present = true;
  for (int k = 0; k < kYears; ++k) {
    const offers::YearRow& r = vt.rows[k];
    SideYear& y = s.years[k];
    y.year = k + 1;
    y.from_day = r.from_day;
    y.to_day = r.to_day;
    y.base = r.base;
    y.bonus = r.bonus;
    ST_RETURN_IF_ERROR(AddTo(y.new_equity, r.equity, "equity"));
    ST_RETURN_IF_ERROR(AddTo(y.new_equity, r.refreshers, "equity.annual_refresher"));
    ST_RETURN_IF_ERROR(AddTo(y.other, r.sign_on, "sign_on"));
    ST_RETURN_IF_ERROR(AddTo(y.other, r.relocation, "relocation"));
  }
  if (kept) ST_RETURN_IF_ERROR(AddHeld(s, *kept, from));
  if (t.compute) {
    s.gpus = t.compute->gpus;
    s.gpu_type = t.compute->gpu_type;
  }
  if (t.team) s.team = t.team->headcount;
  ST_RETURN_IF_ERROR(Finish(s));
  return s;
}

Result<Comparison> Compare(const CurrentPackage& current, const std::optional<offers::OfferTerms>& rival,
                           const std::optional<offers::OfferTerms>& counter, Day today, const offers::FxTable& fx) {
  Comparison c;
  c.currency = current.currency;
  c.from_day = rival && rival->start_day > 0 ? rival->start_day
               : counter && counter->start_day > 0 ? counter->start_day
                                                    : today;
  ST_ASSIGN_OR_RETURN(c.current, CurrentSide(current, c.from_day));
  if (rival) {
    ST_ASSIGN_OR_RETURN(offers::OfferTerms r, ConvertTerms(*rival, current.currency, c.from_day, fx));
    ST_ASSIGN_OR_RETURN(c.rival, OfferSide(r, nullptr, c.from_day));
  }
  if (counter) {
    ST_ASSIGN_OR_RETURN(offers::OfferTerms t, ConvertTerms(*counter, current.currency, c.from_day, fx));
    ST_ASSIGN_OR_RETURN(c.counter, OfferSide(t, current.equity ? &*current.equity : nullptr, c.from_day));
  }
  auto diff = [](const Side& a, const Side& b, std::array<std::int64_t, kYears + 1>& out) -> Status {
    if (!a.present || !b.present) return Status::Ok();
    for (int k = 0; k <= kYears; ++k) {
      const std::int64_t x = k < kYears ? a.years[k].total : a.four_year;
      const std::int64_t y = k < kYears ? b.years[k].total : b.four_year;
      if ((y < 0 && x > INT64_MAX + y) || (y > 0 && x < INT64_MIN + y)) return Overflow("difference");
      out[k] = x - y;
    }
    return Status::Ok();
  };
  ST_RETURN_IF_ERROR(diff(c.rival, c.current, c.rival_minus_current));
  ST_RETURN_IF_ERROR(diff(c.counter, c.rival, c.counter_minus_rival));
  ST_RETURN_IF_ERROR(diff(c.counter, c.current, c.counter_minus_current));
  return c;
}

}  // namespace st::retention
