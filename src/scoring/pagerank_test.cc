#include "scoring/pagerank.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace st::scoring {
namespace {

using Adj = std::vector<std::vector<graph::CoauthorEdge>>;

// The reference sees the weight as stored (binary16), as PageRank does.
float Stored(float w) { return graph::HalfToFloat(graph::FloatToHalf(w)); }

void AddEdge(Adj& adj, uint32_t a, uint32_t b, float w) {
  adj[a].push_back({b, Stored(w)});
  adj[b].push_back({a, Stored(w)});
}

// Straightforward reference: dense transition matrix, power iteration in double.
std::vector<double> ReferencePageRank(const Adj& adj, double d, int iterations) {
  const size_t n = adj.size();
  std::vector<std::vector<double>> m(n, std::vector<double>(n, 0.0));  // m[to][from]
  for (size_t u = 0; u < n; ++u) {
    double out = 0;
    for (const auto& e : adj[u]) out += e.weight;
    for (size_t v = 0; v < n; ++v) {
      if (out == 0) {
        m[v][u] = 1.0 / n;  // dangling: teleport uniformly
      }
    }
    for (const auto& e : adj[u]) m[e.author][u] += e.weight / out;
  }
  std::vector<double> r(n, 1.0 / n), next(n);
  for (int it = 0; it < iterations; ++it) {
    for (size_t v = 0; v < n; ++v) {
      double s = 0;
      for (size_t u = 0; u < n; ++u) s += m[v][u] * r[u];
      next[v] = (1 - d) / n + d * s;
    }
    r.swap(next);
  }
  return r;
}

graph::CoauthorLists Csr(const Adj& adj) { return graph::CoauthorLists::FromRows(adj); }

TEST(PageRankTest, MatchesDenseReferenceWithDanglingNodesAndWeights) {
  Adj adj(9);
  AddEdge(adj, 0, 1, 1.0f);
  AddEdge(adj, 0, 2, 0.5f);
  AddEdge(adj, 1, 2, 2.0f);
  AddEdge(adj, 2, 3, 1.0f);
  AddEdge(adj, 3, 4, 0.25f);
  AddEdge(adj, 4, 5, 1.0f);
  AddEdge(adj, 6, 7, 3.0f);  // separate component
  // node 8 is isolated (dangling)
  for (unsigned threads : {1u, 2u, 3u}) {
    PageRankOptions opt;
    opt.threads = threads;
    opt.tolerance = 1e-9;
    opt.max_iterations = 200;
    auto csr = Csr(adj);
    auto got = PageRank(csr.View(), opt);
    auto want = ReferencePageRank(adj, 0.85, 200);
    ASSERT_EQ(got.rank.size(), want.size());
    double sum = 0;
    for (size_t i = 0; i < want.size(); ++i) {
      EXPECT_NEAR(got.rank[i], want[i], 1e-5) << "node " << i << " threads " << threads;
      sum += got.rank[i];
    }
    EXPECT_NEAR(sum, 1.0, 1e-5);
  }
}

TEST(PageRankTest, HubOfStarOutranksLeaves) {
  Adj adj(6);
  for (uint32_t leaf = 1; leaf < 6; ++leaf) AddEdge(adj, 0, leaf, 1.0f);
  auto csr = Csr(adj);
  auto got = PageRank(csr.View());
  for (uint32_t leaf = 1; leaf < 6; ++leaf) EXPECT_GT(got.rank[0], got.rank[leaf]);
  EXPECT_NEAR(got.rank[1], got.rank[5], 1e-7);
}

TEST(PageRankTest, LargerRandomGraphSumsToOneAndMatchesReference) {
  const uint32_t n = 300;
  Adj adj(n), exact(n);
  uint32_t x = 7;
  for (int i = 0; i < 1200; ++i) {
    x = x * 1103515245u + 12345u;
    uint32_t a = (x >> 4) % n;
    x = x * 1103515245u + 12345u;
    uint32_t b = (x >> 4) % n;
    // Weights like the builder's: sums of 1/(n_authors-1).
    const float w = 1.0f / static_cast<float>(1 + (x >> 20) % 99) + static_cast<float>((x >> 12) % 5);
    if (a == b) continue;
    AddEdge(adj, a, b, w);
    exact[a].push_back({b, w});
    exact[b].push_back({a, w});
  }
  auto csr = Csr(adj);
  PageRankOptions opt;
  opt.tolerance = 1e-10;
  opt.max_iterations = 300;
  auto got = PageRank(csr.View(), opt);
  EXPECT_EQ(got.state_bytes, 4 * sizeof(float) * n + 2 * opt.threads * sizeof(double));  // 4 floats per node
  auto want = ReferencePageRank(adj, 0.85, 300);
  double sum = std::accumulate(got.rank.begin(), got.rank.end(), 0.0);
  EXPECT_NEAR(sum, 1.0, 1e-4);
  for (uint32_t i = 0; i < n; ++i) EXPECT_NEAR(got.rank[i], want[i], 1e-6);
  // Storing weights in 16 bits moves no rank by more than 0.1 % of itself.
  auto unquantised = ReferencePageRank(exact, 0.85, 300);
  for (uint32_t i = 0; i < n; ++i) EXPECT_NEAR(got.rank[i], unquantised[i], 1e-3 * unquantised[i]) << i;
}

}  // namespace
}  // namespace st::scoring
