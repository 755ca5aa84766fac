// The store side of planning the pipeline: read the inputs of pipeline.h from the campaign store (settings
// "planning", "offers", "acceptance", "campaign"; the candidates in the planned stages with their graph
// score, compensation, open offer and outreach; the fleet's timelines), and turn a plan into real draft
// offers through the offers code path (Store::CreateOffer / EditOffer, so they then go through the normal
// approval chain and the ledger's checks at approval). Used by `superteam plan --db` and /api/planning.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "planning/pipeline.h"
#include "store/store.h"

namespace st::planning {

// What the caller sets for one plan; unset fields come from the "planning" settings.
struct PlanRequest {
  std::optional<std::int64_t> budget_4y_minor;
  std::optional<std::int64_t> budget_first_year_minor;
  std::optional<std::int64_t> team_slots;
  CommitmentPolicy policy = CommitmentPolicy::kWorstCase;
  std::map<std::int64_t, double> values;  // CEO-set values by person id: win over the graph's strength
};

// Needs kReadCompensation (compensation and offer money are inputs). kInvalidInput naming the settings field.
Result<PipelineInputs> LoadPipelineInputs(store::Store& store, const store::Actor& actor, const PlanRequest& request,
                                          std::int64_t now_unix);

// One candidate's part of turning a plan into draft offers.
struct DraftOfferOutcome {
  std::int64_t person_id = 0;
  std::string name;
  std::string key;      // the plan's option key
  std::string outcome;  // "created", "updated" (the person's draft got the plan's terms), "kept" (the plan
                        // keeps an offer already there), "failed"
  std::int64_t offer_id = 0;
  std::string error;    // when failed: the store's message (a stale plan, a stage the no-interview path refuses)
};

// For every (person id, option key) of a plan: a tier becomes a draft offer — the person is moved to stage offer
// first (from meeting by a stage move, from identified/contacted/replied by the no-interview path with the
// CEO's override and the reason "budget plan"), or the person's existing draft (or offer pending approval: the
// edit voids its approvals) is edited to the tier's terms.
// Each candidate is its own transaction(s); one failure does not stop the others. The keys are resolved
// against `instance` (rebuilt by the caller from the current store), so a stale key fails clearly.
Result<std::vector<DraftOfferOutcome>> CreateDraftOffers(store::Store& store, const store::Actor& actor,
                                                         const PipelineInstance& instance,
                                                         const std::vector<std::pair<std::int64_t, std::string>>& choices);

}  // namespace st::planning
