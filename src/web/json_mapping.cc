#include "web/json_mapping.h"

#include <ctime>
#include <string_view>

#include "campaign/person_fields.h"

namespace st::web {
namespace {

using nlohmann::json;

FieldType TypeOfPersonField(std::string_view name) {
  if (name == "author_id" || name == "owner_id" || name == "version") return FieldType::kInteger;
  if (name == "topics" || name == "tags") return FieldType::kArrayOfStrings;
  if (name == "metrics" || name == "compensation") return FieldType::kObject;
  return FieldType::kString;
}

// Reads an optional integer member of an object; kInvalidInput names `field`.
Result<std::optional<std::int64_t>> OptInt(const json& obj, const char* key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer()) return Status::InvalidInput("field '" + field + "." + key + "' must be an integer");
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

Result<campaign::Compensation> CompensationFromJson(const json& c) {
  std::vector<std::string_view> keys;
  for (auto it = c.begin(); it != c.end(); ++it) keys.push_back(it.key());
  ST_RETURN_IF_ERROR(campaign::CheckCompensationKeys(keys));
  campaign::Compensation comp;
  ST_ASSIGN_OR_RETURN(comp.current_base, OptInt(c, "current_base", "compensation"));
  ST_ASSIGN_OR_RETURN(comp.current_equity, OptInt(c, "current_equity", "compensation"));
  ST_ASSIGN_OR_RETURN(comp.expected_total, OptInt(c, "expected_total", "compensation"));
  for (const char* key : {"currency", "notes"}) {
    auto it = c.find(key);
    if (it == c.end() || it->is_null()) continue;
    if (!it->is_string()) return Status::InvalidInput(std::string("field 'compensation.") + key + "' must be a string");
    (std::string_view(key) == "currency" ? comp.currency : comp.notes) = it->get<std::string>();
  }
  return comp;
}

Result<campaign::HeadlineMetrics> MetricsFromJson(const json& m) {
  campaign::HeadlineMetrics out;
  for (auto it = m.begin(); it != m.end(); ++it) {
    const std::string& k = it.key();
    if (k == "score") {
      if (!it->is_number()) return Status::InvalidInput("field 'metrics.score' must be a number");
      out.score = it->get<double>();
      continue;
    }
    std::optional<std::int64_t>* target = k == "citations" ? &out.citations
                                          : k == "h_index" ? &out.h_index
                                          : k == "recent_citations" ? &out.recent_citations
                                                                    : nullptr;
    if (target == nullptr) return Status::InvalidInput("unknown field 'metrics." + k + "'");
    if (it->is_null()) continue;  // unknown
    if (!it->is_number_integer())
      return Status::InvalidInput("field 'metrics." + k + "' must be an integer or null (unknown)");
    *target = it->get<std::int64_t>();
  }
  return out;
}

}  // namespace

std::string IsoTime(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json PersonToJson(const campaign::Person& p, campaign::Role viewer) {
  json j;
  j["id"] = p.id;
  j["name"] = p.name;
  j["kind"] = campaign::PersonKindName(p.kind);
  j["author_id"] = p.author_id ? json(*p.author_id) : json(nullptr);
  j["author_source_id"] = p.author_source_id;
  j["org"] = p.org;
  j["org_id"] = p.org_id;
  j["title"] = p.title;
  j["email"] = p.email;
  j["phone"] = p.phone;
  j["city"] = p.city;
  j["summary"] = p.summary;
  j["topics"] = p.topics;
  j["tags"] = p.tags;
  if (p.metrics) {
    auto known = [](const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); };
    j["metrics"] = {{"citations", known(p.metrics->citations)},
                    {"h_index", known(p.metrics->h_index)},
                    {"recent_citations", known(p.metrics->recent_citations)},
                    {"score", p.metrics->score}};
  } else {
    j["metrics"] = nullptr;
  }
  j["owner"] = p.owner_user_id == 0 ? json(nullptr) : json{{"id", p.owner_user_id}, {"username", p.owner_username}};
  j["stage"] = campaign::StageName(p.stage);
  j["version"] = p.version;
  j["created_at"] = IsoTime(p.created_at);
  j["updated_at"] = IsoTime(p.updated_at);
  // Absent, not null, for roles without the right (RELIABILITY.md 10).
  if (p.compensation && campaign::HasPermission(viewer, campaign::Permission::kReadCompensation)) {
    const campaign::Compensation& c = *p.compensation;
    json comp;
    comp["current_base"] = c.current_base ? json(*c.current_base) : json(nullptr);
    comp["current_equity"] = c.current_equity ? json(*c.current_equity) : json(nullptr);
    comp["expected_total"] = c.expected_total ? json(*c.expected_total) : json(nullptr);
    comp["currency"] = c.currency;
    comp["notes"] = c.notes;
    j["compensation"] = comp;
  }
  return j;
}

json UserToJson(const store::User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", campaign::RoleName(u.role)},
          {"disabled", u.disabled},
          {"created_at", IsoTime(u.created_at)}};
}

json NoteToJson(const store::Note& n) {
  return {{"id", n.id}, {"person_id", n.person_id}, {"body", n.body}, {"author", n.author}, {"at", IsoTime(n.at)}};
}

json StageMoveToJson(const store::StageMove& m) {
  return {{"id", m.id},
          {"from", m.from ? json(campaign::StageName(*m.from)) : json(nullptr)},
          {"stage", campaign::StageName(m.to)},
          {"at", IsoTime(m.at)},
          {"by", m.username},
          {"note", m.note}};
}

json ActivityToJson(const store::Activity& a) {
  return {{"id", a.id},
          {"at", IsoTime(a.at)},
          {"actor", a.actor},
          {"kind", a.kind},
          {"person_id", a.person_id == 0 ? json(nullptr) : json(a.person_id)},
          {"person_name", a.person_name},
          {"summary", a.summary}};
}

json AuditToJson(const store::AuditEntry& e) {
  auto parse = [](const std::string& s) {
    if (s.empty()) return json(nullptr);
    json j = json::parse(s, nullptr, false);
    return j.is_discarded() ? json(s) : j;
  };
  return {{"id", e.id},         {"at", IsoTime(e.at)},           {"actor", e.actor},
          {"action", e.action}, {"target", e.target},            {"before", parse(e.before_json)},
          {"after", parse(e.after_json)}, {"ip", e.ip}};
}

json StageCountsToJson(const store::StageCounts& c) {
  json by = json::object();
  for (campaign::Stage s : campaign::AllStages()) by[std::string(campaign::StageName(s))] = c.by_stage[static_cast<int>(s)];
  return by;
}

std::vector<Field> PersonBodyFields(bool with_version) {
  std::vector<Field> out;
  for (const campaign::FieldRule& r : campaign::PersonFieldRules()) {
    if (r.access == campaign::FieldAccess::kReadOnly) continue;
    if (r.access == campaign::FieldAccess::kControl && !with_version) continue;
    Field f{std::string(r.name), TypeOfPersonField(r.name), r.name == "version" && with_version, ""};
    if (r.access == campaign::FieldAccess::kCompensation) f.description = "ceo and hr only";
    out.push_back(std::move(f));
  }
  return out;
}

Result<campaign::PersonPatch> PatchFromJson(const json& body, campaign::Role role, bool creating) {
  std::vector<std::string_view> keys;
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() != "version") keys.push_back(it.key());
  }
  ST_RETURN_IF_ERROR(campaign::CheckPersonWriteKeys(role, keys));
  campaign::PersonPatch p;
  auto str = [&](const char* key, std::optional<std::string>& out) {
    auto it = body.find(key);
    if (it != body.end()) out = it->is_null() ? std::string() : it->get<std::string>();
  };
  str("name", p.name);
  str("author_source_id", p.author_source_id);
  str("org", p.org);
  str("title", p.title);
  str("email", p.email);
  str("phone", p.phone);
  str("city", p.city);
  str("summary", p.summary);
  if (auto it = body.find("kind"); it != body.end() && !it->is_null()) {
    auto kind = campaign::ParsePersonKind(it->get<std::string>());
    if (!kind) return Status::InvalidInput("field 'kind' must be \"candidate\" or \"staff\"");
    p.kind = *kind;
  }
  if (auto it = body.find("author_id"); it != body.end()) {
    p.author_id = it->is_null() ? std::optional<std::int64_t>() : std::optional<std::int64_t>(it->get<std::int64_t>());
  }
  if (auto it = body.find("owner_id"); it != body.end()) p.owner_user_id = it->is_null() ? 0 : it->get<std::int64_t>();
  if (auto it = body.find("topics"); it != body.end()) {
    p.topics = it->is_null() ? std::vector<std::string>() : it->get<std::vector<std::string>>();
  }
  if (auto it = body.find("tags"); it != body.end()) {
    p.tags = it->is_null() ? std::vector<std::string>() : it->get<std::vector<std::string>>();
  }
  if (auto it = body.find("metrics"); it != body.end()) {
    if (it->is_null()) {
      p.metrics = std::optional<campaign::HeadlineMetrics>();
    } else {
      ST_ASSIGN_OR_RETURN(campaign::HeadlineMetrics m, MetricsFromJson(*it));
      p.metrics = std::optional<campaign::HeadlineMetrics>(m);
    }
  }
  if (auto it = body.find("compensation"); it != body.end()) {
    ST_ASSIGN_OR_RETURN(p.compensation, CompensationFromJson(it->is_null() ? json::object() : *it));
  }
  ST_RETURN_IF_ERROR(campaign::ValidatePatch(p, creating));
  return p;
}

}  // namespace st::web
