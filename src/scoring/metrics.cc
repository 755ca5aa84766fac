#include "scoring/metrics.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace st::scoring {

int64_t CitationSum(std::span<const int32_t> cited_by) {
  int64_t sum = 0;
  for (int32_t c : cited_by) {
    if (c > 0) sum += c;
  }
  return sum;
}

uint32_t HIndex(std::span<const int32_t> cited_by) {
  // Counting sort by citations capped at n: O(n), no allocation beyond n+1.
  const size_t n = cited_by.size();
  std::vector<uint32_t> buckets(n + 1, 0);
  for (int32_t c : cited_by) {
    if (c <= 0) continue;  // unknown (-1) and uncited works cannot raise h
    buckets[std::min<size_t>(static_cast<size_t>(c), n)]++;
  }
  uint32_t at_least = 0;
  for (size_t h = n; h > 0; --h) {
    at_least += buckets[h];
    if (at_least >= h) return static_cast<uint32_t>(h);
  }
  return 0;
}

uint32_t I10Index(std::span<const int32_t> cited_by) {
  return static_cast<uint32_t>(std::count_if(cited_by.begin(), cited_by.end(),
                                             [](int32_t c) { return c >= 10; }));
}

int64_t RecentCitations(std::span<const graph::YearCitations> by_year, int now_year, int years) {
  int64_t sum = 0;
  for (const auto& y : by_year) {
    if (y.year > now_year - years && y.year <= now_year && y.count > 0) sum += y.count;
  }
  return sum;
}

float Rising(int64_t recent_citations, int career_years) {
  if (recent_citations <= 0) return 0.0f;
  const double age = std::max(1, career_years);
  return static_cast<float>(static_cast<double>(recent_citations) / 3.0 / std::sqrt(age));
}

}  // namespace st::scoring
