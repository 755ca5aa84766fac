// JSON encoding of the Ranker's results, shared by the CLI (--json) and the
// web API so both print the same shapes. Field names are snake_case; ids are
// the graph's external ids where known (OpenAlex, ORCID) plus the dense
// "author_id" of this graph version. Thread-safe (pure).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "scoring/ranker.h"

namespace st::scoring {

// "h 15 from 9 of 16 papers with counts" (citation metrics count known counts only).
std::string CitationCoverage(const format::AuthorMetrics& m);
// "2025-06-01" from yyyymmdd; "" for 0.
std::string IsoDate(int32_t yyyymmdd);

nlohmann::json ToJson(const format::AuthorMetrics& m);
nlohmann::json ToJson(const Contribution& c);
nlohmann::json ToJson(const RankedAuthor& r);
nlohmann::json ToJson(const RankResponse& r);
nlohmann::json ToJson(const AuthorProfile& p);
nlohmann::json ToJson(const WarmPath& p);
nlohmann::json ToJson(const OrgsResponse& r);
nlohmann::json ToJson(const AuthorMatch& m);

}  // namespace st::scoring
