// The watchlist's and flight risk's campaign settings, with documented
// defaults (docs/watch.md). Stored as JSON under the keys "watch" and
// "flight_risk"; FromJson validates and names the bad field.
//
// Pure: no I/O. Thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace st::watch {

inline constexpr std::string_view kWatchSettingsKey = "watch";
inline constexpr std::string_view kFlightRiskSettingsKey = "flight_risk";

struct WatchSettings {
  // Rival labs, as the graph spells organisations (graph::OrgMapper's
  // canonical names). A co-author there, or an affiliation change from or to
  // one, is worth an alert. Default: the frontier labs the seeds name.
  std::vector<std::string> rival_orgs = {"Google DeepMind", "OpenAI",    "Anthropic", "Meta",
                                         "Microsoft",       "xAI",       "Apple",     "Amazon",
                                         "NVIDIA",          "Mistral AI"};
  // At most this many new-paper alerts per watched person per graph version
  // (the newest first); the rest are counted in the last one.
  int max_new_papers_per_person = 5;
  // Hour (UTC, 0..23) after which the daily digest of the previous day's
  // alerts is mailed.
  int digest_hour_utc = 7;
  // Where each user's digest goes: username -> e-mail address (users have no
  // address of their own). A user without one gets alerts in the app only.
  std::map<std::string, std::string> digest_addresses;

  bool IsRival(std::string_view org) const;
  static Result<WatchSettings> FromJson(std::string_view json);
  std::string ToJson() const;
};

}  // namespace st::watch
