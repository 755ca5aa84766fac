// The campaign-wide settings (key "campaign"): who the lab is and what it offers, used by drafts, letters and
// the acceptance model's campaign-level factors. Pure: JSON in, validated struct out (errors name the field).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace st::campaign {

struct CampaignSettings {
  std::string lab_name = "Superteam Lab";
  std::string ceo_name = "The CEO";
  std::string mission = "Build safe superintelligence with a small, very strong team.";
  // The offer themes the seeds name, in the CEO's words; drafts and letters cite them.
  std::vector<std::string> offer_themes = {"the most compute per researcher in the field",
                                           "a small team with the fewest people between you and the CEO",
                                           "a clear mission and a stable organisation"};
  // Campaign-level factors candidates weigh (the seeds: vague goals and constant reorganisation put people off).
  int mission_clarity = 3;           // 1 (vague) .. 5 (crisp, written down, unchanged for a year)
  int reorganisations_12m = 0;       // reorganisations announced in the last 12 months
};

// Missing fields keep their defaults; unknown fields and wrong types are refused, naming the field.
Result<CampaignSettings> CampaignSettingsFromJson(const nlohmann::json& j);
nlohmann::json CampaignSettingsToJson(const CampaignSettings& s);

// Shared by every capability's settings reader: "settings.<key>.<field> must be …".
Status SettingsFieldError(std::string_view key, std::string_view field, std::string_view what);
// Refuses fields of `j` not in `known` (a typo must not be silently ignored).
Status RejectUnknownFields(std::string_view key, const nlohmann::json& j, const std::vector<std::string>& known);

}  // namespace st::campaign
