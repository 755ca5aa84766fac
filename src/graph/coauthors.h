// The weighted co-author graph as it is stored: CSR with the neighbour ids and
// their binary16 weights in two parallel arrays (6 bytes per directed entry,
// 12 per co-author pair). Readers see decoded CoauthorEdge values; PageRank
// reads the arrays directly. The same types serve the mapped graph and the
// small owned graphs the builder and tests make.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <vector>

#include "graph/half_float.h"

namespace st::graph {

// One co-author with the decoded weight: sum over shared works of
// 1/(n_authors-1), stored to 11 significant bits.
struct CoauthorEdge {
  uint32_t author;
  float weight;
};

// One author's co-authors, sorted by author id. Iterates CoauthorEdge values.
class CoauthorRow {
 public:
  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = CoauthorEdge;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = CoauthorEdge;
    Iterator() = default;
    Iterator(const uint32_t* id, const uint16_t* weight) : id_(id), weight_(weight) {}
    CoauthorEdge operator*() const { return {*id_, HalfToFloat(*weight_)}; }
    Iterator& operator++() { return ++id_, ++weight_, *this; }
    Iterator operator++(int) { Iterator old = *this; ++*this; return old; }
    bool operator==(const Iterator& o) const { return id_ == o.id_; }
    difference_type operator-(const Iterator& o) const { return id_ - o.id_; }

   private:
    const uint32_t* id_ = nullptr;
    const uint16_t* weight_ = nullptr;
  };

  CoauthorRow() = default;
  CoauthorRow(std::span<const uint32_t> ids, std::span<const uint16_t> weights) : ids_(ids), weights_(weights) {}
  size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  CoauthorEdge operator[](size_t i) const { return {ids_[i], HalfToFloat(weights_[i])}; }
  Iterator begin() const { return {ids_.data(), weights_.data()}; }
  Iterator end() const { return {ids_.data() + ids_.size(), weights_.data() + weights_.size()}; }
  std::span<const uint32_t> ids() const { return ids_; }
  std::span<const uint16_t> weight_bits() const { return weights_; }

 private:
  std::span<const uint32_t> ids_;
  std::span<const uint16_t> weights_;
};

// The whole co-author CSR: row a is [offsets[a], offsets[a+1]) of ids and
// weights. Symmetric: b is in a's row iff a is in b's, with the same weight.
struct CoauthorCsr {
  std::span<const uint64_t> offsets;  // num_nodes + 1, non-decreasing
  std::span<const uint32_t> ids;
  std::span<const uint16_t> weights;  // binary16 bits, parallel to ids

  uint32_t num_nodes() const { return offsets.empty() ? 0 : static_cast<uint32_t>(offsets.size() - 1); }
  CoauthorRow Row(uint32_t a) const {
    const size_t begin = offsets[a], n = offsets[a + 1] - offsets[a];
    return {ids.subspan(begin, n), weights.subspan(begin, n)};
  }
  size_t size_bytes() const { return offsets.size_bytes() + ids.size_bytes() + weights.size_bytes(); }
};

// An owned co-author CSR, filled row by row (tests; the builder streams its
// rows to spill files instead).
struct CoauthorLists {
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> ids;
  std::vector<uint16_t> weights;

  void Add(uint32_t author, float weight) {
    ids.push_back(author);
    weights.push_back(FloatToHalf(weight));
  }
  void EndRow() { offsets.push_back(ids.size()); }
  CoauthorCsr View() const { return {offsets, ids, weights}; }

  // rows[a] lists a's co-authors (a test's adjacency lists).
  static CoauthorLists FromRows(const std::vector<std::vector<CoauthorEdge>>& rows) {
    CoauthorLists out;
    for (const auto& row : rows) {
      for (const CoauthorEdge& e : row) out.Add(e.author, e.weight);
      out.EndRow();
    }
    return out;
  }
};

}  // namespace st::graph
