// Demo dinners for `superteam seed` (seed_events.cc).
#pragma once

#include <cstdint>

#include "base/status.h"
#include "store/store.h"

namespace st::cli {

// Two dinners at the CEO's homes with invitations and answers, so the
// dashboard, the dinners page and the candidates' timelines show them.
Status SeedEvents(store::Store& store, const store::Actor& ceo, std::int64_t now);

}  // namespace st::cli
