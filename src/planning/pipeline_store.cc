#include "planning/pipeline_store.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "campaign/campaign_settings.h"
#include "offers/date.h"

namespace st::planning {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The stored JSON of a settings key, or "{}" when never written.
Result<std::string> SettingText(store::Store& store, const std::string& key) {
  ST_ASSIGN_OR_RETURN(auto s, store.GetSetting(key));
  return s ? s->value_json : std::string("{}");
}

}  // namespace

Result<PipelineInputs> LoadPipelineInputs(store::Store& store, const store::Actor& actor, const PlanRequest& request,
                                          std::int64_t now_unix) {
  if (!campaign::HasPermission(actor.role, campaign::Permission::kReadCompensation))
    return Status::Forbidden("role " + std::string(campaign::RoleName(actor.role)) +
                             " may not plan offers (compensation is an input)");
  PipelineInputs in;
  in.today = offers::DayOfUnix(now_unix);
  in.policy = request.policy;

  ST_ASSIGN_OR_RETURN(std::string planning_text, SettingText(store, "planning"));
  auto planning = PlanningSettings::FromJson(planning_text);
  if (!planning.ok()) return Status::InvalidInput("settings " + planning.status().message());
  in.settings = std::move(*planning);
  if (request.budget_4y_minor) in.settings.budget_4y_minor = *request.budget_4y_minor;
  if (request.budget_first_year_minor) in.settings.budget_first_year_minor = *request.budget_first_year_minor;
  if (request.team_slots) in.settings.team_slots = *request.team_slots;
  if (in.settings.money_levels.empty()) {
    ST_ASSIGN_OR_RETURN(std::string offers_text, SettingText(store, std::string(offers::kOfferSettingsKey)));
    auto j = nlohmann::json::parse(offers_text, nullptr, false);
    if (!j.is_discarded()) {
      auto os = offers::OfferSettingsFromJson(j);
      if (os.ok()) in.settings.money_levels = MoneyLevelsFromBands(*os);
    }
  }

  ST_ASSIGN_OR_RETURN(std::string acceptance_text, SettingText(store, "acceptance"));
  auto acceptance = AcceptanceSettings::FromJson(acceptance_text);
  if (!acceptance.ok()) return Status::InvalidInput("settings " + acceptance.status().message());
  in.acceptance = std::move(*acceptance);
  ST_ASSIGN_OR_RETURN(std::string campaign_text, SettingText(store, "campaign"));
  auto cj = nlohmann::json::parse(campaign_text, nullptr, false);
  if (!cj.is_discarded()) {
    auto cs = campaign::CampaignSettingsFromJson(cj);
    if (cs.ok()) ST_RETURN_IF_ERROR(in.acceptance.SetCampaignFactors(cs->mission_clarity, cs->reorganisations_12m));
  }

  // Candidates in the planned stages, plus anyone at offer (an offer out must be counted).
  std::vector<campaign::Stage> stages = in.settings.stages;
  if (std::find(stages.begin(), stages.end(), campaign::Stage::kOffer) == stages.end())
    stages.push_back(campaign::Stage::kOffer);
  for (campaign::Stage stage : stages) {
    store::PersonQuery q;
    q.stage = stage;
    q.kind = campaign::PersonKind::kCandidate;
    q.limit = 1000;
    for (q.offset = 0;; q.offset += q.limit) {
      ST_ASSIGN_OR_RETURN(store::PersonPage page, store.ListPeople(actor, q));
      for (const campaign::Person& listed : page.people) {
        ST_ASSIGN_OR_RETURN(campaign::Person p, store.GetPerson(actor, listed.id, /*with_compensation=*/true));
        PipelineCandidate c;
        c.person_id = p.id;
        c.name = p.name;
        c.stage = p.stage;
        if (p.metrics) c.graph_score = p.metrics->score;
        if (auto v = request.values.find(p.id); v != request.values.end()) c.ceo_value = v->second;
        c.facts.current_lab = p.org;
        if (p.compensation && p.compensation->currency == "USD") {
          const std::int64_t yearly = p.compensation->current_base.value_or(0) + p.compensation->current_equity.value_or(0);
          if (yearly > 0) c.facts.current_package_4y_minor = yearly * 4 * 100;  // whole dollars per year → 4 years in cents
        }
        c.facts.relocation_needed = !in.settings.office_city.empty() && !p.city.empty() &&
                                    Lower(p.city) != Lower(in.settings.office_city);
        for (const std::string& tag : p.tags)
          if (Lower(tag) == "warm-path" || Lower(tag) == "warm path" || Lower(tag) == "warm_path") c.facts.warm_path = true;
        ST_ASSIGN_OR_RETURN(outreach::PersonOutreach o, store.GetPersonOutreach(actor, p.id));
        for (const outreach::Message& m : o.messages)
          if (m.direction == "out" && m.sent_at > 0) c.facts.ceo_reached_out = true;  // outreach is the CEO's own
        if (p.stage == campaign::Stage::kOffer) {
          ST_ASSIGN_OR_RETURN(auto offers_of, store.ListOffers(actor, p.id, /*with_money=*/true));
          for (const store::OfferRecord& r : offers_of)
            if (offers::IsOfferOpen(r.state)) {
              c.open_offer = PipelineOffer{r.id, r.state, r.current.terms};
              break;
            }
        }
        in.candidates.push_back(std::move(c));
      }
      if (static_cast<std::int64_t>(q.offset + q.limit) >= page.total) break;
    }
  }
  std::sort(in.candidates.begin(), in.candidates.end(),
            [](const PipelineCandidate& a, const PipelineCandidate& b) { return a.person_id < b.person_id; });

  ST_ASSIGN_OR_RETURN(store::FleetView fleet, store.GetFleet(actor));
  for (const store::PoolTimeline& t : fleet.timelines)
    in.pools.push_back({compute::Pool{t.pool.id, t.pool.site, t.pool.gpu_type}, t.steps});
  return in;
}

Result<std::vector<DraftOfferOutcome>> CreateDraftOffers(
    store::Store& store, const store::Actor& actor, const PipelineInstance& instance,
    const std::vector<std::pair<std::int64_t, std::string>>& choices) {
  if (!campaign::HasPermission(actor.role, campaign::Permission::kPlanOffers))
    return Status::Forbidden("role " + std::string(campaign::RoleName(actor.role)) +
                             " may not turn a plan into offers (ceo only)");
  std::vector<DraftOfferOutcome> out;
  for (const auto& [person_id, key] : choices) {
    DraftOfferOutcome r;
    r.person_id = person_id;
    r.key = key;
    auto run = [&]() -> Status {
      auto it = std::find(instance.person_ids.begin(), instance.person_ids.end(), person_id);
      if (it == instance.person_ids.end())
        return Status::InvalidInput("person " + std::to_string(person_id) + " is not in the plan's pipeline (recompute the plan)");
      const size_t i = static_cast<size_t>(it - instance.person_ids.begin());
      r.name = instance.parsed.instance.candidates[i].name;
      const OptionSource* src = nullptr;
      for (const OptionSource& s : instance.sources[i])
        if (s.key == key) src = &s;
      if (src == nullptr) return Status::InvalidInput("no option '" + key + "' for " + r.name + " (recompute the plan)");
      if (src->kind == OptionSource::Kind::kExistingOffer) {
        r.outcome = "kept", r.offer_id = src->offer_id;
        return Status::Ok();
      }
      ST_ASSIGN_OR_RETURN(campaign::Person p, store.GetPerson(actor, person_id));
      if (p.stage == campaign::Stage::kOffer) {
        ST_ASSIGN_OR_RETURN(auto existing, store.ListOffers(actor, person_id, /*with_money=*/true));
        for (const store::OfferRecord& o : existing) {
          if (!offers::IsOfferOpen(o.state)) continue;
          if (o.state != offers::OfferState::kDraft && o.state != offers::OfferState::kPendingApproval)
            return Status::Conflict(r.name + " already has offer " + std::to_string(o.id) + " (" +
                                    std::string(offers::OfferStateName(o.state)) + "): the plan keeps it");
          ST_ASSIGN_OR_RETURN(store::OfferRecord e, store.EditOffer(actor, o.id, o.row_version, src->terms));
          r.outcome = "updated", r.offer_id = e.id;
          return Status::Ok();
        }
      } else if (p.stage == campaign::Stage::kMeeting) {
        ST_ASSIGN_OR_RETURN(p, store.MoveStage(actor, person_id, p.version, campaign::Stage::kOffer,
                                               "budget plan: " + key));
      } else {
        ST_ASSIGN_OR_RETURN(p, store.MoveToOfferWithoutMeeting(actor, person_id, p.version,
                                                               "budget plan (" + key + "), on the CEO's word"));
      }
      ST_ASSIGN_OR_RETURN(store::OfferRecord o, store.CreateOffer(actor, person_id, src->terms));
      r.outcome = "created", r.offer_id = o.id;
      return Status::Ok();
    };
    if (Status s = run(); !s.ok()) {
      r.outcome = "failed";
      r.error = s.message();
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace st::planning
