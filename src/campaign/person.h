// A person in the campaign (candidate or own staff), the patch used to create
// or change one, and the value checks on a patch. Plain data; the store
// persists it, the web layer maps it to/from JSON (docs/API.md "Person").
//
// Pure domain, no I/O. Functions are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "campaign/role.h"
#include "campaign/stage.h"

namespace st::campaign {

enum class PersonKind { kCandidate = 0, kStaff };
std::string_view PersonKindName(PersonKind kind);                 // "candidate" | "staff"
std::optional<PersonKind> ParsePersonKind(std::string_view name);

// Headline numbers copied from the talent graph when the person is linked.
// The citation figures exist only over papers with a known count: with none
// they are unknown (nullopt, null in JSON, NULL in the store), never 0.
struct HeadlineMetrics {
  std::optional<std::int64_t> citations;
  std::optional<std::int64_t> h_index;
  std::optional<std::int64_t> recent_citations;  // last 3 years
  double score = 0;
};

// Money in whole units of `currency`. Visible to ceo and hr only.
struct Compensation {
  std::optional<std::int64_t> current_base;
  std::optional<std::int64_t> current_equity;
  std::optional<std::int64_t> expected_total;
  std::string currency = "USD";  // ISO 4217, 3 upper-case letters
  std::string notes;
};

struct Person {
  std::int64_t id = 0;
  std::string name;
  PersonKind kind = PersonKind::kCandidate;
  std::optional<std::int64_t> author_id;  // dense talent-graph author id, if linked
  std::string author_source_id;           // stable source id ("A123…" OpenAlex, "~Jane_Doe1"), may be empty
  std::int64_t org_id = 0;                // 0 = none
  std::string org;                        // organisation name ("" = none)
  std::string title;
  std::string email;
  std::string phone;
  std::string city;
  std::string summary;
  std::vector<std::string> topics;
  std::vector<std::string> tags;
  std::optional<HeadlineMetrics> metrics;
  std::int64_t owner_user_id = 0;         // 0 = unowned
  std::string owner_username;             // "" when unowned
  Stage stage = Stage::kIdentified;
  std::int64_t version = 1;               // bumped by every change (fields or stage)
  std::int64_t created_at = 0;            // unix seconds, UTC
  std::int64_t updated_at = 0;
  // Present only when the reader may see it (ceo, hr) and asked for it;
  // std::nullopt means "absent", which the web layer must render as no key.
  std::optional<Compensation> compensation;
};

// A create or update: only the set members change. For nullable values the
// inner optional distinguishes "set to null" from "leave alone".
struct PersonPatch {
  std::optional<std::string> name;
  std::optional<PersonKind> kind;
  std::optional<std::optional<std::int64_t>> author_id;
  std::optional<std::string> author_source_id;
  std::optional<std::string> org;          // by name; "" clears; the store finds or creates the organisation
  std::optional<std::string> title;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> city;
  std::optional<std::string> summary;
  std::optional<std::vector<std::string>> topics;  // replaces the whole list
  std::optional<std::vector<std::string>> tags;    // replaces the whole set
  std::optional<std::optional<HeadlineMetrics>> metrics;
  std::optional<std::int64_t> owner_user_id;       // 0 = unowned
  std::optional<Compensation> compensation;        // replaces the whole object (ceo/hr only)

  bool empty() const;
};

// One single-line text field of any record (staff, deals, follows, …): at most
// max_len bytes of valid UTF-8 without control characters; empty only when not
// required. The error names the field.
Status CheckTextField(std::string_view field, const std::string& value, size_t max_len, bool required = false);

// Value checks, independent of role: lengths (name ≤ 200, summary ≤ 10,000,
// others ≤ 500), e-mail shape, phone characters, no control characters, ≤ 50
// topics/tags of ≤ 100 chars, money ≥ 0 and ≤ 10^12, currency shape, metrics
// ≥ 0. `creating` additionally requires a non-empty name.
// Errors: kInvalidInput "field 'email': …" naming the field.
Status ValidatePatch(const PersonPatch& patch, bool creating);

// Role check of a patch (the typed twin of CheckPersonWriteKeys):
// kForbidden if it touches compensation without kWriteCompensation, or if the
// role lacks kWritePeople.
Status CheckPatchAllowed(Role role, const PersonPatch& patch);

// Applies `patch` to `person` (no checks; call ValidatePatch first).
void ApplyPatch(const PersonPatch& patch, Person& person);

// Removes what `role` may not see (compensation for recruiter/viewer).
void RedactForRole(Role role, Person& person);

// Notes are free text by ceo/recruiter/hr, ≤ 10,000 chars, not blank.
Status ValidateNoteBody(std::string_view body);

}  // namespace st::campaign
