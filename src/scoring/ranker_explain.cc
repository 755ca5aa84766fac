// Exact per-author scoring with the evidence: which works, which numbers.
#include <algorithm>

#include "corpus/work_record.h"
#include "scoring/impact.h"
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
  for (const graph::CitationCount& k : view.WorkCitationCounts(w)) {
    if (k.count != info.cited_by_count) continue;  // the shown count is the largest of the sources'
    c.citations_source = corpus::CitationSourceName(static_cast<corpus::CitationSource>(k.source));
    c.citations_as_of = k.as_of;
    break;
  }
  c.status = StatusName(info.status);
  for (const auto& s : view.WorkAuthors(w)) {
    if (s.author == a) {
      c.position = PositionName(s.position);
      break;
    }
  }
  return c;
}

void DescribeWorkImpact(const Ranker::Impl& impl, const graph::GraphView& view, Contribution* c) {
  if (c->work >= impl.work_impact.size()) return;
  const format::WorkImpact& wi = impl.work_impact[c->work];
  const auto label = [](std::span<const uint64_t> off, std::span<const char> bytes, uint32_t i) {
    return std::string_view(bytes.data() + off[i], off[i + 1] - off[i]);
  };
  const auto kind = static_cast<format::ImpactKind>(wi.kind);
  c->impact_value = wi.value;
  c->impact_percentile = kind == format::ImpactKind::kNotCounted ? -1.0f : wi.percentile;
  c->impact_kind = kind == format::ImpactKind::kKnown       ? "known"
                   : kind == format::ImpactKind::kEstimated ? "estimated"
                                                            : "not counted";
  const bool known = kind == format::ImpactKind::kKnown, estimated = kind == format::ImpactKind::kEstimated;
  c->impact_basis = DescribeImpact(
      wi, view.Work(c->work), view.WorkCitationCounts(c->work), known ? impl.cohort_sizes[wi.basis] : 0,
      known ? label(impl.cohort_label_offsets, impl.cohort_label_bytes, wi.basis) : std::string_view(),
      estimated ? &impl.cells[wi.basis] : nullptr,
      estimated ? label(impl.cell_label_offsets, impl.cell_label_bytes, wi.basis) : std::string_view());
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
  if (terms.empty()) {
    // Overall strength: best work first, the k-th counted x 0.8^k (quality.h BestWorkSum).
    std::sort(parts.begin(), parts.end(), [](const Part& x, const Part& y) {
      return x.contribution != y.contribution ? x.contribution > y.contribution : x.work < y.work;
    });
    double factor = 1;
    total = 0;
    for (Part& p : parts) {
      p.contribution = static_cast<float>(p.contribution * factor);
      total += p.contribution;
      factor *= kBestWorkDiscount;
    }
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
    DescribeWorkImpact(impl, view, &c);
    r.top_papers.push_back(std::move(c));
  }
  return r;
}

}  // namespace st::scoring
