// Ranker: the query API over one graph version and its derived scoring data
// (scoring.bin, written at ingest by BuildDerived). Used by the `rank`,
// `author` and `orgs` commands and by the web API (encode results with
// scoring/json.h so both speak the same JSON).
//
// Scores (all explainable; the numbers behind them are returned):
//  - With a text query: score = sum over the author's works of
//      BM25(query, work) x impact(work) x recency(work) x position weight
//    (impact.h: citation percentile in the work's venue-year-source cohort,
//    estimated from status and rating when no count is known; recency
//    relative to the latest year in the graph; first/last author 1.0, middle 0.9).
//  - Without a query: overall strength (author_metrics.h Strength()): the
//    same sum without BM25.
//  - --org keeps authors whose CURRENT institution belongs to the resolved
//    organisations (org_resolver.h: "Google" includes DeepMind, ...).
//  - --since Y: only works published in year >= Y count as evidence (with a
//    query); without a query, only authors with a work since Y are listed.
//
// Thread-safety: Open() once; every const method may run concurrently.
// Lifetime: the Ranker keeps the GraphView alive (shared_ptr) and maps
// scoring.bin; returned structs own their strings (no views into the maps).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "graph/view.h"
#include "scoring/derived_format.h"

namespace st::scoring {

class DerivedFile;

struct RankQuery {
  std::string text;       // empty: overall strength
  std::string org;        // empty: everyone
  int since_year = 0;     // 0: all years
  size_t top = 50;
  size_t offset = 0;
  bool exhaustive = false;  // score every matching work (no early stop); for tests
};

// One paper's part in an author's score.
struct Contribution {
  graph::WorkId work = graph::kNone;
  std::string source_id;  // "W2741809807", "iclr2023:..."
  std::string title;
  int year = 0;
  std::string venue;
  int32_t citations = -1;         // -1: unknown (no source gave a count), never 0
  std::string citations_source;   // "Google Scholar", "OpenAlex", ... ("" when unknown)
  int32_t citations_as_of = 0;    // yyyymmdd of that count; 0 when the source does not say
  // Cohort-normalised impact (impact.h): percentile 0..1, its value, "known",
  // "estimated" or "not counted", and the evidence in words.
  float impact_percentile = -1;
  float impact_value = 0;
  std::string impact_kind;
  std::string impact_basis;
  std::string status;   // "oral", "spotlight", "poster", "" ...
  std::string position; // "first", "middle", "last"
  float text = 0;       // BM25 of the query on this work (0 without a query)
  float weight = 0;     // impact x recency x position (quality.h WorkWeight)
  float contribution = 0;
};

struct RankedAuthor {
  graph::AuthorId author = graph::kNone;
  size_t rank = 0;  // 1-based, including offset
  std::string name;
  std::string openalex_id;
  std::string orcid;
  std::string institution;  // current
  std::string org;          // current institution's organisation
  float score = 0;
  uint32_t matched_works = 0;  // works that matched the query (and --since)
  format::AuthorMetrics metrics{};
  std::vector<Contribution> top_papers;  // the 3 that contributed most
};

struct RankResponse {
  std::vector<RankedAuthor> authors;
  std::vector<std::string> terms;          // query terms found in the index
  std::vector<std::string> missing_terms;  // query terms no work contains
  std::vector<std::string> orgs;           // organisations --org resolved to
  std::string org_rule;                    // how (org_resolver.h)
  int now_year = 0;
  uint64_t candidates = 0;  // authors scored before the cut (work done)
};

struct AffiliationEntry {
  std::string institution, org, country;
  int first_year = 0, last_year = 0;
  uint32_t works = 0;
};
struct TopicShare {
  std::string name, field;
  float weight = 0;  // share of the author's topic weight, 0..1
};
struct YearCount {
  int year = 0;
  uint32_t count = 0;
};
struct CoauthorSummary {
  graph::AuthorId author = graph::kNone;
  std::string name, org;
  float weight = 0;
  uint32_t shared_works = 0;
};

struct AuthorProfile {
  graph::AuthorId author = graph::kNone;
  std::string name, openalex_id, orcid, openreview_id, position_title;
  float identity_confidence = 0;
  std::string identity_reason;
  std::string institution, org;  // current
  format::AuthorMetrics metrics{};
  int now_year = 0;
  uint32_t pagerank_rank = 0;  // 1 = most central author in the graph
  std::vector<AffiliationEntry> history;
  std::vector<TopicShare> top_topics;        // up to 10
  std::vector<YearCount> top_venue_by_year;  // ascending year
  std::vector<Contribution> top_papers;      // up to 10, by citations
  std::vector<CoauthorSummary> coauthors;    // up to 15, by edge weight
};

struct PaperRef {
  graph::WorkId work = graph::kNone;
  std::string title;
  int year = 0;
};
struct PathHop {
  graph::AuthorId from = graph::kNone, to = graph::kNone;
  std::string from_name, to_name;
  uint32_t shared_works = 0;
  std::vector<PaperRef> shared;  // up to 3, newest first
};
struct WarmPath {
  std::vector<PathHop> hops;  // hops.front().from is one of the given people
};

struct OrgsQuery {
  std::string topic;  // empty: overall strength
  int since_year = 0;
  size_t top = 20;
  size_t pool = 500;  // "strong" = in the top `pool` researchers for the topic
};
struct OrgStrength {
  std::string org;
  uint32_t strong = 0;       // researchers in the pool currently there
  uint32_t researchers = 0;  // all researchers currently there
  float density = 0;         // strong / researchers
  float score_sum = 0;       // summed pool scores
  std::vector<std::string> top_names;  // up to 3 strongest in the pool
};
struct OrgsResponse {
  std::vector<OrgStrength> orgs;
  size_t pool = 0;
  int now_year = 0;
};

struct AuthorMatch {
  graph::AuthorId author = graph::kNone;
  std::string name, org;
  std::string reason;  // "OpenAlex id", "ORCID", "OpenReview id", "name"
  float strength = 0;
};

class Ranker {
 public:
  // Maps scoring.bin of the view's version dir. Errors: NotFound (no scoring
  // data: the graph predates it; `superteam ingest --graph DIR` rebuilds it), Corruption (damaged file or a
  // file that does not belong to this graph).
  static Result<std::unique_ptr<Ranker>> Open(std::shared_ptr<const graph::GraphView> view);
  ~Ranker();

  // Errors: InvalidInput (top = 0 or > 10000, org matches nothing).
  Result<RankResponse> Rank(const RankQuery& query) const;
  // Errors: NotFound (author id out of range).
  Result<AuthorProfile> Profile(graph::AuthorId author) const;
  // Shortest co-author paths from `from` to `target`, up to max_len hops, at
  // most k paths, shortest and strongest first.
  Result<std::vector<WarmPath>> WarmPaths(graph::AuthorId target, std::span<const graph::AuthorId> from,
                                          int max_len = 4, size_t k = 5) const;
  // Organisations by talent density for a topic.
  Result<OrgsResponse> Orgs(const OrgsQuery& query) const;
  // OpenAlex id / ORCID / OpenReview id (any accepted spelling) or a name.
  // Several matches for a name are ordered by strength. Errors: NotFound.
  Result<std::vector<AuthorMatch>> ResolveAuthor(std::string_view text) const;

  const graph::GraphView& view() const { return *view_; }
  const format::AuthorMetrics& Metrics(graph::AuthorId a) const { return metrics_[a]; }
  std::string_view OrgName(uint32_t org) const;

  struct Impl;

 private:
  Ranker() = default;
  std::shared_ptr<const graph::GraphView> view_;
  std::unique_ptr<DerivedFile> file_;
  std::span<const format::AuthorMetrics> metrics_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace st::scoring
