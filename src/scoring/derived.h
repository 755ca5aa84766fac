// Derived scoring data: everything `rank`, `author`, `orgs` and `serve` need
// beyond the raw graph, computed once at ingest ("decide at ingest, read at
// serve") and written as files into the version dir, next to the graph files.
// Files written (all prefixed "scoring_", layout in scoring/derived_format.h):
//   scoring_authors.bin   per-author metrics (h-index, citations, PageRank, ...)
//   scoring_orgs.bin      organisation table and per-institution org ids
//   scoring_text.bin      BM25 text index (impact-ordered posting lists)
// Ranker::Open (scoring/ranker.h) maps them read-only.
#pragma once

#include <string>

#include "base/status.h"
#include "graph/view.h"

namespace st::scoring {

struct DeriveOptions {
  unsigned threads = 2;  // PageRank and index build
  // Per-term author lists keep the top this-many impacts plus a bound on the
  // rest (the ranker falls back to exact scoring when the bound matters).
  uint32_t max_author_postings = 20000;
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
