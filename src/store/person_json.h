// JSON renderings the store writes itself: audit before/after snapshots and
// the personal-data export. Internal to store/ (the web layer renders its own
// responses). Thread-safe, pure functions.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace st::store {

// The person as a JSON object in the API's field names (compensation only if
// present in `person`).
std::string PersonToJson(const Person& person);

// Keeps only non-personal keys of an audit snapshot (id, stage, version,
// kind, times, owner id) and marks it {"redacted": true}. "" stays "".
std::string RedactAuditJson(const std::string& json);

// The export document: person, stage history, notes, activities.
std::string ExportJson(const Person& person, const std::vector<StageMove>& history, const std::vector<Note>& notes,
                       const std::vector<Activity>& activities, std::int64_t exported_at);

}  // namespace st::store
