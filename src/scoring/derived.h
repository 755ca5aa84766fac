// Derived scoring data: everything `rank`, `author`, `orgs` and `serve` need
// beyond the raw graph, computed once at ingest ("decide at ingest, read at
// serve") and written as files into the version dir, next to the graph files.
// One file, scoring.bin (layout in scoring/derived_format.h): per-author
// metrics (h-index, citations, PageRank, ...), the organisation table and the
// BM25 text index (impact-ordered author lists, split by organisation shard).
// Ranker::Open (scoring/ranker.h) maps it read-only.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "graph/view.h"

namespace st::scoring {

struct DeriveOptions {
  unsigned threads = 2;  // PageRank and index build
  // Per-term author lists (one per shard) keep the top this-many impacts plus
  // a bound on the rest (the ranker falls back to exact scoring when the
  // bound matters).
  uint32_t max_author_postings = 20000;
  // Organisations with at least this many current members get their own
  // shard of author lists (the ranker scores smaller ones member by member).
  uint32_t min_shard_members = 1000;
  // Author lists that count only works since now - k for each k here (now =
  // the latest year in the graph): --since one of those years is answered
  // from its own lists, other years are bounded by the nearest earlier one.
  std::vector<int> since_years_back = {1, 2, 3, 4, 5};
  uint32_t max_since_postings = 20000;  // cap of those lists, as above
};

// Computes all derived data for `view` and writes it into `version_dir`
// (normally the staging dir the graph was just written to, before it is
// published). Each file is written to a temp name, fsynced and renamed, so a
// crash leaves either no file or a whole one. Errors: IoError naming the file.
// Reads `view` only; safe to call while other threads read the same view.
Status BuildDerived(const graph::GraphView& view, const std::string& version_dir,
                    const DeriveOptions& options);
inline Status BuildDerived(const graph::GraphView& view, const std::string& version_dir) {
  return BuildDerived(view, version_dir, DeriveOptions{});
}

}  // namespace st::scoring
