// The outreach settings of a campaign (key "outreach" in the campaign settings store): the lab's offer
// themes a first message names, the sequence (follow-ups after N business days, how many), the send window
// in the candidate's local time, the daily cap per mailbox and the domain of our Message-IDs.
// Pure; FromJson validates and names the field it refuses. Missing keys keep the documented defaults.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace st::outreach {

struct OutreachSettings {
  // Used only while the campaign settings (key "campaign") are not stored; once they are, drafts take the
  // lab's name from there.
  std::string lab_name = "the lab";
  // The offer themes a first message names (compute per researcher, a small team, the mission), one sentence
  // each, shown as a list. Empty (the default) = the campaign's own offer themes (key "campaign").
  std::vector<std::string> offer_themes;
  int follow_up_business_days = 3;  // 1..30
  int max_follow_ups = 2;           // 0..5
  int window_start_hour = 9;        // local time of the candidate, 0..23
  int window_end_hour = 18;         // exclusive, window_start_hour+1..24
  bool weekdays_only = true;
  int daily_cap = 40;               // messages per mailbox per UTC day, 1..2000 (a mailbox may set its own)
  std::string default_time_zone = "UTC";  // when neither city nor organisation gives one
  // The app's public address for the opt-out link in every message ("https://talent.lab.example"); "" = the
  // address `superteam serve` was started with (--public-url, else its listen address).
  std::string public_url;
};

// Parses the settings object; unknown keys are refused so a typo does not silently keep a default.
// kInvalidInput "outreach settings: field 'daily_cap': must be 1..2000".
Result<OutreachSettings> SettingsFromJson(std::string_view json);
std::string SettingsToJson(const OutreachSettings& s);

// The campaign settings key these settings are stored under.
inline constexpr std::string_view kOutreachSettingsKey = "outreach";

}  // namespace st::outreach
