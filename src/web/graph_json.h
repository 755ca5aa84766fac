// JSON for the ranker's results (search hits, author profiles, warm paths),
// in the shapes docs/API.md documents. Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "scoring/ranker.h"

namespace st::web {

nlohmann::json MetricsToJson(const scoring::format::AuthorMetrics& m);
nlohmann::json ContributionToJson(const scoring::Contribution& c);
nlohmann::json RankedAuthorToJson(const scoring::RankedAuthor& a);
nlohmann::json ProfileToJson(const scoring::AuthorProfile& p);
nlohmann::json WarmPathToJson(const scoring::WarmPath& p);

}  // namespace st::web
