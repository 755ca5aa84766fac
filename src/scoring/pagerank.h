// Weighted PageRank on the undirected co-author graph (CSR of CoauthorEdge).
// Pure: works on any adjacency given as one span per node, so it runs on the
// mapped graph and on small test graphs alike.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/view.h"

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
};

// adjacency[u] lists u's neighbours with edge weights; the graph is taken as
// given (for co-authors it is symmetric: u->v iff v->u, same weight). A node
// moves its rank to neighbours in proportion to edge weight; dangling nodes
// (no edges or zero total weight) spread theirs uniformly. Pull formulation:
// each thread writes only its own node range, so no atomics are needed.
// Memory: 3 floats per node beyond the caller's adjacency.
PageRankResult PageRank(std::span<const std::span<const graph::CoauthorEdge>> adjacency,
                        const PageRankOptions& options = {});

}  // namespace st::scoring
