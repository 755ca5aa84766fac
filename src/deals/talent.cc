#include "deals/talent.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "offers/money.h"

namespace st::deals {
namespace {

using offers::CheckedAdd;
using offers::MulDiv;
using offers::Rounding;

constexpr double kCentsPerMillion = 100'000'000.0;  // $1M in cents
constexpr std::int64_t kPpm = 1'000'000;

Status Overflow(const std::string& what) { return Status::InvalidInput(what + ": the sum does not fit in int64"); }

std::string Usd(std::int64_t minor) { return offers::FormatMoney({minor, offers::Currency::kUsd}); }

}  // namespace

Result<DealSettings> DealSettings::FromJson(std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidInput("deals: settings must be a JSON object");
  DealSettings s;
  auto integer = [](const nlohmann::json& v, const std::string& key, int lo, int hi) -> Result<int> {
    if (!v.is_number_integer()) return Status::InvalidInput("deals." + key + ": must be an integer");
    const auto n = v.get<std::int64_t>();
    if (n < lo || n > hi)
      return Status::InvalidInput("deals." + key + ": must be between " + std::to_string(lo) + " and " +
                                  std::to_string(hi));
    return static_cast<int>(n);
  };
  auto boolean = [](const nlohmann::json& v, const std::string& key) -> Result<bool> {
    if (!v.is_boolean()) return Status::InvalidInput("deals." + key + ": must be true or false");
    return v.get<bool>();
  };
  for (auto& [key, v] : j.items()) {
    if (key == "offer_premium_permille") {
      ST_ASSIGN_OR_RETURN(s.offer_premium_permille, integer(v, key, 100, 20000));
    } else if (key == "default_p_join_permille") {
      ST_ASSIGN_OR_RETURN(s.default_p_join_permille, integer(v, key, 0, 1000));
    } else if (key == "assume_ceo_outreach") {
      ST_ASSIGN_OR_RETURN(s.assume_ceo_outreach, boolean(v, key));
    } else if (key == "assume_warm_path") {
      ST_ASSIGN_OR_RETURN(s.assume_warm_path, boolean(v, key));
    } else if (key == "assume_relocation") {
      ST_ASSIGN_OR_RETURN(s.assume_relocation, boolean(v, key));
    } else {
      return Status::InvalidInput("deals." + key + ": not a known setting");
    }
  }
  return s;
}

std::string DealSettings::ToJson() const {
  return nlohmann::json{{"offer_premium_permille", offer_premium_permille},
                        {"default_p_join_permille", default_p_join_permille},
                        {"assume_ceo_outreach", assume_ceo_outreach},
                        {"assume_warm_path", assume_warm_path},
                        {"assume_relocation", assume_relocation}}
      .dump();
}

Result<TalentReport> EvaluateTalent(const TalentInput& in, const DealSettings& ds,
                                    const planning::AcceptanceSettings& acc, const planning::AcceptanceModel& model) {
  if (in.usd_num <= 0 || in.usd_den <= 0) return Status::InvalidInput("fx: the rate to USD must be positive");
  if (in.price_minor < 0) return Status::InvalidInput("price_minor: must be >= 0");
  TalentReport r;
  std::int64_t retention_sum = 0;
  for (size_t i = 0; i < in.people.size(); ++i) {
    const TalentPerson& p = in.people[i];
    const std::string at = "people[" + std::to_string(i) + "].";
    if (!(p.value >= 0) || !std::isfinite(p.value)) return Status::InvalidInput(at + "value: must be >= 0");
    if (p.p_join_permille < 0 || p.p_join_permille > 1000)
      return Status::InvalidInput(at + "p_join: a probability in 0..1");
    if (p.retention_minor < 0) return Status::InvalidInput(at + "retention_minor: must be >= 0");
    if (p.current_package_4y_minor < 0) return Status::InvalidInput(at + "current_package: must be >= 0");
    PersonTalent t;
    const double p_join = p.p_join_permille / 1000.0;
    t.expected_value = p_join * p.value;
    auto expected_retention = MulDiv(p.retention_minor, p.p_join_permille, 1000, Rounding::kHalfEven);
    if (!expected_retention) return Overflow(at + "retention_minor");
    t.expected_retention_minor = *expected_retention;
    auto sum = CheckedAdd(retention_sum, t.expected_retention_minor);
    if (!sum) return Overflow("retention");
    retention_sum = *sum;

    // One by one: the offer that would be made, and the model's P(accept) for it.
    const std::int64_t current =
        p.current_package_4y_minor > 0 ? p.current_package_4y_minor : acc.default_current_package_4y_minor;
    auto offer = MulDiv(current, ds.offer_premium_permille, 1000, Rounding::kHalfEven);
    if (!offer) return Overflow(at + "offer");
    t.offer_4y_minor = *offer;
    planning::CandidateFacts facts;
    facts.current_package_4y_minor = current;
    facts.current_lab = p.current_lab;
    facts.relocation_needed = ds.assume_relocation;
    facts.warm_path = ds.assume_warm_path;
    facts.ceo_reached_out = ds.assume_ceo_outreach;
    planning::OfferTerms terms;
    terms.four_year_value_minor = t.offer_4y_minor;
    terms.guaranteed_gpus = std::llround(acc.labs.Lookup(p.current_lab));  // compute matches their lab's
    ST_ASSIGN_OR_RETURN(planning::FeatureVector x, planning::ComputeFeatures(facts, terms, acc));
    t.p_accept = model.Probability(x);
    // P as an integer in parts per million (at least 1), so the cost stays exact integer money.
    const std::int64_t p_ppm = std::max<std::int64_t>(1, std::llround(t.p_accept * kPpm));
    auto cost = MulDiv(t.offer_4y_minor, kPpm, p_ppm, Rounding::kHalfEven);
    if (!cost) return Overflow(at + "one_by_one_cost");
    t.one_by_one_cost_minor = *cost;
    auto total = CheckedAdd(r.one_by_one_cost_usd_minor, t.one_by_one_cost_minor);
    if (!total) return Overflow("one_by_one_cost");
    r.one_by_one_cost_usd_minor = *total;

    r.expected_talent += t.expected_value;
    r.expected_people += p_join;
    r.one_by_one_talent += p.value;
    if (!p.value_known) ++r.unknown_value;
    r.people.push_back(t);
  }
  auto cost = CheckedAdd(in.price_minor, retention_sum);
  if (!cost) return Overflow("deal cost");
  r.deal_cost_minor = *cost;
  auto usd = MulDiv(r.deal_cost_minor, in.usd_num, in.usd_den, Rounding::kHalfEven);
  if (!usd) return Overflow("deal cost in USD");
  r.deal_cost_usd_minor = *usd;
  if (r.deal_cost_usd_minor > 0)
    r.deal_talent_per_musd = r.expected_talent / (static_cast<double>(r.deal_cost_usd_minor) / kCentsPerMillion);
  if (r.one_by_one_cost_usd_minor > 0)
    r.one_by_one_talent_per_musd =
        r.one_by_one_talent / (static_cast<double>(r.one_by_one_cost_usd_minor) / kCentsPerMillion);
  if (r.deal_talent_per_musd > 0 && r.one_by_one_talent_per_musd > 0)
    r.ratio = r.deal_talent_per_musd / r.one_by_one_talent_per_musd;

  char premium[32];
  std::snprintf(premium, sizeof premium, "%g", ds.offer_premium_permille / 1000.0);
  r.assumptions = {
      "Talent is a person's strength in the talent graph (impact x recency x authorship over their papers); "
      "someone the graph does not hold counts 0.",
      "The deal's talent counts each person at P(comes with the deal); retention packages are paid only to "
      "those who come, so they are counted at P(comes) x package.",
      "The whole price is counted as the cost of the talent: the value of the stake or licence itself is not "
      "netted off.",
      "One by one: each person gets an offer of " + std::string(premium) + " x their current 4-year package (recorded "
      "compensation, else " + Usd(acc.default_current_package_4y_minor) + "), with compute matching their "
      "current lab's GPUs per researcher and no team.",
      std::string("P(accept) comes from the acceptance model (docs/planning.md) with ") +
          (ds.assume_ceo_outreach ? "the CEO reaching out personally" : "no outreach from the CEO") + ", " +
          (ds.assume_warm_path ? "a warm introduction" : "no warm introduction") + " and " +
          (ds.assume_relocation ? "a move needed" : "no move needed") + ".",
      "Hiring one by one costs offer / P(accept) per person: on average 1/P approaches per hire, each "
      "counted as a full offer (an upper bound).",
      "Money in another currency is converted to USD at the offers settings' FX rate in force today.",
  };
  return r;
}

}  // namespace st::deals
