#include "offers/terms_json.h"

#include <algorithm>
#include <array>
#include <limits>
#include <span>

namespace st::offers {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kMoneyKeys = {
    "currency", "base_salary", "sign_on", "sign_on_clawback_months", "equity", "target_bonus_bp", "relocation"};
constexpr std::array<std::string_view, 15> kTermKeys = {
    "currency", "base_salary", "sign_on", "sign_on_clawback_months", "equity", "target_bonus_bp", "relocation",
    "start_date", "expiry_date", "title", "location", "level", "track", "team", "compute"};

Status Bad(const std::string& field, const std::string& why) {
  return Status::InvalidInput("field '" + field + "': " + why);
}

Status CheckKeys(const json& o, std::span<const std::string_view> keys, const std::string& prefix) {
  for (const auto& [k, v] : o.items())
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) return Bad(prefix + k, "unknown field");
  return Status::Ok();
}

template <typename T>
Status Int(const json& o, const char* key, const std::string& field, T& out) {
  if (!o.contains(key)) return Status::Ok();
  const json& v = o[key];
  if (!v.is_number_integer()) return Bad(field, "an integer (money in minor units: cents)");
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
    return Bad(field, "too large");
  const std::int64_t x = v.get<std::int64_t>();
  if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max()) return Bad(field, "out of range");
  out = static_cast<T>(x);
  return Status::Ok();
}

Status Str(const json& o, const char* key, const std::string& field, std::string& out) {
  if (!o.contains(key)) return Status::Ok();
  if (!o[key].is_string()) return Bad(field, "a string");
  out = o[key].get<std::string>();
  return Status::Ok();
}

Status Date(const json& o, const char* key, Day& out, const std::string& prefix = "") {
  if (!o.contains(key) || (o[key].is_null() && !prefix.empty())) return Status::Ok();
  if (!o[key].is_string()) return Bad(prefix + key, "a date YYYY-MM-DD");
  auto d = ParseDate(o[key].get<std::string>());
  if (!d) return Bad(prefix + key, "a date YYYY-MM-DD (got \"" + o[key].get<std::string>() + "\")");
  out = *d;
  return Status::Ok();
}

}  // namespace

bool IsMoneyKey(std::string_view key) {
  return std::find(kMoneyKeys.begin(), kMoneyKeys.end(), key) != kMoneyKeys.end();
}

json TermsToJson(const OfferTerms& t) {
  const Vesting& v = t.equity.vesting;
  json vesting = {{"cliff_months", v.cliff_months},
                  {"frequency", VestFrequencyName(v.frequency)},
                  {"total_years", v.total_years}};
  if (!v.custom_split_bp.empty()) vesting["custom_split_bp"] = v.custom_split_bp;
  json j = {{"currency", CurrencyCode(t.currency)},
            {"base_salary", t.base_salary_minor},
            {"sign_on", t.sign_on_minor},
            {"sign_on_clawback_months", t.sign_on_clawback_months},
            {"equity",
             {{"value", t.equity.value_minor},
              {"units", t.equity.units},
              {"unit_price", t.equity.unit_price_minor},
              {"annual_refresher", t.equity.annual_refresher_minor},
              {"vesting", vesting}}},
            {"target_bonus_bp", t.target_bonus_bp},
            {"relocation", t.relocation_minor},
            {"start_date", t.start_day > 0 ? FormatDate(t.start_day) : ""},
            {"expiry_date", t.expiry_day > 0 ? FormatDate(t.expiry_day) : ""},
            {"title", t.title},
            {"location", t.location},
            {"level", t.level},
            {"track", t.track}};
  if (t.compute)
    j["compute"] = {{"gpus", t.compute->gpus},
                    {"gpu_type", t.compute->gpu_type},
                    {"site", t.compute->site},
                    {"start_date", FormatDate(t.compute->start_day)},
                    {"end_date", t.compute->end_day == 0 ? json(nullptr) : json(FormatDate(t.compute->end_day))}};
  if (t.team)
    j["team"] = {{"headcount", t.team->headcount},
                 {"reports_to", t.team->reports_to_staff_id},
                 {"direct_reports_cap", t.team->direct_reports_cap}};
  return j;
}

Result<OfferTerms> TermsFromJson(const json& j) {
  if (!j.is_object()) return Bad("terms", "an object");
  ST_RETURN_IF_ERROR(CheckKeys(j, kTermKeys, ""));
  OfferTerms t;
  if (j.contains("currency")) {
    auto c = j["currency"].is_string() ? ParseCurrency(j["currency"].get<std::string>()) : std::nullopt;
    if (!c) return Bad("currency", "one of USD, EUR, GBP, CHF");
    t.currency = *c;
  }
  ST_RETURN_IF_ERROR(Int(j, "base_salary", "base_salary", t.base_salary_minor));
  ST_RETURN_IF_ERROR(Int(j, "sign_on", "sign_on", t.sign_on_minor));
  ST_RETURN_IF_ERROR(Int(j, "sign_on_clawback_months", "sign_on_clawback_months", t.sign_on_clawback_months));
  ST_RETURN_IF_ERROR(Int(j, "target_bonus_bp", "target_bonus", t.target_bonus_bp));
  ST_RETURN_IF_ERROR(Int(j, "relocation", "relocation", t.relocation_minor));
  ST_RETURN_IF_ERROR(Date(j, "start_date", t.start_day));
  ST_RETURN_IF_ERROR(Date(j, "expiry_date", t.expiry_day));
  ST_RETURN_IF_ERROR(Str(j, "title", "title", t.title));
  ST_RETURN_IF_ERROR(Str(j, "location", "location", t.location));
  ST_RETURN_IF_ERROR(Str(j, "level", "level", t.level));
  ST_RETURN_IF_ERROR(Str(j, "track", "track", t.track));
  if (j.contains("equity")) {
    const json& e = j["equity"];
    if (!e.is_object()) return Bad("equity", "an object");
    static constexpr std::array<std::string_view, 5> kEq = {"value", "units", "unit_price", "annual_refresher",
                                                            "vesting"};
    ST_RETURN_IF_ERROR(CheckKeys(e, kEq, "equity."));
    ST_RETURN_IF_ERROR(Int(e, "value", "equity.value", t.equity.value_minor));
    ST_RETURN_IF_ERROR(Int(e, "units", "equity.units", t.equity.units));
    ST_RETURN_IF_ERROR(Int(e, "unit_price", "equity.unit_price", t.equity.unit_price_minor));
    ST_RETURN_IF_ERROR(Int(e, "annual_refresher", "equity.annual_refresher", t.equity.annual_refresher_minor));
    if (e.contains("vesting")) {
      const json& v = e["vesting"];
      if (!v.is_object()) return Bad("equity.vesting", "an object");
      static constexpr std::array<std::string_view, 4> kV = {"cliff_months", "frequency", "total_years",
                                                             "custom_split_bp"};
      ST_RETURN_IF_ERROR(CheckKeys(v, kV, "equity.vesting."));
      Vesting& out = t.equity.vesting;
      ST_RETURN_IF_ERROR(Int(v, "cliff_months", "equity.vesting.cliff_months", out.cliff_months));
      ST_RETURN_IF_ERROR(Int(v, "total_years", "equity.vesting.total_years", out.total_years));
      if (v.contains("frequency")) {
        auto f = v["frequency"].is_string() ? ParseVestFrequency(v["frequency"].get<std::string>()) : std::nullopt;
        if (!f) return Bad("equity.vesting.frequency", "one of monthly, quarterly, annual");
        out.frequency = *f;
      }
      if (v.contains("custom_split_bp")) {
        const json& s = v["custom_split_bp"];
        if (!s.is_array() || s.size() > 10)
          return Bad("equity.vesting.custom_split", "a list of yearly shares in basis points ([500,1500,4000,4000])");
        for (const json& x : s) {
          if (!x.is_number_integer()) return Bad("equity.vesting.custom_split", "integers (basis points)");
          const std::int64_t bp = x.get<std::int64_t>();
          if (bp < 0 || bp > 10000) return Bad("equity.vesting.custom_split", "each share must be 0..100%");
          out.custom_split_bp.push_back(static_cast<int>(bp));
        }
      }
    }
  }
  if (j.contains("team") && !j["team"].is_null()) {
    const json& m = j["team"];
    if (!m.is_object()) return Bad("team", "an object");
    static constexpr std::array<std::string_view, 3> kT = {"headcount", "reports_to", "direct_reports_cap"};
    ST_RETURN_IF_ERROR(CheckKeys(m, kT, "team."));
    TeamPromise tp;
    ST_RETURN_IF_ERROR(Int(m, "headcount", "team.headcount", tp.headcount));
    ST_RETURN_IF_ERROR(Int(m, "reports_to", "team.reports_to", tp.reports_to_staff_id));
    ST_RETURN_IF_ERROR(Int(m, "direct_reports_cap", "team.direct_reports_cap", tp.direct_reports_cap));
    t.team = tp;
  }
  if (j.contains("compute") && !j["compute"].is_null()) {
    const json& m = j["compute"];
    if (!m.is_object()) return Bad("compute", "an object");
    static constexpr std::array<std::string_view, 5> kC = {"gpus", "gpu_type", "site", "start_date", "end_date"};
    ST_RETURN_IF_ERROR(CheckKeys(m, kC, "compute."));
    compute::ComputePromise p;
    ST_RETURN_IF_ERROR(Int(m, "gpus", "compute.gpus", p.gpus));
    ST_RETURN_IF_ERROR(Str(m, "gpu_type", "compute.gpu_type", p.gpu_type));
    ST_RETURN_IF_ERROR(Str(m, "site", "compute.site", p.site));
    Day start = 0, end = 0;
    ST_RETURN_IF_ERROR(Date(m, "start_date", start, "compute."));
    ST_RETURN_IF_ERROR(Date(m, "end_date", end, "compute."));
    p.start_day = start > 0 ? start : t.start_day;  // absent: from the start date
    p.end_day = end;  // exclusive; absent or null = as long as employed
    t.compute = p;
  }
  return t;
}

void StripMoney(json& terms) {
  for (std::string_view k : kMoneyKeys) terms.erase(std::string(k));
}

json ValueTableToJson(const ValueTable& vt) {
  json rows = json::array();
  for (const YearRow& r : vt.rows)
    rows.push_back({{"year", r.year},
                    {"from", FormatDate(r.from_day)},
                    {"to", FormatDate(r.to_day)},
                    {"base", r.base},
                    {"bonus", r.bonus},
                    {"sign_on", r.sign_on},
                    {"relocation", r.relocation},
                    {"equity", r.equity},
                    {"refreshers", r.refreshers},
                    {"cash", r.cash},
                    {"total", r.total}});
  return {{"currency", CurrencyCode(vt.currency)},
          {"grant_value", vt.grant_value},
          {"years", rows},
          {"first_year", vt.first_year},
          {"four_year", vt.four_year},
          {"vesting_events", static_cast<std::int64_t>(vt.events.size())}};
}

json ChainToJson(const std::vector<ApprovalStep>& chain) {
  json out = json::array();
  for (const auto& s : chain) out.push_back({{"role", campaign::RoleName(s.role)}, {"required", s.required}});
  return out;
}

std::vector<ApprovalStep> ChainFromJson(const std::string& text) {
  std::vector<ApprovalStep> out;
  for (const json& s : json::parse(text))
    out.push_back({campaign::ParseRole(s["role"].get<std::string>()).value_or(campaign::Role::kCeo),
                   s["required"].get<int>()});
  return out;
}

}  // namespace st::offers
