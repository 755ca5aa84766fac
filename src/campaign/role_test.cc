#include "campaign/role.h"

#include <gtest/gtest.h>

#include "campaign/person_fields.h"

namespace st::campaign {
namespace {

TEST(Role, NamesRoundTrip) {
  for (Role r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("admin"));
  EXPECT_FALSE(ParseRole("CEO"));
}

TEST(Role, PermissionMatrix) {
  using P = Permission;
  struct Row {
    P permission;
    bool ceo, recruiter, hr, viewer;
  };
  const Row rows[] = {
      {P::kReadPeople, true, true, true, true},          {P::kWritePeople, true, true, true, false},
      {P::kWriteNotes, true, true, true, false},         {P::kReadCompensation, true, false, true, false},
      {P::kWriteCompensation, true, false, true, false}, {P::kExportPerson, true, false, true, false},
      {P::kErasePerson, true, false, true, false},       {P::kReadAudit, true, false, true, false},
      {P::kManageUsers, true, false, false, false},     {P::kManageSettings, true, false, false, false},
      // ---- compute ledger + staff
      {P::kEditFleet, true, false, false, false},        {P::kEditStaff, true, false, true, false},
      // ---- deals
      {P::kReadDeals, true, false, true, false},         {P::kManageDeals, true, false, false, false},
      {P::kPlanOffers, true, false, false, false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(HasPermission(Role::kCeo, row.permission), row.ceo) << static_cast<int>(row.permission);
    EXPECT_EQ(HasPermission(Role::kRecruiter, row.permission), row.recruiter) << static_cast<int>(row.permission);
    EXPECT_EQ(HasPermission(Role::kHr, row.permission), row.hr) << static_cast<int>(row.permission);
    EXPECT_EQ(HasPermission(Role::kViewer, row.permission), row.viewer) << static_cast<int>(row.permission);
  }
}

TEST(Role, OwnershipRule) {
  // actor 5; owners: unowned, self, someone else.
  EXPECT_TRUE(CanEditPerson(Role::kRecruiter, 5, 0));
  EXPECT_TRUE(CanEditPerson(Role::kRecruiter, 5, 5));
  EXPECT_FALSE(CanEditPerson(Role::kRecruiter, 5, 6));
  for (int64_t owner : {0, 5, 6}) {
    EXPECT_TRUE(CanEditPerson(Role::kCeo, 5, owner));
    EXPECT_TRUE(CanEditPerson(Role::kHr, 5, owner));
    EXPECT_FALSE(CanEditPerson(Role::kViewer, 5, owner));
  }
}

TEST(PersonFields, WriteKeysPerRole) {
  struct Case {
    Role role;
    std::vector<std::string_view> keys;
    StatusCode want;
  };
  const Case cases[] = {
      {Role::kRecruiter, {"name", "org", "tags", "version"}, StatusCode::kOk},
      {Role::kRecruiter, {"name", "compensation"}, StatusCode::kForbidden},
      {Role::kHr, {"compensation", "version"}, StatusCode::kOk},
      {Role::kCeo, {"compensation"}, StatusCode::kOk},
      {Role::kViewer, {"name"}, StatusCode::kForbidden},
      {Role::kViewer, {"nmae"}, StatusCode::kInvalidInput},
      {Role::kCeo, {"name", "is_admin"}, StatusCode::kInvalidInput},
      {Role::kCeo, {"stage"}, StatusCode::kInvalidInput},
      {Role::kCeo, {"id"}, StatusCode::kInvalidInput},
      {Role::kHr, {"created_at"}, StatusCode::kInvalidInput},
  };
  for (const Case& c : cases) {
    Status s = CheckPersonWriteKeys(c.role, c.keys);
    EXPECT_EQ(s.code(), c.want) << RoleName(c.role) << " " << c.keys.front() << ": " << s.message();
  }
  Status unknown = CheckPersonWriteKeys(Role::kCeo, std::vector<std::string_view>{"salary"});
  EXPECT_NE(unknown.message().find("'salary'"), std::string::npos);
}

TEST(PersonFields, CompensationKeys) {
  EXPECT_TRUE(CheckCompensationKeys(std::vector<std::string_view>{"current_base", "currency", "notes"}).ok());
  Status s = CheckCompensationKeys(std::vector<std::string_view>{"current_base", "bonus"});
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("compensation.bonus"), std::string::npos);
}

}  // namespace
}  // namespace st::campaign
