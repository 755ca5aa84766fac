// Per-author metrics computed from a GraphView (the graph-level half of
// metrics.h). Used by BuildDerived at ingest; PageRank, strength and org are
// filled in by the caller. Thread-safe: reads the view only.
#pragma once

#include <vector>

#include "graph/view.h"
#include "scoring/derived_format.h"

namespace st::scoring {

// Latest year in the graph (publication years and citation years): "now".
int LatestYear(const graph::GraphView& view);

// One flag per VenueId: IsTopVenue(VenueName(v)).
std::vector<bool> TopVenueFlags(const graph::GraphView& view);

// Works, citations (unknown -1 skipped), h, i10, recent citations (3 years up
// to now_year), first/last-author counts, top-venue papers, orals, spotlights,
// awards, mean rating, first/last year, rising. Rejected and withdrawn
// submissions count for nothing but are still listed in the profile.
format::AuthorMetrics ComputeAuthorMetrics(const graph::GraphView& view, graph::AuthorId a,
                                           int now_year, const std::vector<bool>& top_venue);

// Overall strength used when there is no query:
//   ln(1+citations) + 0.7 ln(1+recent) + 0.08 h
//   + 0.5 ln(1 + top-venue papers + orals + spotlights + 2 awards)
//   + 0.5 ln(1 + pagerank x num_authors)
float Strength(const format::AuthorMetrics& m, uint32_t num_authors);

}  // namespace st::scoring
