// On-disk layout of the derived scoring data: one file `scoring.bin` in the
// graph version dir, written by BuildDerived (derived.cc) and mapped by the
// Ranker. Little-endian, plain arrays, every payload 8-byte aligned:
//
//   Header (40 bytes) | SectionEntry[num_sections] (24 bytes each) | payloads
//
// Readers check magic, version, file size, that every section lies inside the
// file and has the element size they expect, and that ids stored in sections
// are below their table sizes before use (Corruption otherwise).
#pragma once

#include <cstdint>

namespace st::scoring::format {

inline constexpr char kMagic[8] = {'S', 'T', 'S', 'C', 'O', 'R', 'E', '\0'};
inline constexpr char kFileName[] = "scoring.bin";
// 2: forward index; 3: capped author lists + tail bound; 4: author lists split by
// organisation shard (kTermLists, kOrgShard) and by since-year layer (kSinceYears);
// 5: per-author evidence rows (kAuthorWorkOffsets, kAuthorWorks); 6: known citation counts only
// (AuthorMetrics::counted_works) and cohort-normalised impact (kWorkImpact, cohorts, estimate cells)
inline constexpr uint32_t kVersion = 6;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t num_sections;
  uint64_t file_size;
  int32_t now_year;  // latest year in the graph: "now" for recency
  uint32_t num_authors;
  uint32_t num_works;
  uint32_t num_orgs;
};
static_assert(sizeof(Header) == 40);

struct SectionEntry {
  uint32_t id;
  uint32_t elem_size;
  uint64_t offset;
  uint64_t count;
};
static_assert(sizeof(SectionEntry) == 24);

// Per-author metrics, one row per AuthorId.
// Citation metrics (citations, h_index, i10) count only works with a known
// count: `counted_works` of `works` had one (an unknown count is not 0).
struct AuthorMetrics {
  int64_t citations;         // sum of known cited_by_count
  int64_t recent_citations;  // last 3 years up to now_year
  uint32_t works;            // excluding rejected / withdrawn submissions
  uint32_t h_index;
  uint32_t i10;
  uint32_t first_author;
  uint32_t last_author;
  uint32_t top_venue_papers;  // accepted at a top AI venue (see venues.h)
  uint16_t orals;
  uint16_t spotlights;
  uint16_t awards;
  int16_t first_year;  // 0 when unknown
  int16_t last_year;
  uint16_t reserved;
  float mean_rating;  // mean review rating over rated works, -1 when none
  float rising;       // metrics.h Rising()
  float pagerank;     // co-author PageRank probability (sums to 1)
  float strength;     // overall strength (ranker.h: no-query ranking): the sum over the
                      // author's works of kWorkWeight x PositionWeight
  uint32_t current_org;  // org id (kOrgNames row) or 0xFFFFFFFF
  uint32_t counted_works;  // works (as counted in `works`) with a known citation count
  uint32_t estimated_works;  // works (as counted in `works`) whose impact is estimated
  float impact;              // sum of the works' impact values (impact.h), before position and recency
  uint32_t reserved2;
};
static_assert(sizeof(AuthorMetrics) == 88);

// How a work's impact was found (scoring/impact.h).
enum class ImpactKind : uint8_t {
  kNotCounted = 0,  // rejected or withdrawn: no impact
  kKnown = 1,       // citation percentile in its cohort
  kEstimated = 2,   // no count: expected from status and rating
};

// One work's impact (kWorkImpact).
struct WorkImpact {
  float percentile;   // 0..1: within the cohort (known) or expected (estimated)
  float value;        // ImpactValue: what the work adds before position and recency
  uint32_t basis;     // cohort id (known) or estimate cell id (estimated)
  uint8_t kind;       // ImpactKind
  uint8_t rating_bin; // 0 no rating; 1..4 quarter of its venue-year's ratings (4 top)
  uint8_t team_bin;   // 0 no track record; 1..10 band (tenth) of the team records of known works (10 top)
  uint8_t team_percent;  // the team record: mean percentile (x100, floored) of the authors' other counted papers
};
static_assert(sizeof(WorkImpact) == 16);

// Known papers of one estimate cell (kEstimateCells).
struct EstimateCell {
  uint32_t n;             // known papers in the cell
  float mean_percentile;  // their mean percentile
  float mean_value;       // their mean impact value: an estimated work's value
  uint32_t reserved;
};
static_assert(sizeof(EstimateCell) == 16);

// Posting of a term in the text index.
struct WorkPosting {  // sorted by work within a term
  uint32_t work;
  float bm25;
};
struct AuthorPosting {  // sorted by score descending within a term
  uint32_t author;
  float score;  // sum over the author's works of bm25 * work weight * position weight
};
struct TermPosting {  // forward index: the terms of one work, sorted by term
  uint32_t term;
  float bm25;
};
static_assert(sizeof(WorkPosting) == 8 && sizeof(AuthorPosting) == 8 && sizeof(TermPosting) == 8);

// One authorship as exact scoring reads it: everything about the work it
// needs besides the query's BM25, so scoring an author walks one contiguous
// row per author plus one forward-index row per work (instead of ~5 scattered
// reads per work in the graph and this file).
struct AuthorWork {
  uint64_t terms;      // the work's first TermPosting in kWorkTerms
  uint32_t num_terms;  // its TermPostings
  uint32_t work;
  float weight;        // kWorkWeight[work]: impact x recency (quality.h WorkWeight)
  int16_t year;        // WorkInfo::year
  uint8_t position;    // corpus::AuthorPosition of the author on the work
  uint8_t reserved;
};
static_assert(sizeof(AuthorWork) == 24);

// One impact-ordered author list: the authors of one term in one shard. Each
// organisation with many current members is a shard of its own, everyone else
// shares the last shard, so an --org query reads only its members' lists and a
// query without --org reads all of a term's lists. The list's postings are
// kTermAuthors[begin, next ShardList's begin).
struct ShardList {
  uint32_t shard;
  float tail;      // bound on the impacts cut off this list (0: none were)
  uint64_t begin;  // into kTermAuthors
};
static_assert(sizeof(ShardList) == 16);
// ShardList::shard of a list that holds authors of every shard (the since
// layers are not split: see kSinceYears).
inline constexpr uint32_t kAllShards = 0xFFFFFFFF;

enum Section : uint32_t {
  kAuthorMetrics = 1,    // AuthorMetrics[num_authors]
  kStrengthOrder = 2,    // uint32 author ids by strength, descending
  kOrgNameOffsets = 3,   // uint64[num_orgs + 1] into kOrgNameBytes
  kOrgNameBytes = 4,     // char
  kInstOrg = 5,          // uint32[num_institutions] org id
  kOrgAuthorOffsets = 6, // uint64[num_orgs + 1] into kOrgAuthors
  kOrgAuthors = 7,       // uint32 author ids currently at the org, by strength
  kWorkWeight = 8,       // float[num_works]: impact x recency (quality.h WorkWeight)
  kTermOffsets = 9,      // uint64[num_terms + 1] into kTermBytes (terms sorted)
  kTermBytes = 10,       // char
  kTermWorkOffsets = 11, // uint64[num_terms + 1] into kTermWorks
  kTermWorks = 12,       // WorkPosting
  kTermListOffsets = 13,   // uint64[num_terms x layers + 1] into kTermLists;
                            // term t's lists of layer l start at [t x layers + l]
  kTermAuthors = 14,        // AuthorPosting, list by list (ShardList)
  kWorkTermOffsets = 15,    // uint64[num_works + 1] into kWorkTerms
  kWorkTerms = 16,          // TermPosting, sorted by term within a work
  kTermLists = 17,          // ShardList, by term, layer, shard, plus one sentinel
                            // whose begin is the size of kTermAuthors
  kOrgShard = 18,           // uint32[num_orgs + 1]: each org's shard; the last
                            // entry is the shared shard (also for no org)
  kSinceYears = 19,         // int32[layers - 1]: layer 0 counts all years,
                            // layer l >= 1 only works from kSinceYears[l - 1]
                            // on, in one list per term (shard kAllShards)
  kAuthorWorkOffsets = 20,  // uint64[num_authors + 1] into kAuthorWorks
  kAuthorWorks = 21,        // AuthorWork, each author's works in the graph's
                            // author -> works order (by year)
  kWorkImpact = 22,         // WorkImpact[num_works]
  kCohortSizes = 23,        // uint32 per cohort: known counts in it
  kCohortLabelOffsets = 24, // uint64[cohorts + 1] into kCohortLabelBytes
  kCohortLabelBytes = 25,   // char: "NeurIPS 2017, Google Scholar"
  kEstimateCells = 26,      // EstimateCell per cell
  kCellLabelOffsets = 27,   // uint64[cells + 1] into kCellLabelBytes
  kCellLabelBytes = 28,     // char: "orals rated in the top quarter of their venue-year"
};

}  // namespace st::scoring::format
