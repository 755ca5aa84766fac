// The talent-graph side of a candidate: what the person page shows next to
// the campaign record (profile, papers, co-author neighbourhood, warm paths
// to own staff) and the one-click import of a graph author into the pipeline.
// Reads ctx.graph / ctx.ranker only; when the server has no graph, the
// sections are null and imports fail with kNotFound.
// Thread-safety: as the ranker and store (both thread-safe).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "campaign/person.h"
#include "scoring/derived_format.h"
#include "web/api_context.h"

namespace st::web {

// The "profile", "papers", "neighbourhood" and "warm_paths" members for a
// person linked to a graph author (null / empty when not linked), as
// serialised JSON object members without braces, ready to splice into the
// person object. Cached per author (web/graph_cache.h).
std::shared_ptr<const std::string> GraphSectionsText(const ApiContext& ctx, const store::Actor& actor,
                                                     const campaign::Person& person);

// The patch that adds graph author `author_id` at stage identified: name,
// org, title, topics, metrics and the author's stable source id.
// kNotFound if there is no graph or no such author.
Result<campaign::PersonPatch> PatchFromAuthor(const ApiContext& ctx, std::int64_t author_id);

// The store's headline numbers from the graph's metrics: the citation figures
// only when some paper has a known count (else unknown, not 0).
campaign::HeadlineMetrics HeadlineFromGraph(const scoring::format::AuthorMetrics& m);

}  // namespace st::web
