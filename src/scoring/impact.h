// A work's impact as a citation percentile within its cohort, estimated where
// no source counted it (issue 14). Computed once at ingest (BuildDerived);
// pure over a GraphView, thread-safe.
//
// Known counts: like OpenAlex's citation_normalized_percentile (normalised by
// type, year and subfield) and the percentile indicators of bibliometrics, a
// count only means something against comparable papers. The cohort is the
// same venue family ("NeurIPS" whatever the spelling), the same publication
// year (a 2017 paper has had more time) and the same citation source (Google
// Scholar counts more than OpenAlex or Semantic Scholar). The percentile is
// mid-rank: (papers with fewer citations + half of those with as many) / n.
// A cohort with fewer than kMinCohort counts falls back to all venues of that
// year and source, then to the whole source. A work counted by several
// sources gets the mean of its percentiles.
//
// Unknown counts are not zero: an accepted paper without a count gets the
// expected impact of the known papers that look like it — the same status
// tier (award, oral, spotlight, poster, none given) and review-rating quarter
// within its venue-year — falling back to the status tier alone, then to all
// known papers, when a cell has fewer than kMinCell papers. It is marked
// estimated and its explanation names that evidence.
//
// A status is evidence of selection only where it selects: a venue-year (of
// at least kMinCohort accepted papers) where most accepted papers carry it
// (ICML 2018 and 2019 list every paper as an oral) counts those as tier 1,
// accepted. And an oral is not the same evidence at every venue (known ICLR
// orals average the 70th percentile of their cohorts, NeurIPS 63rd, CVPR
// 57th), so the same venue family's known papers of that tier come first:
// family x tier x team band, then family x tier after the cross-venue team
// cells (below), before the cross-venue status cells.
//
// What is known about a paper includes who wrote it: a paper's citations
// follow its authors' earlier ones (the best single predictor in citation
// studies), so an unknown count is also estimated from the team's track
// record — the mean percentile of its authors' OTHER counted papers (each
// author's papers, so a pair of co-authors on one earlier paper counts it
// twice), when there are at least kMinTeamRecord of them — binned into the
// kTeamRecordBands equal bands (tenths) of the track records of the known works. The cells learn this
// relation from the known works themselves (leaving each work out of its own
// record), most specific first: status tier x rating quarter x team band,
// status tier x team band, then as above. A work with no track record gets
// the status/rating estimate alone.
//
// The value of a percentile p is -ln(1 - p) (p capped at 0.999): the median
// paper 0.69, the top 10 % 2.3, the top 1 % 4.6 — one outstanding paper
// outweighs several ordinary ones, as hiring for impact wants.
//
// A percentile of a cohort cannot tell the 99th from the 99.99th (a cohort of
// 700 papers has no finer steps, and the cap stops at 0.999), so a landmark
// paper (the Transformer, 100x its cohort's top-1% count) would count no more
// than an ordinary top-1% one. Ratio indicators (OpenAlex's FWCI, the CNCI of
// bibliometrics: count / expected count of the cohort) keep that difference.
// Citation counts have a power-law tail, so beyond the cohort's 99th-percentile
// count the value continues the same scale, -ln P(C >= count), with a Pareto
// tail fitted to the cohort's top tenth by the Hill estimator:
//   value = value(anchor) + alpha ln(count / anchor), anchor = 99th-pct count,
// never below the percentile's own value. A work counted by several sources
// gets the mean of its per-source values.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/view.h"
#include "scoring/derived_format.h"

namespace st::scoring {

inline constexpr uint32_t kMinCohort = 30;
inline constexpr uint32_t kMinCell = 20;
inline constexpr uint32_t kMinTeamRecord = 3;
inline constexpr uint32_t kTeamRecordBands = 10;

// "neurips" for "NeurIPS", "NIPS", "NeurIPS 2023", "Advances in Neural
// Information Processing Systems"; likewise the other flagship venues;
// otherwise the folded name without years. "" for no venue.
std::string VenueFamily(std::string_view venue_name);

// -ln(1 - p), p clamped to [0, 0.999].
float ImpactValue(float percentile);

// A cohort's citation tail (FitTail): alpha 0 when it has none (fewer than
// kMinCohort counts, or a top tenth at 0 citations).
struct CohortTail {
  int32_t top_tenth = 0;     // the count at the 90th percentile: the Hill threshold
  int32_t anchor = 0;        // the count at the 99th percentile: the tail starts above it
  float anchor_value = 0;    // ImpactValue of the anchor's mid-rank percentile
  float alpha = 0;           // Hill estimate of the tail exponent over counts >= top_tenth
};
CohortTail FitTail(std::span<const int32_t> sorted_counts);
// ImpactValue(percentile), or beyond the anchor the tail's larger value.
float TailValue(const CohortTail& tail, float percentile, int32_t count);
// Separates a cohort label from the tail clause DescribeImpact adds for works beyond the anchor.
inline constexpr std::string_view kTailSeparator = " | ";

// Status tier of the estimate cells: 0 none given, 1 poster/accepted,
// 2 spotlight, 3 oral, 4 award.
uint8_t StatusTier(const graph::WorkInfo& w);

struct ImpactTables {
  std::vector<format::WorkImpact> works;       // one per work
  std::vector<uint32_t> cohort_sizes;          // per cohort
  std::vector<std::string> cohort_labels;      // "NeurIPS 2017, Google Scholar"
  std::vector<format::EstimateCell> cells;     // per estimate cell
  std::vector<std::string> cell_labels;        // "orals rated in the top quarter of their venue-year"
  std::vector<float> team_cuts;  // kTeamRecordBands - 1 team records cutting the known works' into equal bands
};

// Per work: its team's track record (the mean percentile of its authors'
// other counted papers), or -1 with fewer than kMinTeamRecord of them.
std::vector<float> TeamRecords(const graph::GraphView& view, std::span<const format::WorkImpact> impact);

ImpactTables ComputeImpact(const graph::GraphView& view);

// How a paper's known percentile follows each author position's track record:
// over the three-author papers with a known count whose three authors each
// have at least two OTHER counted papers, the least-squares fit
//   percentile = intercept + first x R_first + middle x R_middle + last x R_last,
// R = that author's mean percentile over their other counted papers. One
// author per position, so no group averages. The evidence behind
// quality.h's kMiddleAuthorWeight (printed by `rank_eval rank --cells`).
struct PositionFit {
  uint64_t papers = 0;
  double intercept = 0, first = 0, middle = 0, last = 0;
};
PositionFit FitPositionRecords(const graph::GraphView& view, std::span<const format::WorkImpact> impact);

// The explanation of one work's impact, e.g. "Google Scholar 777 (2025-06-01):
// 96th percentile of 679 NeurIPS 2017 papers counted by Google Scholar" or
// "estimated 81st percentile: no citation count; oral (known orals average
// the 81st percentile, n=412)". Labels and sizes as ComputeImpact made them.
std::string DescribeImpact(const format::WorkImpact& impact, const graph::WorkInfo& info,
                           std::span<const graph::CitationCount> counts, uint32_t cohort_size,
                           std::string_view cohort_label, const format::EstimateCell* cell,
                           std::string_view cell_label);

}  // namespace st::scoring
