// Pure per-author metric functions over plain arrays: citation counts of an
// author's works and per-year citation counts. No graph access, no I/O, so the
// test can check them against case tables. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <span>

#include "graph/view.h"

namespace st::scoring {

// Sum of known citation counts; entries < 0 mean "unknown" and are skipped.
int64_t CitationSum(std::span<const int32_t> cited_by);
// Largest h such that h works have >= h citations each (unknown counts skipped).
uint32_t HIndex(std::span<const int32_t> cited_by);
// Works with >= 10 citations.
uint32_t I10Index(std::span<const int32_t> cited_by);
// Citations received in years [now_year - years + 1, now_year].
int64_t RecentCitations(std::span<const graph::YearCitations> by_year, int now_year, int years = 3);

// "Rising": recent citation velocity relative to career age. Citations per
// year over the last 3 years, divided by sqrt(career age in years), so a
// 4-year researcher with 300/yr outranks a 30-year one with the same rate.
// career_years < 1 counts as 1. Returns 0 when recent <= 0.
float Rising(int64_t recent_citations, int career_years);

}  // namespace st::scoring
