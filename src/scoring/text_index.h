// BM25 text index for expert finding, built at ingest from each work's title,
// abstract and topic names (tokenizer.h). Two posting lists per term:
//   - work postings (work, bm25), sorted by work: exact per-paper scores for
//     the explanation and for --since;
//   - author postings (author, impact), sorted by impact descending, where
//     impact = sum over the author's works of bm25 x work weight x position
//     weight. Ranking sums impacts over query terms, which equals summing per
//     work (the sum is linear), so the lists give exact scores and let the
//     ranker stop early (threshold algorithm). A term's authors are split into
//     one list per shard (derived_format.h ShardList: big organisations get a
//     shard each), so --org reads only the organisation's own lists, and the
//     lists exist once for all years and once per "since" cut year (layers),
//     so --since reads impacts of the works it counts.
// A forward index (work -> its terms with BM25) lets the ranker score any
// candidate author exactly by walking their works, without a binary search
// per work and term (used for --since, small --org sets and explanations).
// The title is indexed twice (a cheap field boost). BM25: k1 = 1.2, b = 0.75.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "graph/view.h"
#include "scoring/derived_file.h"
#include "scoring/derived_format.h"

namespace st::scoring {

// The postings arrays (work postings, author postings, forward index) are the
// bulk of the index: they are spilled to temporary files as they are built and
// the output file copies them in (DerivedFileWriter::AddSpilled); they must be
// Finish()ed first.
struct TextIndexData {
  std::vector<uint64_t> term_offsets;  // num_terms + 1, into term_bytes
  std::string term_bytes;              // terms sorted bytewise
  std::vector<uint64_t> work_offsets;  // num_terms + 1, into works
  std::unique_ptr<SpillArray> works;   // WorkPosting, by term
  std::vector<int32_t> since_years;        // the cut year of each layer after the first
  std::vector<uint64_t> list_offsets;      // num_terms x layers + 1, into lists
  std::vector<format::ShardList> lists;    // by term, layer, shard, plus a sentinel
  std::unique_ptr<SpillArray> authors;     // AuthorPosting, the lists' postings in order
  std::vector<uint64_t> work_term_offsets;  // num_works + 1, into work_terms
  std::unique_ptr<SpillArray> work_terms;   // TermPosting: forward index, sorted by term per work
};

struct TextIndexOptions {
  // Besides the all-years author lists (layer 0), one layer per year Y here
  // whose impacts count only works from Y on, so --since Y stops as early as
  // a query without it.
  std::vector<int32_t> since_years;
  // Lists longer than this keep their top entries; the first dropped impact
  // is kept as the list's tail bound.
  uint32_t max_author_postings = 20000;  // all-years layer
  uint32_t max_since_postings = 20000;   // since layers
  std::string spill_dir = ".";  // where postings are spilled while building
  // Work postings are turned from work order into term order one range of
  // terms at a time, each range holding about this many postings (8 bytes
  // each) in memory: the build's memory does not grow with the corpus.
  uint64_t bucket_postings = uint64_t{4} << 20;
};

// work_weight[w] = WorkQuality x Recency (quality.h); author_shard[a] is the
// shard of author a's postings. Reads the view only; tokenises each work once.
// Errors: IoError / ResourceExhausted from the spill files.
Result<TextIndexData> BuildTextIndex(const graph::GraphView& view, std::span<const float> work_weight,
                                     std::span<const uint32_t> author_shard, const TextIndexOptions& options);

// The text of work w the index tokenises: title twice (a field boost), abstract, topic names.
void IndexedText(const graph::GraphView& view, graph::WorkId w, std::string* text);

// BM25 term weight of one posting.
float Bm25(uint32_t tf, uint32_t doc_len, double avg_len, uint32_t df, uint32_t num_docs);

}  // namespace st::scoring
