#include "scoring/author_metrics.h"

#include <algorithm>
#include <cmath>

#include "corpus/work_record.h"
#include "scoring/metrics.h"
#include "scoring/quality.h"

namespace st::scoring {

int LatestYear(const graph::GraphView& view) {
  int latest = 0;
  for (graph::WorkId w = 0; w < view.num_works(); ++w) {
    latest = std::max<int>(latest, view.Work(w).year);
    for (const auto& y : view.WorkCitationsByYear(w)) latest = std::max<int>(latest, y.year);
  }
  return latest;
}

std::vector<bool> TopVenueFlags(const graph::GraphView& view) {
  std::vector<bool> flags(view.num_venues());
  for (graph::VenueId v = 0; v < view.num_venues(); ++v) flags[v] = IsTopVenue(view.VenueName(v));
  return flags;
}

format::AuthorMetrics ComputeAuthorMetrics(const graph::GraphView& view, graph::AuthorId a,
                                           int now_year, const std::vector<bool>& top_venue,
                                           std::span<const format::WorkImpact> impact,
                                           std::span<const float> work_weight) {
  format::AuthorMetrics m{};
  m.mean_rating = -1;
  m.current_org = graph::kNone;
  std::vector<int32_t> cited;
  int64_t recent = 0;
  double rating_sum = 0;
  uint32_t rated = 0;
  for (graph::WorkId w : view.AuthorWorks(a)) {
    const auto& info = view.Work(w);
    if (info.rating_avg >= 0) {  // reviews exist for rejected papers too
      rating_sum += info.rating_avg;
      ++rated;
    }
    if (!IsAccepted(info)) continue;
    cited.push_back(info.cited_by_count);
    m.impact += impact[w].value;
    m.estimated_works += impact[w].kind == static_cast<uint8_t>(format::ImpactKind::kEstimated);
    recent += RecentCitations(view.WorkCitationsByYear(w), now_year);
    if (info.year > 0) {
      if (m.first_year == 0 || info.year < m.first_year) m.first_year = info.year;
      m.last_year = std::max(m.last_year, info.year);
    }
    if (info.venue != graph::kNone && info.venue < top_venue.size() && top_venue[info.venue])
      ++m.top_venue_papers;
    switch (static_cast<corpus::PaperStatus>(info.status)) {
      case corpus::PaperStatus::kOral: ++m.orals; break;
      case corpus::PaperStatus::kSpotlight: ++m.spotlights; break;
      case corpus::PaperStatus::kAward: ++m.awards; break;
      default: break;
    }
    for (const auto& slot : view.WorkAuthors(w)) {
      if (slot.author != a) continue;
      const auto p = static_cast<corpus::AuthorPosition>(slot.position);
      if (p == corpus::AuthorPosition::kFirst) ++m.first_author;
      if (p == corpus::AuthorPosition::kLast) ++m.last_author;
      break;
    }
  }
  m.works = static_cast<uint32_t>(cited.size());
  m.counted_works = static_cast<uint32_t>(std::count_if(cited.begin(), cited.end(), [](int32_t c) { return c >= 0; }));
  m.citations = CitationSum(cited);
  m.h_index = HIndex(cited);
  m.i10 = I10Index(cited);
  m.recent_citations = recent;
  if (rated > 0) m.mean_rating = static_cast<float>(rating_sum / rated);
  const int career = m.first_year > 0 ? now_year - m.first_year + 1 : 1;
  m.rising = Rising(recent, career);
  m.strength = Strength(view, a, work_weight);
  return m;
}

float Strength(const graph::GraphView& view, graph::AuthorId a, std::span<const float> work_weight) {
  std::vector<float> parts;
  for (graph::WorkId w : view.AuthorWorks(a)) {
    for (const auto& slot : view.WorkAuthors(w)) {
      if (slot.author != a) continue;
      parts.push_back(work_weight[w] * PositionWeight(slot.position));
      break;
    }
  }
  return static_cast<float>(BestWorkSum(parts));
}

}  // namespace st::scoring
