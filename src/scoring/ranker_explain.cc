// Exact per-author scoring with the evidence: which works, which numbers.
#include <algorithm>

#include "scoring/quality.h"
#include "scoring/ranker_impl.h"

namespace st::scoring {

namespace {

// Evidence rows are in year order, so works since a year are a suffix.
std::span<const format::AuthorWork> RowsSince(const Ranker::Impl& impl, graph::AuthorId a, int since) {
  auto rows = impl.AuthorWorks(a);
  if (since <= 0) return rows;
  auto it = std::partition_point(rows.begin(), rows.end(), [&](const format::AuthorWork& r) { return r.year < since; });
  return rows.subspan(static_cast<size_t>(it - rows.begin()));
}

// Fetches the forward-index row of the evidence row 8 ahead, so the misses
// of scattered works overlap (pure prefetch; the arithmetic is unchanged).
void PrefetchAhead(const Ranker::Impl& impl, std::span<const format::AuthorWork> rows, size_t k) {
  if (k + 8 < rows.size() && rows[k + 8].terms < impl.work_terms.size())
    __builtin_prefetch(impl.work_terms.data() + rows[k + 8].terms);
}

}  // namespace

float ScoreAuthor(const Ranker::Impl& impl, graph::AuthorId a, std::span<const uint32_t> terms, int since) {
  double total = 0;
  const auto rows = RowsSince(impl, a, since);
  for (size_t k = 0; k < rows.size(); ++k) {
    PrefetchAhead(impl, rows, k);
    const format::AuthorWork& r = rows[k];
    const float text = Ranker::Impl::WorkText(impl.RowTerms(r), terms);
    if (text == 0) continue;
    total += text * r.weight * PositionWeight(r.position);
  }
  return static_cast<float>(total);
}

Contribution DescribeWork(const graph::GraphView& view, graph::WorkId w, graph::AuthorId a) {
  Contribution c;
  const auto& info = view.Work(w);
  c.work = w;
  c.source_id = view.WorkSourceId(w);
  c.title = view.WorkTitle(w);
  c.year = info.year;
  if (info.venue != graph::kNone && info.venue < view.num_venues()) c.venue = view.VenueName(info.venue);
  c.citations = info.cited_by_count;
  c.status = StatusName(info.status);
  for (const auto& s : view.WorkAuthors(w)) {
    if (s.author == a) {
      c.position = PositionName(s.position);
      break;
    }
  }
  return c;
}

RankedAuthor ExplainAuthor(const Ranker& ranker, const Ranker::Impl& impl, graph::AuthorId a,
                           std::span<const uint32_t> terms, int since, float* rank_score) {
  const graph::GraphView& view = ranker.view();
  RankedAuthor r;
  r.author = a;
  r.name = view.AuthorName(a);
  r.openalex_id = view.AuthorOpenAlexId(a);
  r.orcid = view.AuthorOrcid(a);
  r.metrics = ranker.Metrics(a);
  const graph::InstId inst = view.AuthorCurrentInstitution(a);
  if (inst != graph::kNone && inst < view.num_institutions()) r.institution = view.InstName(inst);
  r.org = ranker.OrgName(r.metrics.current_org);

  struct Part {
    graph::WorkId work;
    float text, weight, contribution;
  };
  std::vector<Part> parts;
  double total = 0, rank_total = 0;
  const auto rows = RowsSince(impl, a, since);
  for (size_t k = 0; k < rows.size(); ++k) {
    if (!terms.empty()) PrefetchAhead(impl, rows, k);
    const format::AuthorWork& r = rows[k];
    if (r.work >= view.num_works()) {
      impl.MarkCorrupt();
      continue;
    }
    const float text = terms.empty() ? 0.0f : Ranker::Impl::WorkText(impl.RowTerms(r), terms);
    if (!terms.empty() && text == 0) continue;
    const float position = PositionWeight(r.position);
    const float weight = r.weight * position;
    const float contribution = terms.empty() ? weight : text * weight;
    total += contribution;
    rank_total += text * r.weight * position;  // ScoreAuthor's arithmetic
    parts.push_back({r.work, text, weight, contribution});
  }
  r.matched_works = terms.empty() ? 0 : static_cast<uint32_t>(parts.size());
  r.score = static_cast<float>(total);
  if (rank_score) *rank_score = static_cast<float>(rank_total);
  const size_t keep = std::min<size_t>(3, parts.size());
  std::partial_sort(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(keep), parts.end(),
                    [](const Part& x, const Part& y) {
                      return x.contribution != y.contribution ? x.contribution > y.contribution : x.work < y.work;
                    });
  for (size_t i = 0; i < keep; ++i) {
    Contribution c = DescribeWork(view, parts[i].work, a);
    c.text = parts[i].text;
    c.weight = parts[i].weight;
    c.contribution = parts[i].contribution;
    r.top_papers.push_back(std::move(c));
  }
  return r;
}

}  // namespace st::scoring
