// Options shared by `superteam outreach` and `superteam serve` (cli/outreach.cc).
#pragma once

#include <string>

#include "base/status.h"
#include "outreach/settings.h"

namespace st::cli {

// <sqlite file>.mailkey; "" for PostgreSQL (the key must then be given).
std::string DefaultMailKeyPath(const std::string& db_url);
// <dir of the sqlite file>/outreach-templates.
std::string DefaultTemplatesDir(const std::string& db_url);
// The settings JSON file ("" = the defaults).
Result<outreach::OutreachSettings> LoadOutreachSettings(const std::string& path);

}  // namespace st::cli
