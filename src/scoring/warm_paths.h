// Shortest co-author paths ("warm introductions") from a set of people to a
// target, on any adjacency (pure; the Ranker feeds it the mapped graph).
// Bidirectional BFS: depth ceil(L/2) from the target and floor(L/2) from the
// sources, so a hub with thousands of co-authors is expanded at most once per
// side instead of the whole 4-hop neighbourhood. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "graph/view.h"

namespace st::scoring {

using NeighborFn = std::function<graph::CoauthorRow(uint32_t)>;

// Up to `k` distinct simple paths [source, ..., target] of at most `max_len`
// edges, shortest first; among equal length, stronger (higher summed weight)
// first. At most one path per (source, meeting point). Sources equal to the
// target are ignored.
std::vector<std::vector<uint32_t>> ShortestPaths(const NeighborFn& neighbors,
                                                 std::span<const uint32_t> sources,
                                                 uint32_t target, int max_len, size_t k);

}  // namespace st::scoring
