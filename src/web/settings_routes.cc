// /api/settings: the campaign settings, one JSON object per capability key. Each key names who may read it and
// the capability's pure reader, which validates a change (errors name the field) and fills defaults; a key
// never written reads as its defaults at version 0. Changes are ceo-only JSON merge patches (RFC 7386) with the
// expected version (409 on a stale one), audited by the store.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "campaign/campaign_settings.h"
#include "places/settings.h"
#include "compute/settings.h"
#include "deals/talent.h"
#include "offers/approval.h"
#include "outreach/settings.h"
#include "retention/policy.h"
#include "planning/acceptance.h"
#include "watch/flight_risk.h"
#include "watch/settings.h"
#include "planning/pipeline.h"
#include "web/api_context.h"

namespace st::web {
namespace {

using nlohmann::json;

struct SettingSpec {
  std::string key;
  std::string summary;
  campaign::Permission read;
  // Validates a whole settings object (missing fields = defaults) and returns it complete.
  std::function<Result<json>(const json&)> normalise;
};

// One row per capability. A capability adds its key here with its pure reader.
const std::vector<SettingSpec>& Specs() {
  static const std::vector<SettingSpec> kSpecs = {
      {"campaign", "lab name, CEO name, mission, offer themes, mission clarity, reorganisations",
       campaign::Permission::kReadPeople,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, campaign::CampaignSettingsFromJson(j));
         return campaign::CampaignSettingsToJson(s);
       }},
      {"acceptance", "acceptance model: GPUs per researcher by lab, default current package (docs/planning.md)",
       campaign::Permission::kReadPeople,
       [](const json& j) -> Result<json> {
         auto s = planning::AcceptanceSettings::FromJson(j.dump());
         if (!s.ok()) return Status::InvalidInput("settings." + s.status().message());
         return json::parse(s->ToJson());
       }},
      {"places", "the CEO's homes for dinners, the invitations' organiser address, near and trip distances",
       campaign::Permission::kReadPeople,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, places::PlacesSettingsFromJson(j));
         return places::PlacesSettingsToJson(s);
       }},
      // ---- compute ledger + flat teams (issue 10; docs/fleet.md)
      {"compute", "compute ledger: headroom kept for production, H100-equivalent factors per GPU type",
       campaign::Permission::kReadPeople,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, compute::ComputeSettings::FromJson(j.dump()));
         return json::parse(s.ToJson());
       }},
      {"teams", "flat teams: the cap on a manager's direct reports", campaign::Permission::kReadPeople,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, compute::TeamSettings::FromJson(j.dump()));
         return json::parse(s.ToJson());
       }},
      // ---- offers (issue 10): bands carry money, so ceo and hr read them.
      {std::string(offers::kOfferSettingsKey),
       "offer bands per level/track, approval chains (N of M per step), the dated FX table, the no-interview score "
       "threshold, the candidate link's rate and the letter template path (docs/API.md \"Offers\")",
       campaign::Permission::kReadCompensation,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, offers::OfferSettingsFromJson(j));
         return offers::OfferSettingsToJson(s);
       }},
      // ---- watch (issue 11; docs/watch.md): flight risk is about own staff, so ceo and hr read its weights.
      {std::string(watch::kWatchSettingsKey),
       "watchlist alerts: rival labs, new-paper alerts per person, the daily digest's hour and addresses",
       campaign::Permission::kReadPeople,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, watch::WatchSettings::FromJson(j.dump()));
         return json::parse(s.ToJson());
       }},
      {std::string(watch::kFlightRiskSettingsKey),
       "flight risk: the weight of each piece and the saturation points (docs/watch.md)",
       campaign::Permission::kReadCompensation,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, watch::FlightRiskWeights::FromJson(j.dump()));
         return json::parse(s.ToJson());
       }},
      // ---- deals (issue 13): the one-by-one hiring assumptions beside talent per dollar
      {std::string(deals::kDealSettingsKey),
       "deals: the one-by-one offer premium, outreach assumptions and the default P(comes with the deal)",
       campaign::Permission::kReadDeals,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, deals::DealSettings::FromJson(j.dump()));
         return json::parse(s.ToJson());
       }},
      // ---- outreach (issue 9): read by drafts (offer themes), the sequence (follow-ups, window) and the sender
      // (daily cap); a mailbox may set its own cap and window.
      {std::string(outreach::kOutreachSettingsKey),
       "CEO outreach: offer themes for drafts (empty = the campaign's), follow-up business days and count, the "
       "send window in the candidate's local time, the daily cap per mailbox, default time zone, the public URL "
       "of the opt-out link",
       campaign::Permission::kReadPeople,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, outreach::SettingsFromJson(j.dump()));
         return json::parse(outreach::SettingsToJson(s));
       }},
      // ---- retention (issue 11): the counter-offer policy; ceo and hr read it.
      {std::string(retention::kRetentionSettingsKey),
       "counter-offer policy: match, or beat by beat_bp for strength >= strength_threshold; levers money, compute, "
       "team; expiry_days (docs/API.md \"Retention\")",
       campaign::Permission::kReadCompensation,
       [](const json& j) -> Result<json> {
         ST_ASSIGN_OR_RETURN(auto s, retention::RetentionSettingsFromJson(j));
         return retention::RetentionSettingsToJson(s);
       }},
      // ---- planning (issue 12): menus carry money, so ceo and hr read them.
      {"planning",
       "budget plan: money levels, GPU and team levels of the menus, budgets, team slots, stages planned "
       "(docs/planning.md)",
       campaign::Permission::kReadCompensation,
       [](const json& j) -> Result<json> {
         auto s = planning::PlanningSettings::FromJson(j.dump());
         if (!s.ok()) return Status::InvalidInput("settings." + s.status().message());
         return json::parse(s->ToJson());
       }},
  };
  return kSpecs;
}

const SettingSpec* FindSpec(const std::string& key) {
  for (const auto& s : Specs())
    if (s.key == key) return &s;
  return nullptr;
}

Result<const SettingSpec*> SpecFor(const Call& call) {
  const std::string& key = call.path.at("key");
  const SettingSpec* spec = FindSpec(key);
  if (spec == nullptr) return Status::NotFound("no setting named '" + key.substr(0, 60) + "'");
  return spec;
}

// The stored object (or {} when never written) completed with defaults, and its version.
Result<std::pair<json, std::int64_t>> Current(const ApiContext& ctx, const SettingSpec& spec) {
  ST_ASSIGN_OR_RETURN(auto stored, ctx.store->GetSetting(spec.key));
  json raw = json::object();
  if (stored) raw = json::parse(stored->value_json, nullptr, false);
  ST_ASSIGN_OR_RETURN(json full, spec.normalise(raw));
  return std::make_pair(std::move(full), stored ? stored->version : std::int64_t{0});
}

json SettingJson(const SettingSpec& spec, const json& value, std::int64_t version) {
  return {{"key", spec.key}, {"summary", spec.summary}, {"version", version}, {"value", value}};
}

}  // namespace

Result<nlohmann::json> ReadSettings(const ApiContext& ctx, const std::string& key) {
  const SettingSpec* spec = FindSpec(key);
  if (spec == nullptr) return Status::Internal("no setting named '" + key + "'");
  ST_ASSIGN_OR_RETURN(auto cur, Current(ctx, *spec));
  return cur.first;
}

void AddSettingsRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/settings",
      .summary = "Every campaign setting the caller may read, with defaults filled in",
      .tag = "settings",
      .access = Access::kAnyUser,
      .response = "{settings: [{key, summary, version, value}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            json out = {{"settings", json::array()}};
            for (const auto& spec : Specs()) {
              if (!campaign::HasPermission(call.principal->role, spec.read)) continue;
              ST_ASSIGN_OR_RETURN(auto cur, Current(ctx, spec));
              out["settings"].push_back(SettingJson(spec, cur.first, cur.second));
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/settings/{key}",
      .summary = "One campaign setting (defaults filled in; version 0 = never changed)",
      .tag = "settings",
      .access = Access::kAnyUser,
      .response = "{key, summary, version, value}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(const SettingSpec* spec, SpecFor(call));
            if (!campaign::HasPermission(call.principal->role, spec->read))
              return Status::Forbidden("role " + std::string(campaign::RoleName(call.principal->role)) +
                                       " may not read setting '" + spec->key + "'");
            ST_ASSIGN_OR_RETURN(auto cur, Current(ctx, *spec));
            return Reply::Json(SettingJson(*spec, cur.first, cur.second));
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/settings/{key}",
      .summary = "Change a campaign setting: a JSON merge patch of its value, with the version read",
      .tag = "settings",
      .access = Access::kPermission,
      .permission = campaign::Permission::kManageSettings,
      .body = {{"version", FieldType::kInteger, true, "the version read (0 = never changed)"},
               {"value", FieldType::kObject, true, "fields to change; null removes a field (back to its default)"}},
      .body_required = true,
      .response = "{key, summary, version, value}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(const SettingSpec* spec, SpecFor(call));
            const json& b = *call.body;
            ST_ASSIGN_OR_RETURN(auto stored, ctx.store->GetSetting(spec->key));
            json merged = stored ? json::parse(stored->value_json, nullptr, false) : json::object();
            merged.merge_patch(b["value"]);
            ST_ASSIGN_OR_RETURN(json full, spec->normalise(merged));
            // The merged object (not the defaults) is stored, so a later default change still reaches
            // fields nobody set.
            ST_ASSIGN_OR_RETURN(store::Setting saved,
                                ctx.store->PutSetting(ActorFor(call), spec->key, merged.dump(),
                                                      b["version"].get<std::int64_t>()));
            ctx.hub->Notify();
            return Reply::Json(SettingJson(*spec, full, saved.version));
          },
  });
}

}  // namespace st::web
