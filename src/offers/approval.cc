#include "offers/approval.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

namespace st::offers {
namespace {

using campaign::Role;
using nlohmann::json;

constexpr std::array<std::string_view, kOfferStateCount> kStateNames = {
    "draft", "pending_approval", "approved", "sent", "accepted", "declined", "expired", "withdrawn"};

Status Bad(const std::string& field, const std::string& why) {
  return Status::InvalidInput("field '" + field + "': " + why);
}

Result<std::int64_t> Minor(const json& o, const std::string& key, const std::string& field) {
  if (!o.contains(key)) return std::int64_t{0};
  const json& v = o[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
    return Bad(field + "." + key, "an amount in minor units (cents), an integer ≥ 0");
  return v.get<std::int64_t>();
}

Result<std::vector<ApprovalStep>> ParseChain(const json& j, const std::string& field) {
  if (!j.is_array() || j.empty()) return Bad(field, "a non-empty list of {role, required}");
  std::vector<ApprovalStep> out;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    const json& s = j[i];
    if (!s.is_object() || !s.contains("role") || !s["role"].is_string()) return Bad(f + ".role", "required");
    auto role = campaign::ParseRole(s["role"].get<std::string>());
    if (!role || *role == Role::kViewer) return Bad(f + ".role", "one of ceo, hr, recruiter");
    ApprovalStep step{*role, 1};
    if (s.contains("required")) {
      if (!s["required"].is_number_integer() || s["required"].get<int>() < 1 || s["required"].get<int>() > 20)
        return Bad(f + ".required", "an integer 1..20");
      step.required = s["required"].get<int>();
    }
    out.push_back(step);
  }
  return out;
}

}  // namespace

std::string_view OfferStateName(OfferState s) { return kStateNames[static_cast<int>(s)]; }

std::optional<OfferState> ParseOfferState(std::string_view name) {
  for (int i = 0; i < kOfferStateCount; ++i)
    if (kStateNames[i] == name) return static_cast<OfferState>(i);
  return std::nullopt;
}

bool IsOfferOpen(OfferState s) {
  return s == OfferState::kDraft || s == OfferState::kPendingApproval || s == OfferState::kApproved ||
         s == OfferState::kSent;
}

bool IsOfferMoveAllowed(OfferState from, OfferState to) {
  using S = OfferState;
  if (to == S::kWithdrawn) return IsOfferOpen(from);
  switch (from) {
    case S::kDraft: return to == S::kPendingApproval;
    case S::kPendingApproval: return to == S::kApproved || to == S::kDraft;
    case S::kApproved: return to == S::kSent;
    case S::kSent: return to == S::kAccepted || to == S::kDeclined || to == S::kExpired;
    default: return false;
  }
}

Result<OfferSettings> OfferSettingsFromJson(const json& j) {
  OfferSettings s;
  if (j.is_null()) return s;
  if (!j.is_object()) return Bad("offers", "an object");
  static constexpr std::array<std::string_view, 7> kKeys = {
      "bands", "in_band_chain", "out_of_band_chain", "fx", "no_interview_min_score", "link_requests_per_minute",
      "letter_template"};
  for (const auto& [k, v] : j.items())
    if (std::find(kKeys.begin(), kKeys.end(), k) == kKeys.end()) return Bad("offers." + k, "unknown setting");
  if (j.contains("bands")) {
    if (!j["bands"].is_array()) return Bad("offers.bands", "a list");
    for (size_t i = 0; i < j["bands"].size(); ++i) {
      const json& b = j["bands"][i];
      const std::string f = "offers.bands[" + std::to_string(i) + "]";
      if (!b.is_object()) return Bad(f, "an object");
      Band band;
      if (!b.contains("level") || !b["level"].is_string() || b["level"].get<std::string>().empty())
        return Bad(f + ".level", "required");
      band.level = b["level"].get<std::string>();
      band.track = b.value("track", std::string());
      auto cur = ParseCurrency(b.value("currency", std::string("USD")));
      if (!cur) return Bad(f + ".currency", "one of USD, EUR, GBP, CHF");
      band.currency = *cur;
      ST_ASSIGN_OR_RETURN(band.base_min_minor, Minor(b, "base_min", f));
      ST_ASSIGN_OR_RETURN(band.base_max_minor, Minor(b, "base_max", f));
      ST_ASSIGN_OR_RETURN(band.equity_min_minor, Minor(b, "equity_min", f));
      ST_ASSIGN_OR_RETURN(band.equity_max_minor, Minor(b, "equity_max", f));
      ST_ASSIGN_OR_RETURN(band.sign_on_max_minor, Minor(b, "sign_on_max", f));
      if (band.base_max_minor < band.base_min_minor) return Bad(f + ".base_max", "below base_min");
      if (band.equity_max_minor < band.equity_min_minor) return Bad(f + ".equity_max", "below equity_min");
      for (const Band& o : s.bands)
        if (o.level == band.level && o.track == band.track)
          return Bad(f, "a second band for " + band.level + "/" + band.track);
      s.bands.push_back(std::move(band));
    }
  }
  if (j.contains("in_band_chain")) {
    ST_ASSIGN_OR_RETURN(s.in_band_chain, ParseChain(j["in_band_chain"], "offers.in_band_chain"));
  }
  if (j.contains("out_of_band_chain")) {
    ST_ASSIGN_OR_RETURN(s.out_of_band_chain, ParseChain(j["out_of_band_chain"], "offers.out_of_band_chain"));
  }
  if (j.contains("fx")) {
    if (!j["fx"].is_array()) return Bad("offers.fx", "a list of {date, currency, usd}");
    std::vector<FxRate> rates;
    for (size_t i = 0; i < j["fx"].size(); ++i) {
      const json& r = j["fx"][i];
      const std::string f = "offers.fx[" + std::to_string(i) + "]";
      if (!r.is_object() || !r.contains("usd") || !r["usd"].is_string())
        return Bad(f + ".usd", "the USD value of one unit as a decimal string (\"1.085\")");
      ST_ASSIGN_OR_RETURN(FxRate rate, ParseRate(r["usd"].get<std::string>(), f + ".usd"));
      auto cur = ParseCurrency(r.value("currency", std::string()));
      if (!cur || *cur == Currency::kUsd) return Bad(f + ".currency", "one of EUR, GBP, CHF");
      auto day = ParseDate(r.value("date", std::string()));
      if (!day) return Bad(f + ".date", "a date YYYY-MM-DD");
      rate.currency = *cur;
      rate.from_day = *day;
      rates.push_back(rate);
    }
    ST_ASSIGN_OR_RETURN(s.fx, FxTable::Make(std::move(rates)));
  }
  if (j.contains("no_interview_min_score")) {
    if (!j["no_interview_min_score"].is_number() || j["no_interview_min_score"].get<double>() < 0)
      return Bad("offers.no_interview_min_score", "a number ≥ 0");
    s.no_interview_min_score = j["no_interview_min_score"].get<double>();
  }
  if (j.contains("link_requests_per_minute")) {
    const json& v = j["link_requests_per_minute"];
    if (!v.is_number_integer() || v.get<int>() < 1 || v.get<int>() > 10000)
      return Bad("offers.link_requests_per_minute", "an integer 1..10000");
    s.link_requests_per_minute = v.get<int>();
  }
  if (j.contains("letter_template")) {
    if (!j["letter_template"].is_string()) return Bad("offers.letter_template", "a file path");
    s.letter_template = j["letter_template"].get<std::string>();
  }
  return s;
}

json OfferSettingsToJson(const OfferSettings& s) {
  json bands = json::array();
  for (const Band& b : s.bands)
    bands.push_back({{"level", b.level}, {"track", b.track}, {"currency", CurrencyCode(b.currency)},
                     {"base_min", b.base_min_minor}, {"base_max", b.base_max_minor},
                     {"equity_min", b.equity_min_minor}, {"equity_max", b.equity_max_minor},
                     {"sign_on_max", b.sign_on_max_minor}});
  auto chain = [](const std::vector<ApprovalStep>& c) {
    json out = json::array();
    for (const ApprovalStep& st : c) out.push_back({{"role", campaign::RoleName(st.role)}, {"required", st.required}});
    return out;
  };
  json fx = json::array();
  for (const FxRate& r : s.fx.rates()) {
    // The exact ratio back as a decimal: the denominator is a power of ten when it came from ParseRate.
    std::string digits = std::to_string(r.usd_num);
    int decimals = 0;
    for (std::int64_t d = r.usd_den; d > 1; d /= 10) ++decimals;
    while (static_cast<int>(digits.size()) <= decimals) digits.insert(0, "0");
    if (decimals > 0) digits.insert(digits.size() - decimals, ".");
    fx.push_back({{"date", FormatDate(r.from_day)}, {"currency", CurrencyCode(r.currency)}, {"usd", digits}});
  }
  return {{"bands", bands},
          {"in_band_chain", chain(s.in_band_chain)},
          {"out_of_band_chain", chain(s.out_of_band_chain)},
          {"fx", fx},
          {"no_interview_min_score", s.no_interview_min_score},
          {"link_requests_per_minute", s.link_requests_per_minute},
          {"letter_template", s.letter_template}};
}

Result<BandCheck> CheckBand(const OfferSettings& s, const OfferTerms& t, Day day) {
  BandCheck out;
  for (const Band& b : s.bands)
    if (b.level == t.level && b.track == t.track) out.band = &b;
  if (!out.band) {
    out.reason = "no band for " + (t.level.empty() ? std::string("(no level)") : t.level) + "/" +
                 (t.track.empty() ? std::string("(no track)") : t.track);
    return out;
  }
  const Band& b = *out.band;
  auto in = [&](std::int64_t minor) { return s.fx.Convert(Money{minor, t.currency}, b.currency, day); };
  ST_ASSIGN_OR_RETURN(Money base, in(t.base_salary_minor));
  ST_ASSIGN_OR_RETURN(std::int64_t grant_minor, GrantValue(t.equity));
  ST_ASSIGN_OR_RETURN(Money grant, in(grant_minor));
  ST_ASSIGN_OR_RETURN(Money sign_on, in(t.sign_on_minor));
  auto fmt = [&](std::int64_t minor) { return FormatMoney(Money{minor, b.currency}); };
  if (base.minor < b.base_min_minor) out.reason = "base " + fmt(base.minor) + " below the band's " + fmt(b.base_min_minor);
  else if (base.minor > b.base_max_minor) out.reason = "base " + fmt(base.minor) + " above the band's " + fmt(b.base_max_minor);
  else if (grant.minor < b.equity_min_minor)
    out.reason = "equity " + fmt(grant.minor) + " below the band's " + fmt(b.equity_min_minor);
  else if (grant.minor > b.equity_max_minor)
    out.reason = "equity " + fmt(grant.minor) + " above the band's " + fmt(b.equity_max_minor);
  else if (sign_on.minor > b.sign_on_max_minor)
    out.reason = "sign-on " + fmt(sign_on.minor) + " above the band's " + fmt(b.sign_on_max_minor);
  out.in_band = out.reason.empty();
  return out;
}

std::vector<ApprovalStep> ChainFor(const OfferSettings& s, bool in_band, bool over_report_cap) {
  std::vector<ApprovalStep> chain = in_band ? s.in_band_chain : s.out_of_band_chain;
  if (over_report_cap &&
      std::none_of(chain.begin(), chain.end(), [](const ApprovalStep& st) { return st.role == Role::kCeo; }))
    chain.push_back({Role::kCeo, 1});
  return chain;
}

int CurrentStep(const std::vector<ApprovalStep>& chain, const std::vector<Approval>& approvals) {
  for (size_t i = 0; i < chain.size(); ++i) {
    const int got = static_cast<int>(std::count_if(approvals.begin(), approvals.end(),
                                                   [&](const Approval& a) { return a.step == static_cast<int>(i); }));
    if (got < chain[i].required) return static_cast<int>(i);
  }
  return static_cast<int>(chain.size());
}

Status CheckCanApprove(const std::vector<ApprovalStep>& chain, const std::vector<Approval>& approvals,
                       std::int64_t user_id, Role role) {
  const int step = CurrentStep(chain, approvals);
  if (step == static_cast<int>(chain.size())) return Status::Conflict("the approval chain is already complete");
  for (const Approval& a : approvals)
    if (a.user_id == user_id) return Status::Conflict("you already approved this version");
  if (chain[step].role != role)
    return Status::Forbidden("step " + std::to_string(step + 1) + " of " + std::to_string(chain.size()) + " needs " +
                             std::string(campaign::RoleName(chain[step].role)) + ", you are " +
                             std::string(campaign::RoleName(role)));
  return Status::Ok();
}

}  // namespace st::offers
