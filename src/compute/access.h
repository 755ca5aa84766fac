// Who may do what with the fleet, the ledger and the staff list. Compute and
// team are visible to every role (recruiters sell them; there is no money in
// them); the fleet is the CEO's to change; staff records are HR's and the
// CEO's. Checked by the web routes and again inside the store.
#pragma once

#include "campaign/role.h"

namespace st::compute {

inline bool CanReadCompute(campaign::Role) { return true; }
inline bool CanEditFleet(campaign::Role r) { return r == campaign::Role::kCeo; }
inline bool CanReadStaff(campaign::Role) { return true; }
inline bool CanEditStaff(campaign::Role r) { return r == campaign::Role::kCeo || r == campaign::Role::kHr; }
// Export and erasure of a staff member's personal data.
inline bool CanExportStaff(campaign::Role r) { return CanEditStaff(r); }

}  // namespace st::compute
