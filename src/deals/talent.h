// Talent per dollar: what a deal brings for what it costs, beside what hiring
// the same people one by one would cost. Pure; thread-safe.
//
// The deal:
//   expected talent = Σ_i P(i comes with the deal) × value_i
//   cost            = price + Σ_i P(i comes) × retention_i
// (a retention package is paid only to someone who comes, so it is counted at
// its expected value, like the talent), and talent per $1M = talent / cost.
// value_i is the person's strength in the talent graph (scoring/author_metrics:
// Σ over their works of impact × recency × authorship position); a person the
// graph does not hold counts 0 and is flagged.
//
// One by one, the same people:
//   offer_i  = premium × current 4-year package (the candidate's recorded
//              compensation, else the acceptance settings' default)
//   P_i      = P(accept | candidate, offer_i) from planning::AcceptanceModel,
//              with the compute offered matching the current lab's GPUs per
//              researcher, no team, and the outreach assumptions below
//   cost_i   = offer_i / P_i  (on average 1/P_i approaches per hire; each
//              approach is assumed to cost a full offer — an upper bound that
//              the page states)
//   talent   = Σ_i value_i,  talent per $1M = talent / Σ_i cost_i
// The deal's price in another currency is converted to USD at a given rate
// (the offers settings' FX table); the acceptance model works in USD.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "planning/acceptance.h"

namespace st::deals {

// The "deals" campaign settings key: the one-by-one assumptions.
struct DealSettings {
  int offer_premium_permille = 1500;   // one-by-one offer = 1.5 × current package (judgement; docs/deals.md)
  bool assume_ceo_outreach = true;     // the CEO reaches out personally to each one
  bool assume_warm_path = false;       // no introduction through a co-author on staff
  bool assume_relocation = false;      // nobody has to move
  int default_p_join_permille = 700;   // P(comes with the deal) when the CEO gives none
  // Missing fields keep their defaults; unknown fields, wrong types and out-of-range values are errors
  // naming the field ("deals.offer_premium_permille: ...").
  static Result<DealSettings> FromJson(std::string_view json_text);
  std::string ToJson() const;
};
inline constexpr std::string_view kDealSettingsKey = "deals";

struct TalentPerson {
  std::string name;
  double value = 0;             // graph strength; >= 0
  bool value_known = false;     // false: not in the graph (counts 0)
  int p_join_permille = 0;      // 0..1000
  std::int64_t retention_minor = 0;               // deal currency
  std::int64_t current_package_4y_minor = 0;      // USD; 0 = unknown → acceptance default
  std::string current_lab;                        // for the compute table
};

struct TalentInput {
  std::int64_t price_minor = 0;  // deal currency
  // 1 unit of the deal's currency = usd_num / usd_den USD (1/1 for USD).
  std::int64_t usd_num = 1, usd_den = 1;
  std::vector<TalentPerson> people;
};

struct PersonTalent {
  double expected_value = 0;                 // P(comes) × value
  std::int64_t expected_retention_minor = 0; // deal currency
  std::int64_t offer_4y_minor = 0;           // USD, one by one
  double p_accept = 0;                       // acceptance model
  std::int64_t one_by_one_cost_minor = 0;    // USD: offer / P(accept)
};

struct TalentReport {
  std::vector<PersonTalent> people;  // in input order
  double expected_talent = 0;        // Σ P × value
  double expected_people = 0;        // Σ P
  std::int64_t deal_cost_minor = 0;  // deal currency: price + Σ P × retention
  std::int64_t deal_cost_usd_minor = 0;
  double deal_talent_per_musd = 0;   // 0 when the cost is 0
  double one_by_one_talent = 0;      // Σ value
  std::int64_t one_by_one_cost_usd_minor = 0;
  double one_by_one_talent_per_musd = 0;
  double ratio = 0;                  // deal ÷ one by one (0 when either is 0)
  int unknown_value = 0;             // people the graph does not hold
  std::vector<std::string> assumptions;  // in words, for the page
};

// Errors (kInvalidInput naming the field): a negative value, P outside 0..1000,
// a non-positive FX rate, or a sum that does not fit in int64.
Result<TalentReport> EvaluateTalent(const TalentInput& input, const DealSettings& deal_settings,
                                    const planning::AcceptanceSettings& acceptance,
                                    const planning::AcceptanceModel& model);

}  // namespace st::deals
