#include "scoring/warm_paths.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace st::scoring {
namespace {

using Adj = std::vector<std::vector<graph::CoauthorEdge>>;
using Path = std::vector<uint32_t>;

struct Graph {
  Adj adj;
  graph::CoauthorLists csr;
  explicit Graph(size_t n) : adj(n) {}
  void Edge(uint32_t a, uint32_t b, float w = 1) {
    adj[a].push_back({b, w});
    adj[b].push_back({a, w});
  }
  // Rows must be sorted by id, as the graph stores them.
  NeighborFn Fn() {
    for (auto& row : adj)
      std::sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.author < y.author; });
    csr = graph::CoauthorLists::FromRows(adj);
    return [this](uint32_t u) { return csr.View().Row(u); };
  }
};

// 0-1-2-3-4-5 chain, plus 0-6-5 shortcut (length 2) and 7-8 isolated pair.
Graph Known() {
  Graph g(10);
  for (uint32_t i = 0; i < 5; ++i) g.Edge(i, i + 1);
  g.Edge(0, 6, 0.5f);
  g.Edge(6, 5, 0.5f);
  g.Edge(7, 8);
  return g;
}

TEST(WarmPathsTest, ShortestFirstAndBoundedLength) {
  Graph g = Known();
  const uint32_t from[] = {0};
  auto paths = ShortestPaths(g.Fn(), from, 5, 4, 10);
  ASSERT_FALSE(paths.empty());
  EXPECT_EQ(paths[0], (Path{0, 6, 5}));
  // The 5-hop chain is longer than max_len 4, so only the shortcut qualifies.
  EXPECT_EQ(paths.size(), 1u);
}

TEST(WarmPathsTest, SeveralSourcesAndUnreachable) {
  Graph g = Known();
  const uint32_t from[] = {2, 7, 4};
  auto paths = ShortestPaths(g.Fn(), from, 3, 4, 10);
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[0].size(), 2u);  // 2-3 and 4-3, both one hop
  EXPECT_EQ(paths[1].size(), 2u);
  for (const auto& p : paths) EXPECT_EQ(p.back(), 3u);
  const uint32_t only_isolated[] = {7};
  EXPECT_TRUE(ShortestPaths(g.Fn(), only_isolated, 3, 4, 10).empty());
}

TEST(WarmPathsTest, ExactLengthsOnChainAndK) {
  Graph g(6);
  for (uint32_t i = 0; i < 5; ++i) g.Edge(i, i + 1);
  const uint32_t from[] = {0};
  EXPECT_EQ(ShortestPaths(g.Fn(), from, 4, 4, 5), (std::vector<Path>{{0, 1, 2, 3, 4}}));
  EXPECT_TRUE(ShortestPaths(g.Fn(), from, 5, 4, 5).empty());
  EXPECT_EQ(ShortestPaths(g.Fn(), from, 3, 3, 5), (std::vector<Path>{{0, 1, 2, 3}}));
  // A square gives two equal-length paths; the heavier one first; k caps.
  Graph sq(4);
  sq.Edge(0, 1, 1);
  sq.Edge(1, 3, 1);
  sq.Edge(0, 2, 5);
  sq.Edge(2, 3, 5);
  auto two = ShortestPaths(sq.Fn(), from, 3, 4, 5);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0], (Path{0, 2, 3}));
  EXPECT_EQ(two[1], (Path{0, 1, 3}));
  EXPECT_EQ(ShortestPaths(sq.Fn(), from, 3, 4, 1).size(), 1u);
  const uint32_t self[] = {3};
  EXPECT_TRUE(ShortestPaths(sq.Fn(), self, 3, 4, 5).empty());
}

}  // namespace
}  // namespace st::scoring
