// JSON shapes of docs/API.md for the store's and campaign's plain structs,
// and the parse of a person create/update body into a campaign::PersonPatch.
// nlohmann_json is used only inside web/. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "campaign/person.h"
#include "store/store.h"
#include "web/route_table.h"

namespace st::web {

// "2026-11-23T17:01:02Z"
std::string IsoTime(std::int64_t unix_seconds);

// A person as docs/API.md "PersonSummary". The "compensation" key is present
// only if person.compensation has a value AND `viewer` may read it: absent,
// never null, otherwise.
nlohmann::json PersonToJson(const campaign::Person& person, campaign::Role viewer);

nlohmann::json UserToJson(const store::User& user);
nlohmann::json NoteToJson(const store::Note& note);
nlohmann::json StageMoveToJson(const store::StageMove& move);
nlohmann::json ActivityToJson(const store::Activity& activity);
nlohmann::json AuditToJson(const store::AuditEntry& entry);
nlohmann::json StageCountsToJson(const store::StageCounts& counts);

// The body fields a person create/update accepts (the writable and
// compensation fields of campaign::PersonFieldRules, plus "version" when
// `with_version`), typed for the adapter's vetting and the OpenAPI document.
std::vector<Field> PersonBodyFields(bool with_version);

// A vetted body → patch. Applies campaign::CheckPersonWriteKeys for `role`
// (unknown/read-only → kInvalidInput, compensation without right →
// kForbidden) and campaign::ValidatePatch. "version" is ignored here.
Result<campaign::PersonPatch> PatchFromJson(const nlohmann::json& body, campaign::Role role, bool creating);

}  // namespace st::web
