#include "offers/terms.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace st::offers {
namespace {

constexpr std::array<std::string_view, 3> kFrequencies = {"monthly", "quarterly", "annual"};

Status Bad(std::string_view field, const std::string& why) {
  return Status::InvalidInput("field '" + std::string(field) + "': " + why);
}

int PeriodMonths(VestFrequency f) { return f == VestFrequency::kMonthly ? 1 : f == VestFrequency::kQuarterly ? 3 : 12; }

// Offer year (1-based) of an event `month` months after the start: the
// anniversary itself closes the year (a 12-month cliff vests in year 1).
int YearOfMonth(int month) { return month <= 0 ? 1 : (month + 11) / 12; }

// Sums into *acc; names `field` on overflow.
Status AddTo(std::int64_t& acc, std::int64_t v, std::string_view field) {
  auto s = CheckedAdd(acc, v);
  if (!s) return Bad(field, "amount too large (the sum overflows)");
  acc = *s;
  return Status::Ok();
}

}  // namespace

std::string_view VestFrequencyName(VestFrequency f) { return kFrequencies[static_cast<int>(f)]; }

std::optional<VestFrequency> ParseVestFrequency(std::string_view name) {
  for (size_t i = 0; i < kFrequencies.size(); ++i)
    if (kFrequencies[i] == name) return static_cast<VestFrequency>(i);
  return std::nullopt;
}

Result<std::int64_t> GrantValue(const EquityGrant& g) {
  if (g.units == 0 && g.unit_price_minor == 0) return g.value_minor;
  auto v = CheckedMul(g.units, g.unit_price_minor);
  if (!v) return Bad("equity.units", "units × unit_price is too large (overflow)");
  return *v;
}

Status ValidateTerms(const OfferTerms& t) {
  struct Amount {
    const char* field;
    std::int64_t v;
  };
  for (const Amount& a : {Amount{"base_salary", t.base_salary_minor}, Amount{"sign_on", t.sign_on_minor},
                          Amount{"equity.value", t.equity.value_minor}, Amount{"equity.units", t.equity.units},
                          Amount{"equity.unit_price", t.equity.unit_price_minor},
                          Amount{"equity.annual_refresher", t.equity.annual_refresher_minor},
                          Amount{"relocation", t.relocation_minor}})
    if (a.v < 0) return Bad(a.field, "must be ≥ 0");
  if (t.sign_on_clawback_months < 0 || t.sign_on_clawback_months > 120)
    return Bad("sign_on_clawback_months", "must be 0..120");
  if (t.sign_on_clawback_months > 0 && t.sign_on_minor == 0)
    return Bad("sign_on_clawback_months", "a clawback needs a sign-on bonus");
  const EquityGrant& e = t.equity;
  if (e.value_minor > 0 && (e.units > 0 || e.unit_price_minor > 0))
    return Bad("equity.value", "give a value or units at a price, not both");
  if ((e.units > 0) != (e.unit_price_minor > 0))
    return Bad(e.units > 0 ? "equity.unit_price" : "equity.units", "units and unit_price go together");
  ST_RETURN_IF_ERROR(GrantValue(e).status());
  const Vesting& v = e.vesting;
  if (v.total_years < 1 || v.total_years > 10) return Bad("equity.vesting.total_years", "must be 1..10");
  if (v.cliff_months < 0 || v.cliff_months > v.total_years * 12)
    return Bad("equity.vesting.cliff_months", "must be 0..total_years × 12");
  if (!v.custom_split_bp.empty()) {
    if (static_cast<int>(v.custom_split_bp.size()) != v.total_years)
      return Bad("equity.vesting.custom_split",
                 "needs one share per year (" + std::to_string(v.total_years) + "), got " +
                     std::to_string(v.custom_split_bp.size()));
    int sum = 0;
    for (int bp : v.custom_split_bp) {
      if (bp < 0 || bp > 10000) return Bad("equity.vesting.custom_split", "each share must be 0..100%");
      sum += bp;
    }
    if (sum != 10000)
      return Bad("equity.vesting.custom_split",
                 "shares must sum to 100% (they sum to " + std::to_string(sum / 100) + "." +
                     (sum % 100 < 10 ? "0" : "") + std::to_string(sum % 100) + "%)");
    if (v.cliff_months != 0 && v.cliff_months != 12)
      return Bad("equity.vesting.cliff_months", "with a custom split the cliff is 0 or 12 (the split vests yearly)");
  }
  if (t.target_bonus_bp < 0 || t.target_bonus_bp > 100000) return Bad("target_bonus", "must be 0..1000%");
  if (t.start_day <= 0) return Bad("start_date", "required");
  if (t.expiry_day <= 0) return Bad("expiry_date", "required");
  if (t.expiry_day > t.start_day) return Bad("expiry_date", "must be on or before the start date");
  if (t.title.empty() || t.title.size() > 200) return Bad("title", "required, at most 200 bytes");
  if (t.location.size() > 200) return Bad("location", "at most 200 bytes");
  if (t.level.size() > 40) return Bad("level", "at most 40 bytes");
  if (t.track.size() > 40) return Bad("track", "at most 40 bytes");
  if (t.compute) {
    Status s = compute::ValidatePromise(*t.compute);
    if (!s.ok()) return Status::InvalidInput("field '" + s.message().substr(0, s.message().find(' ')) + "': " +
                                             s.message().substr(s.message().find(' ') + 1));
  }
  if (t.team) {
    if (t.team->headcount < 0 || t.team->headcount > 100000) return Bad("team.headcount", "must be 0..100000");
    if (t.team->reports_to_staff_id < 0) return Bad("team.reports_to", "must be a staff id or 0 (the CEO)");
    if (t.team->direct_reports_cap < 0 || t.team->direct_reports_cap > 1000)
      return Bad("team.direct_reports_cap", "must be 0..1000");
  }
  return Status::Ok();
}

std::vector<VestEvent> VestGrant(std::int64_t grant, const Vesting& v, Day start, int grant_month, bool with_cliff) {
  std::vector<VestEvent> out;
  if (grant <= 0) return out;
  const int total = v.total_years * 12;
  // (month after the grant, cumulative share as numerator / denominator)
  std::vector<std::pair<int, std::int64_t>> steps;
  std::int64_t den = total;
  if (!v.custom_split_bp.empty()) {
    den = 10000;
    std::int64_t cum = 0;
    for (int y = 0; y < v.total_years; ++y) steps.push_back({(y + 1) * 12, cum += v.custom_split_bp[y]});
  } else {
    const int period = PeriodMonths(v.frequency);
    const int cliff = with_cliff ? v.cliff_months : 0;
    int m = cliff > 0 ? cliff : period;
    for (; m < total; m += period) steps.push_back({m, m});
    steps.push_back({total, total});
  }
  std::int64_t vested = 0;
  for (const auto& [month, num] : steps) {
    // floor(grant × num / den) never exceeds the grant: no overflow.
    const std::int64_t cum = *MulDiv(grant, num, den, Rounding::kFloor);
    if (cum == vested) continue;
    const int at = grant_month + month;
    out.push_back({AddMonths(start, at), at, YearOfMonth(at), cum - vested, grant_month > 0});
    vested = cum;
  }
  return out;
}

Result<ValueTable> ComputeValueTable(const OfferTerms& t) {
  ST_RETURN_IF_ERROR(ValidateTerms(t));
  ValueTable vt;
  vt.currency = t.currency;
  ST_ASSIGN_OR_RETURN(vt.grant_value, GrantValue(t.equity));
  const int years = std::max(4, t.equity.vesting.total_years);
  vt.rows.resize(years);
  for (int y = 0; y < years; ++y) {
    YearRow& r = vt.rows[y];
    r.year = y + 1;
    r.from_day = y == 0 ? t.start_day : AddMonths(t.start_day, 12 * y) + 1;
    r.to_day = AddMonths(t.start_day, 12 * (y + 1));
    r.base = t.base_salary_minor;
    auto bonus = MulDiv(t.base_salary_minor, t.target_bonus_bp, 10000, Rounding::kHalfEven);
    if (!bonus) return Bad("target_bonus", "bonus too large (overflow)");
    r.bonus = *bonus;
    if (y == 0) {
      r.sign_on = t.sign_on_minor;
      r.relocation = t.relocation_minor;
    }
  }
  vt.events = VestGrant(vt.grant_value, t.equity.vesting, t.start_day, 0, true);
  // Refreshers granted at anniversaries 1..years-1 vest within the table only in part.
  for (int k = 1; k < years; ++k)
    for (const VestEvent& e : VestGrant(t.equity.annual_refresher_minor, t.equity.vesting, t.start_day, 12 * k, false))
      if (e.year <= years) vt.events.push_back(e);
  std::stable_sort(vt.events.begin(), vt.events.end(),
                   [](const VestEvent& a, const VestEvent& b) { return a.month < b.month; });
  for (const VestEvent& e : vt.events) {
    if (e.year > years) continue;
    YearRow& r = vt.rows[e.year - 1];
    ST_RETURN_IF_ERROR(AddTo(e.refresher ? r.refreshers : r.equity, e.minor, "equity"));
  }
  std::int64_t four = 0;
  for (YearRow& r : vt.rows) {
    ST_RETURN_IF_ERROR(AddTo(r.cash, r.base, "base_salary"));
    ST_RETURN_IF_ERROR(AddTo(r.cash, r.bonus, "target_bonus"));
    ST_RETURN_IF_ERROR(AddTo(r.cash, r.sign_on, "sign_on"));
    ST_RETURN_IF_ERROR(AddTo(r.cash, r.relocation, "relocation"));
    r.total = r.cash;
    ST_RETURN_IF_ERROR(AddTo(r.total, r.equity, "equity"));
    ST_RETURN_IF_ERROR(AddTo(r.total, r.refreshers, "equity.annual_refresher"));
    if (r.year <= 4) ST_RETURN_IF_ERROR(AddTo(four, r.total, "total"));
  }
  vt.first_year = vt.rows[0].total;
  vt.four_year = four;
  return vt;
}

bool SamePromise(const std::optional<compute::ComputePromise>& a, const std::optional<compute::ComputePromise>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->gpus == b->gpus && a->gpu_type == b->gpu_type && a->site == b->site && a->start_day == b->start_day &&
         a->end_day == b->end_day;
}

bool IsMaterialChange(const OfferTerms& a, const OfferTerms& b) {
  auto money = [](const OfferTerms& t) {
    return std::tie(t.currency, t.base_salary_minor, t.sign_on_minor, t.sign_on_clawback_months, t.equity,
                    t.target_bonus_bp, t.relocation_minor, t.start_day, t.level, t.track, t.team);
  };
  return money(a) != money(b) || !SamePromise(a.compute, b.compute);
}

}  // namespace st::offers
