// Demo watchlist for `superteam seed` (seed_watch.cc).
#pragma once

#include <cstdint>

#include "base/status.h"
#include "graph/view.h"
#include "store/store.h"

namespace st::cli {

// The staff member holding the seeded rival offer gets a confirmed graph link
// (they are then watched, and their counter's strength comes from the graph),
// the ceo follows one candidate, and one alerts run records a few findings.
Status SeedWatch(store::Store& store, const store::Actor& ceo, const store::Actor& hr,
                 std::shared_ptr<const graph::GraphView> graph);

}  // namespace st::cli
