// The one file in store/ that renders JSON with nlohmann (besides the small
// user snapshots in sql_store_users.cc).
#include "store/person_json.h"

#include <nlohmann/json.hpp>

namespace st::store {
namespace {

using nlohmann::json;

json OptInt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json PersonObject(const Person& p) {
  json j = {
      {"id", p.id},
      {"name", p.name},
      {"kind", campaign::PersonKindName(p.kind)},
      {"author_id", OptInt(p.author_id)},
      {"author_source_id", p.author_source_id},
      {"org", p.org},
      {"title", p.title},
      {"email", p.email},
      {"phone", p.phone},
      {"city", p.city},
      {"summary", p.summary},
      {"topics", p.topics},
      {"tags", p.tags},
      {"stage", campaign::StageName(p.stage)},
      {"owner_id", p.owner_user_id},
      {"version", p.version},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at},
  };
  if (p.metrics)
    j["metrics"] = {{"citations", OptInt(p.metrics->citations)},  // null: unknown, not 0
                    {"h_index", OptInt(p.metrics->h_index)},
                    {"recent_citations", OptInt(p.metrics->recent_citations)},
                    {"score", p.metrics->score}};
  else
    j["metrics"] = nullptr;
  if (p.compensation)
    j["compensation"] = {{"current_base", OptInt(p.compensation->current_base)},
                         {"current_equity", OptInt(p.compensation->current_equity)},
                         {"expected_total", OptInt(p.compensation->expected_total)},
                         {"currency", p.compensation->currency},
                         {"notes", p.compensation->notes}};
  return j;
}

}  // namespace

std::string PersonToJson(const Person& person) { return PersonObject(person).dump(); }

std::string RedactAuditJson(const std::string& text) {
  if (text.empty()) return text;
  json in = json::parse(text, nullptr, /*allow_exceptions=*/false);
  json out = {{"redacted", true}};
  if (in.is_object())
    for (const char* key : {"id", "kind", "stage", "from", "to", "version", "created_at", "updated_at", "owner_id",
                            "note_id", "person_id"})
      if (in.contains(key)) out[key] = in[key];
  return out.dump();
}

std::string ExportJson(const Person& person, const std::vector<StageMove>& history, const std::vector<Note>& notes,
                       const std::vector<Activity>& activities, std::int64_t exported_at) {
  json h = json::array();
  for (const StageMove& m : history)
    h.push_back({{"from", m.from ? json(campaign::StageName(*m.from)) : json(nullptr)},
                 {"to", campaign::StageName(m.to)},
                 {"at", m.at},
                 {"by", m.username},
                 {"note", m.note}});
  json n = json::array();
  for (const Note& note : notes) n.push_back({{"id", note.id}, {"body", note.body}, {"author", note.author}, {"at", note.at}});
  json a = json::array();
  for (const Activity& act : activities)
    a.push_back({{"id", act.id}, {"at", act.at}, {"actor", act.actor}, {"kind", act.kind}, {"summary", act.summary}});
  json doc = {{"format", "superteam.person-export.v1"},
              {"exported_at", exported_at},
              {"person", PersonObject(person)},
              {"stage_history", h},
              {"notes", n},
              {"activities", a}};
  return doc.dump(2);
}

}  // namespace st::store
