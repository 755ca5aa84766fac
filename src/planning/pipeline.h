// The budget plan over the real pipeline: candidates from the store with their value, a menu per candidate
// (no offer; tiers of money × GPUs × team from the "planning" settings key — or from the offer bands of the
// "offers" key —; the offer already drafted), budgets, the compute ledger's free capacity per pool and date,
// and team slots. BuildPipelineInstance turns those plain inputs into a PlanInstance the optimiser solves;
// every option keeps where it came from (OptionSource) so a plan can become real draft offers.
//
// The ledger, exactly (worst-case policy): every GPU option is a promise of N GPUs of one pool from a start
// day (open-ended, or to its end day). For each pool the days where the set of promised options changes cut
// time into intervals; each interval with options in it is one resource "gpu:SITE/TYPE:YYYY-MM-DD" whose
// capacity is the pool's smallest free capacity (usable − reserved − committed) over that interval. An
// "anywhere" promise becomes one option per pool of its type. So a plan that fits these resources fits the
// ledger on every day if every offer is accepted (pipeline_test checks it against compute::Ledger).
//
// Offers already out (approved or sent) are required, their GPUs already reserved in the ledger (they use no
// free capacity); every open offer counts against the money budgets when kept. A draft or an offer pending
// approval is one more option next to the tiers (GPUs not yet reserved, so they count); the plan may keep it
// or replace its terms (an edit voids the approvals: back to draft).
//
// Pure: no I/O; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "campaign/stage.h"
#include "compute/ledger.h"
#include "offers/approval.h"
#include "offers/terms.h"
#include "planning/acceptance.h"
#include "planning/plan_json.h"

namespace st::planning {

// One money tier of a menu. The 4-year and first-year values come from offers::ComputeValueTable.
struct MoneyLevel {
  std::string label;                 // "senior", "L6/research high"
  std::int64_t base_salary_minor = 0;  // per year
  std::int64_t sign_on_minor = 0;
  std::int64_t equity_minor = 0;     // grant value, 4-year vesting with a 1-year cliff
  std::int32_t target_bonus_bp = 0;
  std::string level, track;          // band keys, carried into the draft offer
};

// The "planning" campaign settings key (docs/planning.md "Planning the pipeline"). Defaults documented there.
struct PlanningSettings {
  std::vector<MoneyLevel> money_levels;  // empty: from the offers key's bands, else DefaultMoneyLevels()
  std::vector<std::int64_t> gpu_levels = {0, 256, 1024};
  std::string gpu_type = "H100";
  std::vector<std::int64_t> team_levels = {0, 4};  // headcount the candidate may hire (= direct reports cap)
  std::int32_t start_in_days = 60;                 // new offers start this many days from today
  std::int32_t expiry_in_days = 14;
  std::int64_t budget_4y_minor = 0;          // 0 = no 4-year budget
  std::int64_t budget_first_year_minor = 0;  // 0 = no first-year cash budget
  std::int64_t team_slots = 0;               // hires + their teams; 0 = no limit
  std::vector<campaign::Stage> stages = {campaign::Stage::kContacted, campaign::Stage::kReplied,
                                         campaign::Stage::kMeeting, campaign::Stage::kOffer};
  double default_value = 1;  // a candidate without a graph score and without a CEO-set value
  std::string office_city;   // "" = relocation unknown (never counted)
  std::string title = "Member of Technical Staff";

  static std::vector<MoneyLevel> DefaultMoneyLevels();
  // Missing fields keep their defaults; unknown fields, wrong types and bad values are errors naming the
  // field ("planning.gpu_levels[1]: ...").
  static Result<PlanningSettings> FromJson(std::string_view json_text);
  std::string ToJson() const;
};

// Low / mid / high money levels per USD band of the offers key (labels "L6/research low" ...).
std::vector<MoneyLevel> MoneyLevelsFromBands(const offers::OfferSettings& offers);

struct PipelineOffer {
  std::int64_t offer_id = 0;
  offers::OfferState state = offers::OfferState::kDraft;
  offers::OfferTerms terms;
};

struct PipelineCandidate {
  std::int64_t person_id = 0;
  std::string name;
  campaign::Stage stage = campaign::Stage::kIdentified;
  std::optional<double> graph_score;  // the person's headline strength, when linked to the graph
  std::optional<double> ceo_value;    // set by the CEO for this plan: wins
  CandidateFacts facts;
  std::optional<PipelineOffer> open_offer;
};

struct PoolCapacity {
  compute::Pool pool;
  std::vector<compute::TimelineStep> steps;  // the ledger's timeline: free = usable − reserved − committed
};

struct PipelineInputs {
  std::vector<PipelineCandidate> candidates;
  std::vector<PoolCapacity> pools;
  offers::Day today = 0;
  PlanningSettings settings;
  AcceptanceSettings acceptance;
  CommitmentPolicy policy = CommitmentPolicy::kWorstCase;
};

// Where one option of the instance came from.
struct OptionSource {
  enum class Kind { kTier, kExistingOffer } kind = Kind::kTier;
  std::string key;            // "m1.g2.t0@7" (money, GPU, team level @ pool id) or "offer:12[@7]"
  std::int64_t offer_id = 0;  // kExistingOffer
  offers::OfferTerms terms;   // what a draft offer would say (kTier), or the offer's terms
  std::int64_t first_year_minor = 0;
};

struct PipelineInstance {
  ParsedInstance parsed;                          // the instance + model explanations
  std::vector<std::int64_t> person_ids;           // per candidate
  std::vector<std::string> stages;                // per candidate
  std::vector<std::string> value_sources;         // per candidate: "ceo", "graph" or "default"
  std::vector<std::vector<OptionSource>> sources;  // per candidate, per option
  std::vector<std::string> notes;                 // what was left out and why
};

// kInvalidInput with a clear cause: no budget, no candidates in the planned stages, bad settings.
Result<PipelineInstance> BuildPipelineInstance(const PipelineInputs& in, const AcceptanceModel& model);

// The plan as JSON (PlanToJson's fields) plus per candidate: person_id, stage, value_source, option key and
// kind, offer_id, first_year_value, gpu site; and the notes.
std::string PipelinePlanToJson(const PipelineInstance& pi, const Plan& plan);

}  // namespace st::planning
