// Exact per-author scoring with the evidence: which works, which numbers.
#include <algorithm>

#include "scoring/quality.h"
#include "scoring/ranker_impl.h"

namespace st::scoring {

namespace {

// AuthorWorks is sorted by year (view.h), so works since a year are a suffix.
std::span<const graph::WorkId> WorksSince(const graph::GraphView& view, graph::AuthorId a, int since) {
  auto works = view.AuthorWorks(a);
  if (since <= 0) return works;
  auto it = std::partition_point(works.begin(), works.end(),
                                 [&](graph::WorkId w) { return view.Work(w).year < since; });
  return works.subspan(static_cast<size_t>(it - works.begin()));
}

}  // namespace

float ScoreAuthor(const graph::GraphView& view, const Ranker::Impl& impl, graph::AuthorId a,
                  std::span<const uint32_t> terms, int since) {
  double total = 0;
  const auto works = WorksSince(view, a, since);
  const size_t n = works.size();
  for (size_t k = 0; k < n; ++k) {
    // The works are scattered: fetch the forward-index rows a few works
    // ahead so the misses overlap (pure prefetch; the arithmetic is unchanged).
    if (k + 16 < n) __builtin_prefetch(&impl.work_term_offsets[works[k + 16]]);
    if (k + 8 < n) __builtin_prefetch(impl.work_terms.data() + impl.work_term_offsets[works[k + 8]]);
    const graph::WorkId w = works[k];
    const float text = impl.WorkText(w, terms);
    if (text == 0) continue;
    float position = 1.0f;
    for (const auto& s : view.WorkAuthors(w)) {
      if (s.author == a) {
        position = PositionWeight(s.position);
        break;
      }
    }
    total += text * impl.work_weight[w] * position;
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
  const auto works = WorksSince(view, a, since);
  for (size_t k = 0; k < works.size(); ++k) {
    if (!terms.empty() && k + 8 < works.size())  // as in ScoreAuthor
      __builtin_prefetch(impl.work_terms.data() + impl.work_term_offsets[works[k + 8]]);
    const graph::WorkId w = works[k];
    const float text = terms.empty() ? 0.0f : impl.WorkText(w, terms);
    if (!terms.empty() && text == 0) continue;
    float position = 1.0f;
    for (const auto& s : view.WorkAuthors(w)) {
      if (s.author == a) {
        position = PositionWeight(s.position);
        break;
      }
    }
    const float weight = impl.work_weight[w] * position;
    const float contribution = terms.empty() ? weight : text * weight;
    total += contribution;
    rank_total += text * impl.work_weight[w] * position;  // ScoreAuthor's arithmetic
    parts.push_back({w, text, weight, contribution});
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
