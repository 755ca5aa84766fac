#include "campaign/role.h"

namespace st::campaign {
namespace {

constexpr std::array<Role, 4> kAll = {Role::kCeo, Role::kRecruiter, Role::kHr, Role::kViewer};
constexpr std::array<std::string_view, 4> kNames = {"ceo", "recruiter", "hr", "viewer"};

}  // namespace

const std::array<Role, 4>& AllRoles() { return kAll; }

std::string_view RoleName(Role role) { return kNames[static_cast<int>(role)]; }

std::optional<Role> ParseRole(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return kAll[i];
  return std::nullopt;
}

// One row per permission; the table is the policy (see role.h for prose).
bool HasPermission(Role role, Permission permission) {
  const bool ceo = role == Role::kCeo, hr = role == Role::kHr, rec = role == Role::kRecruiter;
  switch (permission) {
    case Permission::kReadPeople:
      return true;
    case Permission::kWritePeople:
    case Permission::kWriteNotes:
      return ceo || hr || rec;
    case Permission::kReadCompensation:
    case Permission::kWriteCompensation:
    case Permission::kExportPerson:
    case Permission::kErasePerson:
    case Permission::kReadAudit:
    case Permission::kEditStaff:
    case Permission::kReadDeals:
      return ceo || hr;
    case Permission::kManageUsers:
    case Permission::kManageSettings:
    case Permission::kEditFleet:
    case Permission::kManageDeals:
    case Permission::kPlanOffers:
      return ceo;
  }
  return false;
}

bool CanEditPerson(Role role, std::int64_t actor_user_id, std::int64_t owner_user_id) {
  switch (role) {
    case Role::kCeo:
    case Role::kHr:
      return true;
    case Role::kRecruiter:
      return owner_user_id == 0 || owner_user_id == actor_user_id;
    case Role::kViewer:
      return false;
  }
  return false;
}

}  // namespace st::campaign
