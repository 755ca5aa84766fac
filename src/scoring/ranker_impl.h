// Internal to the Ranker (ranker*.cc): the mapped sections and the shared
// helpers. Not part of the public API.
#pragma once

#include <algorithm>
#include <atomic>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/derived_file.h"
#include "scoring/org_resolver.h"
#include "scoring/ranker.h"

namespace st::scoring {

struct Ranker::Impl {
  std::span<const uint32_t> strength_order;
  std::span<const uint64_t> org_name_offsets;
  std::span<const char> org_name_bytes;
  std::span<const uint32_t> inst_org;
  std::span<const uint64_t> org_author_offsets;
  std::span<const uint32_t> org_authors;
  std::span<const float> work_weight;
  std::span<const uint64_t> term_offsets;
  std::span<const char> term_bytes;
  std::span<const uint64_t> term_work_offsets;
  std::span<const format::WorkPosting> term_works;
  std::span<const uint64_t> term_list_offsets;
  std::span<const format::ShardList> term_lists;  // with the sentinel
  std::span<const format::AuthorPosting> term_authors;
  std::span<const uint32_t> org_shard;  // num_orgs + 1 (last: the shared shard)
  std::span<const int32_t> since_years;  // cut year of each layer after the first
  std::span<const format::TermPosting> work_terms;
  std::span<const uint64_t> author_work_offsets;
  std::span<const format::AuthorWork> author_works;
  std::span<const format::WorkImpact> work_impact;
  std::span<const uint32_t> cohort_sizes;
  std::span<const uint64_t> cohort_label_offsets;
  std::span<const char> cohort_label_bytes;
  std::span<const format::EstimateCell> cells;
  std::span<const uint64_t> cell_label_offsets;
  std::span<const char> cell_label_bytes;
  std::optional<OrgResolver> resolver;
  int now_year = 0;
  // The large posting arrays are checked where they are read, not at Open
  // (reading 4+ GB at every CLI call): an id out of range is skipped and
  // sets this flag, and Rank() then answers Corruption.
  mutable std::atomic<bool> corrupt{false};
  void MarkCorrupt() const { corrupt.store(true, std::memory_order_relaxed); }

  uint32_t num_orgs() const { return static_cast<uint32_t>(org_name_offsets.size() - 1); }
  uint32_t num_terms() const { return static_cast<uint32_t>(term_offsets.size() - 1); }
  std::string_view Term(uint32_t t) const {
    return {term_bytes.data() + term_offsets[t], term_offsets[t + 1] - term_offsets[t]};
  }
  // Index of `term` in the sorted dictionary, or -1.
  int64_t FindTerm(std::string_view term) const;
  std::span<const format::WorkPosting> TermWorks(uint32_t t) const {
    return term_works.subspan(term_work_offsets[t], term_work_offsets[t + 1] - term_work_offsets[t]);
  }
  size_t num_layers() const { return since_years.size() + 1; }
  // Term t's author lists in `layer` (0: all years; l: since since_years[l-1]),
  // one per shard that has any of its authors.
  std::span<const format::ShardList> TermLists(uint32_t t, size_t layer) const {
    const size_t i = t * num_layers() + layer;
    return term_lists.subspan(term_list_offsets[i], term_list_offsets[i + 1] - term_list_offsets[i]);
  }
  // `l` must be an element of term_lists other than the sentinel.
  std::span<const format::AuthorPosting> ListAuthors(const format::ShardList& l) const {
    return term_authors.subspan(l.begin, (&l)[1].begin - l.begin);
  }
  uint32_t num_shards() const { return org_shard.back() + 1; }
  // Author a's evidence rows, by year.
  std::span<const format::AuthorWork> AuthorWorks(graph::AuthorId a) const {
    return author_works.subspan(author_work_offsets[a], author_work_offsets[a + 1] - author_work_offsets[a]);
  }
  // The forward-index row a evidence row points to (empty and MarkCorrupt()
  // when it lies outside kWorkTerms).
  std::span<const format::TermPosting> RowTerms(const format::AuthorWork& r) const {
    if (r.terms > work_terms.size() || r.num_terms > work_terms.size() - r.terms) {
      MarkCorrupt();
      return {};
    }
    return work_terms.subspan(r.terms, r.num_terms);
  }
  // Sum of the BM25 of the (ascending) query terms in a work's forward-index row.
  static float WorkText(std::span<const format::TermPosting> fw, std::span<const uint32_t> sorted_terms) {
    float text = 0;
    if (sorted_terms.size() * 8 < fw.size()) {
      // Few query terms, many work terms: binary-search each query term in
      // the (term-sorted) forward list. Same matches, added in the same
      // ascending term order as the merge below, so the same float sum.
      const format::TermPosting* lo = fw.data();
      const format::TermPosting* const end = fw.data() + fw.size();
      for (uint32_t t : sorted_terms) {
        lo = std::lower_bound(lo, end, t, [](const format::TermPosting& p, uint32_t v) { return p.term < v; });
        if (lo == end) break;
        if (lo->term == t) text += lo->bm25;
      }
      return text;
    }
    size_t i = 0, j = 0;
    while (i < fw.size() && j < sorted_terms.size()) {
      if (fw[i].term < sorted_terms[j]) {
        ++i;
      } else if (fw[i].term > sorted_terms[j]) {
        ++j;
      } else {
        text += fw[i].bm25;
        ++i, ++j;
      }
    }
    return text;
  }
  std::span<const uint32_t> OrgAuthors(uint32_t org) const {
    return org_authors.subspan(org_author_offsets[org], org_author_offsets[org + 1] - org_author_offsets[org]);
  }
};

// `terms` below are always sorted ascending (dictionary order).
// The score of author `a` for the query terms (empty: no query) counting
// works since `since` (0: all), with the 3 works that contributed most and the
// author's identity and metrics filled in. rank is left 0.
// rank_score (optional) receives the score exactly as ScoreAuthor computes
// it (the explanation's own sum rounds differently).
RankedAuthor ExplainAuthor(const Ranker& ranker, const Ranker::Impl& impl, graph::AuthorId a,
                           std::span<const uint32_t> terms, int since, float* rank_score = nullptr);
// The same score without building the explanation (hot path of ranking).
float ScoreAuthor(const Ranker::Impl& impl, graph::AuthorId a, std::span<const uint32_t> terms, int since);
// A Contribution row for work `w` of author `a` (text/weight/contribution 0).
Contribution DescribeWork(const graph::GraphView& view, graph::WorkId w, graph::AuthorId a);

// Fills c's impact fields (percentile, value, kind, the evidence in words) for work c.work.
void DescribeWorkImpact(const Ranker::Impl& impl, const graph::GraphView& view, Contribution* c);

// Paper-status and author-position names for output.
std::string_view StatusName(uint8_t status);
std::string_view PositionName(uint8_t position);

}  // namespace st::scoring
