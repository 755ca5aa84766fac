// The graph side of flight risk: who moved to a rival lab recently (from the
// affiliation spells), and per author the co-authors and colleagues among them
// and the trend of their output and citations. One pass over every author's
// spells builds the MoveIndex (once per graph and request); each author's
// facts then cost O(co-authors + works).
// Reads a mapped graph only. Thread-safe after construction.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "graph/view.h"
#include "watch/flight_risk.h"
#include "watch/settings.h"

namespace st::watch {

class MoveIndex {
 public:
  // A move: the author's current institution belongs to another organisation
  // than an earlier spell, and its spell started within [now_year − 1,
  // now_year] (the last 24 months at year resolution). Only moves to a rival
  // (settings.rival_orgs) are kept.
  MoveIndex(const graph::GraphView& g, const WatchSettings& settings, int now_year);
  int now_year() const { return now_year_; }
  bool MovedToRival(graph::AuthorId a) const { return a < moved_.size() && moved_[a]; }
  graph::InstId MovedFrom(graph::AuthorId a) const { return from_[a]; }
  int MoversFrom(graph::InstId inst) const {
    auto it = movers_from_.find(inst);
    return it == movers_from_.end() ? 0 : it->second;
  }
  size_t total_moves() const { return total_; }

 private:
  int now_year_;
  std::vector<uint8_t> moved_;
  std::vector<graph::InstId> from_;
  std::unordered_map<graph::InstId, int> movers_from_;
  size_t total_ = 0;
};

// The latest publication year in the graph (the "now" of a version).
int LatestYear(const graph::GraphView& g);

GraphRiskFacts ComputeGraphRiskFacts(const graph::GraphView& g, const MoveIndex& moves, graph::AuthorId a);

}  // namespace st::watch
