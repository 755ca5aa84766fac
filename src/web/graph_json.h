// JSON for the ranker's results in the API: scoring/json.h's ToJson (the
// same shapes the CLI's --json prints) plus the few keys the pages use
// (docs/API.md): "explanation" on search hits, "path" on warm paths.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "scoring/ranker.h"

namespace st::web {

// scoring::ToJson(hit) + "explanation": {"top_papers", "metrics", "matched_works"}.
nlohmann::json RankedAuthorToJson(const scoring::RankedAuthor& a);
// scoring::ToJson(profile).
nlohmann::json ProfileToJson(const scoring::AuthorProfile& p);
// {"hops": n, "path": [{"author_id","name"}...], "steps": scoring::ToJson(path)["hops"]}.
nlohmann::json WarmPathToJson(const scoring::WarmPath& p);

}  // namespace st::web
