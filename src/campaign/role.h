// Roles of the campaign's users and what each may do.
//
// ceo: everything. hr: everything about people incl. compensation, export and
// erase, audit; not user management. recruiter: reads people (no
// compensation), writes people it owns or that nobody owns, adds notes.
// viewer: reads people without compensation, writes nothing.
// Pure domain, thread-safe (constant tables).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace st::campaign {

enum class Role { kCeo = 0, kRecruiter, kHr, kViewer };

const std::array<Role, 4>& AllRoles();
std::string_view RoleName(Role role);                 // "ceo", "recruiter", "hr", "viewer"
std::optional<Role> ParseRole(std::string_view name);  // inverse; nullopt otherwise

// Coarse rights, checked by web routes and again inside the store.
enum class Permission {
  kReadPeople,          // lists, person pages, dashboard, activities
  kWritePeople,         // create / update / move stage (subject to ownership, see CanEditPerson)
  kWriteNotes,          // add notes
  kReadCompensation,    // see the compensation object
  kWriteCompensation,   // change it
  kExportPerson,        // personal-data export
  kErasePerson,         // personal-data erasure
  kReadAudit,           // the audit log
  kManageUsers,         // add / disable users, change roles and passwords of others
  kManageSettings,      // change campaign settings (bands, thresholds, fleet headroom, …)
  // ---- compute ledger + staff (issue 10): reading both is kReadPeople (recruiters sell compute and team)
  kEditFleet,           // capacity changes and fleet import: ceo
  kEditStaff,           // staff records and managers (personal data: also their export/erasure): ceo, hr
  // ---- deals (issue 13): acqui-hires and investments are sensitive
  kReadDeals,           // deals with their people and roles, without prices or stakes: ceo, hr
  kManageDeals,         // prices, stakes, retention, talent per dollar; create and change deals: ceo
  // ---- planning (issue 12)
  kPlanOffers,          // turn a budget plan into draft offers (moves people to offer on the CEO's word): ceo
};

bool HasPermission(Role role, Permission permission);

// Ownership rule for changing an existing person (fields or stage):
// ceo and hr any person; recruiter only if it owns the person or nobody does
// (owner_user_id == 0); viewer never.
bool CanEditPerson(Role role, std::int64_t actor_user_id, std::int64_t owner_user_id);

}  // namespace st::campaign
