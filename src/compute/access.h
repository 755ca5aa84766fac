// Who may do what with the fleet, the ledger and the staff list. Compute and
// team are visible to every role (recruiters sell them; there is no money in
// them); the fleet is the CEO's to change; staff records are HR's and the
// CEO's. The table is campaign/role.cc's; the web routes check it and the
// store again.
#pragma once

#include "campaign/role.h"

namespace st::compute {

inline bool CanReadCompute(campaign::Role r) { return HasPermission(r, campaign::Permission::kReadPeople); }
inline bool CanEditFleet(campaign::Role r) { return HasPermission(r, campaign::Permission::kEditFleet); }
inline bool CanReadStaff(campaign::Role r) { return HasPermission(r, campaign::Permission::kReadPeople); }
inline bool CanEditStaff(campaign::Role r) { return HasPermission(r, campaign::Permission::kEditStaff); }
// Export and erasure of a staff member's personal data.
inline bool CanExportStaff(campaign::Role r) { return CanEditStaff(r); }

}  // namespace st::compute
