// Per-author metrics computed from a GraphView (the graph-level half of
// metrics.h). Used by BuildDerived at ingest; PageRank, strength and org are
// filled in by the caller. Thread-safe: reads the view only.
#pragma once

#include <span>
#include <vector>

#include "graph/view.h"
#include "scoring/derived_format.h"

namespace st::scoring {

// Latest year in the graph (publication years and citation years): "now".
int LatestYear(const graph::GraphView& view);

// One flag per VenueId: IsTopVenue(VenueName(v)).
std::vector<bool> TopVenueFlags(const graph::GraphView& view);

// Works, works with a known count, citations / h / i10 over those (an
// unknown count, -1, is skipped, never read as 0), works with an estimated
// impact, the sum of impact values, strength, recent citations (3 years up
// to now_year), first/last-author counts, top-venue papers, orals, spotlights,
// awards, mean rating, first/last year, rising. Rejected and withdrawn
// submissions count for nothing but are still listed in the profile.
format::AuthorMetrics ComputeAuthorMetrics(const graph::GraphView& view, graph::AuthorId a,
                                           int now_year, const std::vector<bool>& top_venue,
                                           std::span<const format::WorkImpact> impact,
                                           std::span<const float> work_weight);

// Overall strength used when there is no query: over the author's works,
// work_weight (quality.h WorkWeight: cohort-normalised impact x recency) x
// PositionWeight (first/last 1.0, middle 0.9), summed best first with the
// k-th counted x 0.8^k (quality.h BestWorkSum) — every part of it is one
// paper's row in the explanation.
float Strength(const graph::GraphView& view, graph::AuthorId a, std::span<const float> work_weight);

}  // namespace st::scoring
