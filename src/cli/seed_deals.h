// Demo deals for `superteam seed` (seed_deals.cc).
#pragma once

#include "base/status.h"
#include "scoring/ranker.h"
#include "store/store.h"

namespace st::cli {

// Three real-world-shaped deals on the demo graph's start-ups and labs: a 49% stake for $14.3B bringing the
// founder-CEO as Chief AI Officer, a $2.4B licence deal bringing about 40 researchers, and an acquisition offer.
// People the pipeline already holds are linked to their candidate record.
Status SeedDeals(store::Store& store, const store::Actor& ceo, const scoring::Ranker& ranker);

}  // namespace st::cli
