// Demo planning settings for `superteam seed` (seed_planning.cc).
#pragma once

#include "base/status.h"
#include "store/store.h"

namespace st::cli {

// The "planning" key with a budget and team slots, so /planning shows a plan of the seeded pipeline.
Status SeedPlanning(store::Store& store, const store::Actor& ceo);

}  // namespace st::cli
