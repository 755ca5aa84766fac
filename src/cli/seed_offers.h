// Demo offers for `superteam seed` (seed_offers.cc).
#pragma once

#include <cstdint>

#include "base/status.h"
#include "store/store.h"

namespace st::cli {

// Offers in every open state for the candidates at stage offer.
Status SeedOffers(store::Store& store, const store::Actor& ceo, const store::Actor& hr, std::int64_t now,
                  std::uint64_t seed);

}  // namespace st::cli
