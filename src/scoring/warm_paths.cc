#include "scoring/warm_paths.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace st::scoring {
namespace {

struct Visit {
  int depth;
  uint32_t parent;  // towards the BFS root; kNone at a root
  float weight;     // summed edge weight from the root
};

// Multi-root BFS up to `max_depth`; keeps the strongest parent among equals.
std::unordered_map<uint32_t, Visit> Bfs(const NeighborFn& neighbors,
                                        std::span<const uint32_t> roots, int max_depth) {
  std::unordered_map<uint32_t, Visit> seen;
  std::vector<uint32_t> frontier;
  for (uint32_t r : roots) {
    if (seen.emplace(r, Visit{0, graph::kNone, 0}).second) frontier.push_back(r);
  }
  for (int depth = 1; depth <= max_depth && !frontier.empty(); ++depth) {
    std::vector<uint32_t> next;
    for (uint32_t u : frontier) {
      const float wu = seen[u].weight;
      for (const auto& e : neighbors(u)) {
        auto [it, inserted] = seen.emplace(e.author, Visit{depth, u, wu + e.weight});
        if (inserted) {
          next.push_back(e.author);
        } else if (it->second.depth == depth && wu + e.weight > it->second.weight) {
          it->second.parent = u;
          it->second.weight = wu + e.weight;
        }
      }
    }
    frontier.swap(next);
  }
  return seen;
}

}  // namespace

std::vector<std::vector<uint32_t>> ShortestPaths(const NeighborFn& neighbors,
                                                 std::span<const uint32_t> sources,
                                                 uint32_t target, int max_len, size_t k) {
  std::vector<uint32_t> roots;
  for (uint32_t s : sources) {
    if (s != target && s != graph::kNone) roots.push_back(s);
  }
  if (roots.empty() || max_len < 1 || k == 0) return {};
  const int from_target = (max_len + 1) / 2, from_sources = max_len / 2;
  const uint32_t target_root[] = {target};
  auto t_side = Bfs(neighbors, target_root, from_target);
  auto s_side = Bfs(neighbors, roots, from_sources);

  struct Candidate {
    int length;
    float weight;
    std::vector<uint32_t> path;
  };
  std::vector<Candidate> found;
  for (const auto& [node, sv] : s_side) {
    auto t_it = t_side.find(node);
    if (t_it == t_side.end()) continue;
    const int length = sv.depth + t_it->second.depth;
    if (length > max_len || length == 0) continue;
    std::vector<uint32_t> path;
    for (uint32_t u = node; u != graph::kNone; u = s_side.at(u).parent) path.push_back(u);
    std::reverse(path.begin(), path.end());
    for (uint32_t u = t_it->second.parent; u != graph::kNone; u = t_side.at(u).parent) path.push_back(u);
    // The two halves can share a node when different roots meet; keep simple paths only.
    std::set<uint32_t> distinct(path.begin(), path.end());
    if (distinct.size() != path.size()) continue;
    found.push_back({length, sv.weight + t_it->second.weight, std::move(path)});
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.length != b.length) return a.length < b.length;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.path < b.path;
  });
  std::vector<std::vector<uint32_t>> out;
  std::set<std::vector<uint32_t>> unique;
  for (auto& c : found) {
    if (out.size() >= k) break;
    if (unique.insert(c.path).second) out.push_back(std::move(c.path));
  }
  return out;
}

}  // namespace st::scoring
