#include "campaign/person_fields.h"

#include <array>
#include <string>

namespace st::campaign {
namespace {

constexpr std::array<FieldRule, 23> kRules = {{
    {"id", FieldAccess::kReadOnly},
    {"name", FieldAccess::kWritable},
    {"kind", FieldAccess::kWritable},
    {"author_id", FieldAccess::kWritable},
    {"author_source_id", FieldAccess::kWritable},
    {"org", FieldAccess::kWritable},
    {"title", FieldAccess::kWritable},
    {"email", FieldAccess::kWritable},
    {"phone", FieldAccess::kWritable},
    {"city", FieldAccess::kWritable},
    {"summary", FieldAccess::kWritable},
    {"topics", FieldAccess::kWritable},
    {"tags", FieldAccess::kWritable},
    {"metrics", FieldAccess::kWritable},
    {"owner_id", FieldAccess::kWritable},
    {"compensation", FieldAccess::kCompensation},
    {"version", FieldAccess::kControl},
    {"stage", FieldAccess::kReadOnly},
    {"owner", FieldAccess::kReadOnly},
    {"org_id", FieldAccess::kReadOnly},
    {"created_at", FieldAccess::kReadOnly},
    {"updated_at", FieldAccess::kReadOnly},
    {"history", FieldAccess::kReadOnly},
}};

constexpr std::array<std::string_view, 5> kCompKeys = {"current_base", "current_equity", "expected_total",
                                                      "currency", "notes"};

}  // namespace

std::span<const FieldRule> PersonFieldRules() { return kRules; }

const FieldRule* FindPersonField(std::string_view name) {
  for (const FieldRule& r : kRules)
    if (r.name == name) return &r;
  return nullptr;
}

Status CheckPersonWriteKeys(Role role, std::span<const std::string_view> keys) {
  // Unknown and read-only keys are the caller's mistake whatever the role, so
  // they are reported first (400 before 403 keeps error messages useful).
  for (std::string_view key : keys) {
    const FieldRule* rule = FindPersonField(key);
    if (rule == nullptr) return Status::InvalidInput("unknown field '" + std::string(key) + "'");
    if (rule->access == FieldAccess::kReadOnly)
      return Status::InvalidInput("field '" + std::string(key) + "' is read-only" +
                                  (key == "stage" ? " (use the stage move)" : ""));
  }
  if (!HasPermission(role, Permission::kWritePeople))
    return Status::Forbidden("role " + std::string(RoleName(role)) + " may not change people");
  for (std::string_view key : keys) {
    if (FindPersonField(key)->access == FieldAccess::kCompensation &&
        !HasPermission(role, Permission::kWriteCompensation))
      return Status::Forbidden("field '" + std::string(key) + "' may not be written by role " +
                               std::string(RoleName(role)));
  }
  return Status::Ok();
}

std::span<const std::string_view> CompensationKeys() { return kCompKeys; }

Status CheckCompensationKeys(std::span<const std::string_view> keys) {
  for (std::string_view key : keys) {
    bool known = false;
    for (std::string_view k : kCompKeys) known = known || k == key;
    if (!known) return Status::InvalidInput("unknown field 'compensation." + std::string(key) + "'");
  }
  return Status::Ok();
}

}  // namespace st::campaign
