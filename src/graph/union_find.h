// Disjoint sets over dense uint32 ids, used to merge duplicate works and
// author records. Not thread-safe.
#pragma once

#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace st::graph {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  // Root of x's set (with path halving).
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // Merges the sets of a and b and returns the root. The smaller index stays
  // the root, so results do not depend on merge order.
  uint32_t Union(uint32_t a, uint32_t b) {
    a = Find(a), b = Find(b);
    if (a == b) return a;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
    return a;
  }
  // The root of every element, made out of the parents (no second array);
  // the union-find is empty afterwards.
  std::vector<uint32_t> TakeRoots() {
    // Ascending order: a root is its set's smallest element, so each parent
    // is already a root when its children are visited.
    for (uint32_t x = 0; x < parent_.size(); ++x) parent_[x] = parent_[parent_[x]];
    return std::move(parent_);
  }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace st::graph
