#include "scoring/pagerank.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace st::scoring {
namespace {

// Runs fn(begin, end, part) over [0, n) split into `threads` contiguous parts.
template <typename Fn>
void ParallelFor(uint32_t n, unsigned threads, Fn fn) {
  threads = std::max(1u, std::min<unsigned>(threads, n / 4096 + 1));
  if (threads == 1) {
    fn(0u, n, 0u);
    return;
  }
  std::vector<std::thread> pool;
  const uint32_t chunk = (n + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    const uint32_t begin = std::min(n, t * chunk), end = std::min(n, begin + chunk);
    pool.emplace_back([=, &fn] { fn(begin, end, t); });
  }
  for (auto& th : pool) th.join();
}

}  // namespace

PageRankResult PageRank(const graph::CoauthorCsr& graph, const PageRankOptions& options) {
  const uint32_t n = graph.num_nodes();
  PageRankResult result;
  if (n == 0) return result;
  const unsigned threads = std::max(1u, options.threads);

  // inv_out[u] = 1 / total edge weight of u (0 for dangling nodes).
  std::vector<float> inv_out(n);
  ParallelFor(n, threads, [&](uint32_t b, uint32_t e, unsigned) {
    for (uint32_t u = b; u < e; ++u) {
      double w = 0;
      for (uint64_t i = graph.offsets[u]; i < graph.offsets[u + 1]; ++i) w += graph::HalfToFloat(graph.weights[i]);
      inv_out[u] = w > 0 ? static_cast<float>(1.0 / w) : 0.0f;
    }
  });

  std::vector<float> rank(n, 1.0f / n), next(n);
  // share[u] = rank[u] / out_weight[u]: what u sends along a unit-weight edge.
  std::vector<float> share(n);
  const float d = options.damping;
  std::vector<double> part_dangling(threads), part_delta(threads);
  for (uint32_t it = 0; it < options.max_iterations; ++it) {
    std::fill(part_dangling.begin(), part_dangling.end(), 0.0);
    ParallelFor(n, threads, [&](uint32_t b, uint32_t e, unsigned t) {
      double dangling = 0;
      for (uint32_t u = b; u < e; ++u) {
        share[u] = rank[u] * inv_out[u];
        if (inv_out[u] == 0.0f) dangling += rank[u];
      }
      part_dangling[t] = dangling;
    });
    double dangling = 0;
    for (double x : part_dangling) dangling += x;
    const float base = static_cast<float>((1.0 - d) / n + d * dangling / n);
    std::fill(part_delta.begin(), part_delta.end(), 0.0);
    ParallelFor(n, threads, [&](uint32_t b, uint32_t e, unsigned t) {
      double delta = 0;
      for (uint32_t v = b; v < e; ++v) {
        float sum = 0;
        // Symmetric graph: v's in-edges are its out-edges.
        for (uint64_t i = graph.offsets[v]; i < graph.offsets[v + 1]; ++i)
          sum += graph::HalfToFloat(graph.weights[i]) * share[graph.ids[i]];
        next[v] = base + d * sum;
        delta += std::fabs(next[v] - rank[v]);
      }
      part_delta[t] = delta;
    });
    rank.swap(next);
    result.iterations = it + 1;
    double delta = 0;
    for (double x : part_delta) delta += x;
    if (delta < options.tolerance) break;
  }
  result.state_bytes = (inv_out.capacity() + rank.capacity() + next.capacity() + share.capacity()) * sizeof(float) +
                       (part_dangling.capacity() + part_delta.capacity()) * sizeof(double);
  result.rank = std::move(rank);
  return result;
}

}  // namespace st::scoring
