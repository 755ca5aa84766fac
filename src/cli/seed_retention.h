// Demo retention for `superteam seed` (seed_retention.cc).
#pragma once

#include <cstdint>

#include "base/status.h"
#include "store/store.h"

namespace st::cli {

// Pay for the seeded staff (through the staff import), a rival offer, and a
// counter-offer waiting for the CEO's approval.
Status SeedRetention(store::Store& store, const store::Actor& ceo, const store::Actor& hr, std::int64_t now);

}  // namespace st::cli
