#include "scoring/pagerank.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace st::scoring {
namespace {

using Adj = std::vector<std::vector<graph::CoauthorEdge>>;

void AddEdge(Adj& adj, uint32_t a, uint32_t b, float w) {
  adj[a].push_back({b, w});
  adj[b].push_back({a, w});
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

std::vector<std::span<const graph::CoauthorEdge>> Spans(const Adj& adj) {
  std::vector<std::span<const graph::CoauthorEdge>> s;
  for (const auto& a : adj) s.emplace_back(a);
  return s;
}

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
    auto spans = Spans(adj);
    auto got = PageRank(spans, opt);
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
  auto spans = Spans(adj);
  auto got = PageRank(spans);
  for (uint32_t leaf = 1; leaf < 6; ++leaf) EXPECT_GT(got.rank[0], got.rank[leaf]);
  EXPECT_NEAR(got.rank[1], got.rank[5], 1e-7);
}

TEST(PageRankTest, LargerRandomGraphSumsToOneAndMatchesReference) {
  const uint32_t n = 300;
  Adj adj(n);
  uint32_t x = 7;
  for (int i = 0; i < 1200; ++i) {
    x = x * 1103515245u + 12345u;
    uint32_t a = (x >> 4) % n;
    x = x * 1103515245u + 12345u;
    uint32_t b = (x >> 4) % n;
    if (a != b) AddEdge(adj, a, b, 0.1f + static_cast<float>((x >> 20) % 10));
  }
  auto spans = Spans(adj);
  PageRankOptions opt;
  opt.tolerance = 1e-10;
  opt.max_iterations = 300;
  auto got = PageRank(spans, opt);
  auto want = ReferencePageRank(adj, 0.85, 300);
  double sum = std::accumulate(got.rank.begin(), got.rank.end(), 0.0);
  EXPECT_NEAR(sum, 1.0, 1e-4);
  for (uint32_t i = 0; i < n; ++i) EXPECT_NEAR(got.rank[i], want[i], 1e-6);
}

}  // namespace
}  // namespace st::scoring
