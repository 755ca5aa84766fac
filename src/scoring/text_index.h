// BM25 text index for expert finding, built at ingest from each work's title,
// abstract and topic names (tokenizer.h). Two posting lists per term:
//   - work postings (work, bm25), sorted by work: exact per-paper scores for
//     the explanation and for --since;
//   - author postings (author, impact), sorted by impact descending, where
//     impact = sum over the author's works of bm25 x work weight x position
//     weight. Ranking sums impacts over query terms, which equals summing per
//     work (the sum is linear), so the lists give exact scores and let the
//     ranker stop early (threshold algorithm).
// A forward index (work -> its terms with BM25) lets the ranker score any
// candidate author exactly by walking their works, without a binary search
// per work and term (used for --since, small --org sets and explanations).
// The title is indexed twice (a cheap field boost). BM25: k1 = 1.2, b = 0.75.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "graph/view.h"
#include "scoring/derived_format.h"

namespace st::scoring {

struct TextIndexData {
  std::vector<uint64_t> term_offsets;  // num_terms + 1, into term_bytes
  std::string term_bytes;              // terms sorted bytewise
  std::vector<uint64_t> work_offsets;  // num_terms + 1
  std::vector<format::WorkPosting> works;
  std::vector<uint64_t> author_offsets;  // num_terms + 1
  std::vector<format::AuthorPosting> authors;
  std::vector<float> author_tail;  // per term: largest impact cut off (0: none)
  std::vector<uint64_t> work_term_offsets;  // num_works + 1
  std::vector<format::TermPosting> work_terms;  // forward index, sorted by term per work
};

// work_weight[w] = WorkQuality x Recency (quality.h). Reads the view only.
// Author lists longer than `max_author_postings` keep their top entries; the
// first dropped impact is kept as the term's tail bound.
TextIndexData BuildTextIndex(const graph::GraphView& view, std::span<const float> work_weight,
                             uint32_t max_author_postings = 20000);

// BM25 term weight of one posting.
float Bm25(uint32_t tf, uint32_t doc_len, double avg_len, uint32_t df, uint32_t num_docs);

}  // namespace st::scoring
