// Weighted PageRank on the undirected co-author graph.
// Pure: works on any co-author CSR, so it runs on the mapped graph and on
// small test graphs alike.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/coauthors.h"

namespace st::scoring {

struct PageRankOptions {
  float damping = 0.85f;
  uint32_t max_iterations = 100;
  double tolerance = 1e-7;  // stop when the L1 change of a sweep is below this
  unsigned threads = 2;
};

struct PageRankResult {
  std::vector<float> rank;  // sums to 1 (up to float rounding)
  uint32_t iterations = 0;
  size_t state_bytes = 0;   // what the computation allocated beyond the graph
};

// The graph must be symmetric (u->v iff v->u, same weight), as the co-author
// CSR is. A node moves its rank to neighbours in proportion to edge weight;
// dangling nodes (no edges or zero total weight) spread theirs uniformly.
// Pull formulation: each thread writes only its own node range, so no
// atomics are needed. Memory: 4 floats per node beyond the graph itself.
PageRankResult PageRank(const graph::CoauthorCsr& graph, const PageRankOptions& options = {});

}  // namespace st::scoring
