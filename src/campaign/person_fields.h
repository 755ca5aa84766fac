// The writable fields of a person, which role may write them, and the check
// that rejects unknown, read-only and forbidden fields in a write (no mass
// assignment). The names are the JSON keys of docs/API.md.
//
// Pure domain, thread-safe (constant tables).
#pragma once

#include <span>
#include <string_view>

#include "base/status.h"
#include "campaign/role.h"

namespace st::campaign {

enum class FieldAccess {
  kWritable,       // any role with kWritePeople
  kCompensation,   // only roles with kWriteCompensation (ceo, hr); readable only by kReadCompensation
  kReadOnly,       // present in responses, never in a PATCH body (id, stage, created_at, …)
  kControl,        // accepted in a body but not a person field ("version")
};

struct FieldRule {
  std::string_view name;  // JSON key
  FieldAccess access;
};

// Every key a person object may carry, in API order.
std::span<const FieldRule> PersonFieldRules();

// nullptr if `name` is not a person field.
const FieldRule* FindPersonField(std::string_view name);

// Checks the keys of a create/update body for `role`:
//   unknown key                 → kInvalidInput "unknown field 'x'"
//   read-only key               → kInvalidInput "field 'stage' is read-only ..."
//   compensation without right  → kForbidden "field 'compensation' ..."
//   any key without kWritePeople→ kForbidden
Status CheckPersonWriteKeys(Role role, std::span<const std::string_view> keys);

// Keys accepted inside the "compensation" object; anything else is unknown.
std::span<const std::string_view> CompensationKeys();
Status CheckCompensationKeys(std::span<const std::string_view> keys);

}  // namespace st::campaign
