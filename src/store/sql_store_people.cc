// People of SqlStore: create, read, list, update. Stage moves and notes are
// in sql_store_timeline.cc, export/erase in sql_store_privacy.cc.
#include <algorithm>
#include <cctype>
#include <set>

#include "store/person_json.h"
#include "store/sql_store.h"

namespace st::store {
namespace {

using campaign::CanEditPerson;
using campaign::HasPermission;
using campaign::Permission;
using campaign::RoleName;

// One statement loads a person with its topics and tags (joined by the
// unit separator, which validation keeps out of topics and tags): a candidate
// read is one round trip, and a single statement needs no explicit
// transaction for a consistent view.
std::string PersonSelect(Dialect d) {
  const std::string lists =
      d == Dialect::kSqlite
          ? "(SELECT group_concat(topic, char(31)) FROM (SELECT topic FROM person_topics WHERE person_id = p.id "
            "ORDER BY position)), (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM person_tags WHERE "
            "person_id = p.id ORDER BY tag)) "
          : "(SELECT string_agg(topic, chr(31) ORDER BY position) FROM person_topics WHERE person_id = p.id), "
            "(SELECT string_agg(tag, chr(31) ORDER BY tag) FROM person_tags WHERE person_id = p.id) ";
  return "SELECT p.id, p.name, p.kind, p.author_id, p.author_source_id, COALESCE(p.org_id, 0), COALESCE(o.name, ''), "
         "p.title, p.email, p.phone, p.city, p.summary, p.m_citations, p.m_h_index, p.m_recent_citations, p.m_score, "
         "COALESCE(p.owner_user_id, 0), COALESCE(u.username, ''), p.stage, p.version, p.created_at, p.updated_at, "
         "p.comp_current_base, p.comp_current_equity, p.comp_expected_total, p.comp_currency, p.comp_notes, " +
         lists + "FROM people p LEFT JOIN organisations o ON o.id = p.org_id LEFT JOIN users u ON u.id = p.owner_user_id ";
}

std::vector<std::string> SplitList(const std::string& joined) {
  std::vector<std::string> out;
  if (joined.empty()) return out;
  size_t start = 0;
  for (size_t sep; (sep = joined.find('\x1f', start)) != std::string::npos; start = sep + 1)
    out.push_back(joined.substr(start, sep - start));
  out.push_back(joined.substr(start));
  return out;
}

Person RowToPerson(const SqlRow& r) {
  Person p;
  p.id = r.Int(0);
  p.name = r.Text(1);
  p.kind = campaign::ParsePersonKind(r.Text(2)).value_or(campaign::PersonKind::kCandidate);
  p.author_id = r.OptInt(3);
  p.author_source_id = r.Text(4);
  p.org_id = r.Int(5);
  p.org = r.Text(6);
  p.title = r.Text(7);
  p.email = r.Text(8);
  p.phone = r.Text(9);
  p.city = r.Text(10);
  p.summary = r.Text(11);
  // m_score is written whenever there are metrics; a NULL count is an unknown one.
  auto known = [&](int i) { return r.IsNull(i) ? std::optional<std::int64_t>() : std::optional<std::int64_t>(r.Int(i)); };
  if (!r.IsNull(15)) p.metrics = campaign::HeadlineMetrics{known(12), known(13), known(14), r.Double(15)};
  p.owner_user_id = r.Int(16);
  p.owner_username = r.Text(17);
  p.stage = campaign::ParseStage(r.Text(18)).value_or(Stage::kIdentified);
  p.version = r.Int(19);
  p.created_at = r.Int(20);
  p.updated_at = r.Int(21);
  campaign::Compensation comp;
  comp.current_base = r.OptInt(22);
  comp.current_equity = r.OptInt(23);
  comp.expected_total = r.OptInt(24);
  if (!r.IsNull(25)) comp.currency = r.Text(25);
  comp.notes = r.Text(26);
  p.compensation = comp;
  p.topics = SplitList(r.Text(27));
  p.tags = SplitList(r.Text(28));
  return p;
}

SqlValue OptValue(const std::optional<std::int64_t>& v) { return v ? SqlValue(*v) : SqlValue(); }

// All mutable columns of a person, in the order of kWriteColumns' placeholders.
std::vector<SqlValue> ColumnValues(const Person& p) {
  const campaign::Compensation comp = p.compensation.value_or(campaign::Compensation{});
  const bool m = p.metrics.has_value();
  return {p.name,
          std::string(campaign::PersonKindName(p.kind)),
          OptValue(p.author_id),
          p.author_source_id,
          p.org_id ? SqlValue(p.org_id) : SqlValue(),
          p.title,
          p.email,
          p.phone,
          p.city,
          p.summary,
          m ? OptValue(p.metrics->citations) : SqlValue(),
          m ? OptValue(p.metrics->h_index) : SqlValue(),
          m ? OptValue(p.metrics->recent_citations) : SqlValue(),
          m ? SqlValue(p.metrics->score) : SqlValue(),
          p.owner_user_id ? SqlValue(p.owner_user_id) : SqlValue(),
          std::string(campaign::StageName(p.stage)),
          OptValue(comp.current_base),
          OptValue(comp.current_equity),
          OptValue(comp.expected_total),
          p.compensation ? SqlValue(comp.currency) : SqlValue(),
          p.compensation ? SqlValue(comp.notes) : SqlValue()};
}

std::string ChangedFields(const PersonPatch& p) {
  std::string out;
  auto add = [&](bool set, const char* name) {
    if (!set) return;
    out += out.empty() ? "" : ", ";
    out += name;
  };
  add(p.name.has_value(), "name");
  add(p.kind.has_value(), "kind");
  add(p.author_id.has_value() || p.author_source_id.has_value(), "author");
  add(p.org.has_value(), "org");
  add(p.title.has_value(), "title");
  add(p.email.has_value() || p.phone.has_value(), "contact");
  add(p.city.has_value(), "city");
  add(p.summary.has_value(), "summary");
  add(p.topics.has_value(), "topics");
  add(p.tags.has_value(), "tags");
  add(p.metrics.has_value(), "metrics");
  add(p.owner_user_id.has_value(), "owner");
  // Compensation is deliberately not named: viewers read this feed.
  return out;
}

std::string EscapeLike(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

Result<Person> SqlStore::LoadPerson(SqlConn& c, std::int64_t id) {
  SqlValue p[] = {id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query(PersonSelect(dialect_) + "WHERE p.id = $1", p));
  if (rows.empty()) return Status::NotFound("person " + std::to_string(id) + " not found");
  return RowToPerson(rows[0]);
}

Result<std::int64_t> SqlStore::OrgId(SqlConn& c, const std::string& raw) {
  std::string name = raw;
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  if (name.empty()) return std::int64_t{0};
  SqlValue p[] = {name, Now()};
  ST_RETURN_IF_ERROR(c.Exec("INSERT INTO organisations (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", p));
  SqlValue q[] = {name};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM organisations WHERE name = $1", q));
  if (rows.empty()) return Status::Internal("organisation '" + name + "' vanished");
  return rows[0].Int(0);
}

Status SqlStore::WriteLists(SqlConn& c, std::int64_t id, const PersonPatch& patch) {
  SqlValue pid[] = {id};
  if (patch.topics) {
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM person_topics WHERE person_id = $1", pid));
    std::set<std::string> seen;
    std::int64_t pos = 0;
    for (const std::string& t : *patch.topics) {
      if (!seen.insert(t).second) continue;
      SqlValue p[] = {id, pos++, t};
      ST_RETURN_IF_ERROR(c.Exec("INSERT INTO person_topics (person_id, position, topic) VALUES ($1, $2, $3)", p));
    }
  }
  if (patch.tags) {
    ST_RETURN_IF_ERROR(c.Exec("DELETE FROM person_tags WHERE person_id = $1", pid));
    for (const std::string& t : std::set<std::string>(patch.tags->begin(), patch.tags->end())) {
      SqlValue p[] = {id, t};
      ST_RETURN_IF_ERROR(c.Exec("INSERT INTO person_tags (person_id, tag) VALUES ($1, $2)", p));
    }
  }
  return Status::Ok();
}

Status SqlStore::CheckOwner(SqlConn& c, std::int64_t owner_user_id) {
  if (owner_user_id == 0) return Status::Ok();
  SqlValue p[] = {owner_user_id};
  ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT disabled FROM users WHERE id = $1", p));
  if (rows.empty()) return Status::InvalidInput("field 'owner_id': no user " + std::to_string(owner_user_id));
  if (rows[0].Int(0) != 0) return Status::InvalidInput("field 'owner_id': user is disabled");
  return Status::Ok();
}

Result<Person> SqlStore::CreatePerson(const Actor& actor, const PersonPatch& in) {
  ST_RETURN_IF_ERROR(campaign::CheckPatchAllowed(actor.role, in));
  ST_RETURN_IF_ERROR(campaign::ValidatePatch(in, /*creating=*/true));
  PersonPatch patch = in;
  // A recruiter who adds someone owns them unless it says otherwise.
  if (!patch.owner_user_id && actor.role == campaign::Role::kRecruiter) patch.owner_user_id = actor.user_id;
  Person created;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    if (patch.author_id && *patch.author_id) {
      SqlValue a[] = {**patch.author_id};
      ST_ASSIGN_OR_RETURN(auto dup, c.Query("SELECT id FROM people WHERE author_id = $1", a));
      if (!dup.empty())
        return Status::Conflict("author " + std::to_string(**patch.author_id) + " is already in the pipeline as person " +
                                std::to_string(dup[0].Int(0)));
    }
    ST_RETURN_IF_ERROR(CheckOwner(c, patch.owner_user_id.value_or(0)));
    Person p;
    campaign::ApplyPatch(patch, p);
    if (patch.org) {
      ST_ASSIGN_OR_RETURN(p.org_id, OrgId(c, *patch.org));
    }
    const std::int64_t now = Now();
    std::vector<SqlValue> v = ColumnValues(p);
    v.push_back(now);
    ST_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("INSERT INTO people (name, kind, author_id, author_source_id, org_id, title, email, phone, city, "
                "summary, m_citations, m_h_index, m_recent_citations, m_score, owner_user_id, stage, "
                "comp_current_base, comp_current_equity, comp_expected_total, comp_currency, comp_notes, version, "
                "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,"
                "$20,$21,1,$22,$22) RETURNING id",
                v));
    const std::int64_t id = rows[0].Int(0);
    ST_RETURN_IF_ERROR(WriteLists(c, id, patch));
    SqlValue h[] = {id, std::string(campaign::StageName(Stage::kIdentified)), now, actor.user_id, actor.username};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO stage_history (person_id, from_stage, to_stage, at, user_id, actor) "
                              "VALUES ($1, NULL, $2, $3, $4, $5)",
                              h));
    ST_ASSIGN_OR_RETURN(created, LoadPerson(c, id));
    if (!patch.compensation) {
      // Nothing was written: keep the audit snapshot free of an empty object.
      Person snapshot = created;
      snapshot.compensation.reset();
      ST_RETURN_IF_ERROR(AddAudit(c, actor, "person.create", PersonTarget(id), "", PersonToJson(snapshot)));
    } else {
      ST_RETURN_IF_ERROR(AddAudit(c, actor, "person.create", PersonTarget(id), "", PersonToJson(created)));
    }
    return AddActivity(c, actor, "person_added", id, "added at identified");
  }));
  campaign::RedactForRole(actor.role, created);
  return created;
}

Result<Person> SqlStore::GetPerson(const Actor& actor, std::int64_t id, bool with_compensation) {
  Person person;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(person, LoadPerson(c, id));
    return Status::Ok();
  }));
  ST_RETURN_IF_ERROR(GuardCompensation(actor, person, with_compensation));
  return person;
}

Result<PersonTimeline> SqlStore::GetPersonTimeline(const Actor& actor, std::int64_t id, bool with_compensation,
                                                   int notes_limit) {
  PersonTimeline t;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(t.person, LoadPerson(c, id));
    ST_ASSIGN_OR_RETURN(t.history, LoadHistory(c, id));
    ST_ASSIGN_OR_RETURN(t.notes, LoadNotes(c, id, 0, notes_limit));
    return Status::Ok();
  }));
  ST_RETURN_IF_ERROR(GuardCompensation(actor, t.person, with_compensation));
  return t;
}

Status SqlStore::GuardCompensation(const Actor& actor, Person& person, bool with_compensation) {
  if (!with_compensation || !HasPermission(actor.role, Permission::kReadCompensation)) {
    person.compensation.reset();
    return Status::Ok();
  }
  // RELIABILITY.md 15: every view of offer data is logged with who and when.
  return WithTx(true, [&](SqlConn& c) {
    return AddAudit(c, actor, "person.view_compensation", PersonTarget(person.id), "", "");
  });
}

Result<std::optional<Person>> SqlStore::FindPersonByAuthor(const Actor& actor, std::int64_t author_id) {
  std::optional<Person> found;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    SqlValue p[] = {author_id};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM people WHERE author_id = $1", p));
    if (rows.empty()) return Status::Ok();
    ST_ASSIGN_OR_RETURN(Person person, LoadPerson(c, rows[0].Int(0)));
    person.compensation.reset();
    found = std::move(person);
    return Status::Ok();
  }));
  return found;
}

Result<PersonPage> SqlStore::ListPeople(const Actor& actor, const PersonQuery& q) {
  std::string where = " WHERE 1=1";
  std::vector<SqlValue> params;
  auto param = [&](SqlValue v) {
    params.push_back(std::move(v));
    // append(), not "$" + to_string(): GCC 12 reports a false -Wrestrict there.
    return std::string("$").append(std::to_string(params.size()));
  };
  if (q.stage) where += " AND p.stage = " + param(std::string(campaign::StageName(*q.stage)));
  if (q.owner_user_id) {
    if (*q.owner_user_id == 0) where += " AND p.owner_user_id IS NULL";
    else where += " AND p.owner_user_id = " + param(*q.owner_user_id);
  }
  if (q.org) where += " AND o.name = " + param(*q.org);
  if (q.kind) where += " AND p.kind = " + param(std::string(campaign::PersonKindName(*q.kind)));
  if (q.tag) where += " AND EXISTS (SELECT 1 FROM person_tags g WHERE g.person_id = p.id AND g.tag = " + param(*q.tag) + ")";
  if (!q.text.empty()) {
    std::string like = param("%" + EscapeLike(q.text) + "%");
    where += " AND (lower(p.name) LIKE " + like + " ESCAPE '\\' OR lower(p.email) LIKE " + like +
             " ESCAPE '\\' OR lower(p.title) LIKE " + like + " ESCAPE '\\' OR lower(COALESCE(o.name, '')) LIKE " +
             like + " ESCAPE '\\' OR EXISTS (SELECT 1 FROM person_topics t WHERE t.person_id = p.id AND "
             "lower(t.topic) LIKE " + like + " ESCAPE '\\'))";
  }
  const std::int64_t limit = std::clamp(q.limit, 1, 1000), offset = std::max(0, q.offset);
  PersonPage page;
  ST_RETURN_IF_ERROR(WithTx(false, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(auto count, c.Query("SELECT COUNT(*) FROM people p LEFT JOIN organisations o ON o.id = p.org_id" +
                                                where,
                                            params));
    page.total = count[0].Int(0);
    std::vector<SqlValue> with_paging = params;
    with_paging.emplace_back(limit);
    with_paging.emplace_back(offset);
    const std::string n = std::to_string(params.size());
    ST_ASSIGN_OR_RETURN(auto rows, c.Query(PersonSelect(dialect_) + where +
                                               " ORDER BY p.updated_at DESC, p.id DESC LIMIT $" +
                                               std::to_string(params.size() + 1) + " OFFSET $" +
                                               std::to_string(params.size() + 2),
                                           with_paging));
    for (const SqlRow& r : rows) {
      page.people.push_back(RowToPerson(r));
      page.people.back().compensation.reset();  // lists never carry compensation
    }
    return Status::Ok();
  }));
  return page;
}

Result<Person> SqlStore::UpdatePerson(const Actor& actor, std::int64_t id, std::int64_t expected_version,
                                      const PersonPatch& patch) {
  ST_RETURN_IF_ERROR(campaign::CheckPatchAllowed(actor.role, patch));
  ST_RETURN_IF_ERROR(campaign::ValidatePatch(patch, /*creating=*/false));
  Person after;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    ST_ASSIGN_OR_RETURN(Person before, LoadPerson(c, id));
    if (!CanEditPerson(actor.role, actor.user_id, before.owner_user_id))
      return Status::Forbidden("person " + std::to_string(id) + " is owned by " + before.owner_username);
    if (before.version != expected_version) return PersonVersionConflict(id, before.version, expected_version);
    after = before;
    if (patch.empty()) return Status::Ok();
    if (patch.author_id && *patch.author_id && **patch.author_id != before.author_id.value_or(-1)) {
      SqlValue a[] = {**patch.author_id, id};
      ST_ASSIGN_OR_RETURN(auto dup, c.Query("SELECT id FROM people WHERE author_id = $1 AND id <> $2", a));
      if (!dup.empty())
        return Status::Conflict("author " + std::to_string(**patch.author_id) + " is already in the pipeline as person " +
                                std::to_string(dup[0].Int(0)));
    }
    if (patch.owner_user_id) ST_RETURN_IF_ERROR(CheckOwner(c, *patch.owner_user_id));
    campaign::ApplyPatch(patch, after);
    if (patch.org) {
      ST_ASSIGN_OR_RETURN(after.org_id, OrgId(c, *patch.org));
    }
    std::vector<SqlValue> v = ColumnValues(after);
    v.push_back(Now());
    v.push_back(id);
    v.push_back(expected_version);
    // The version predicate is the concurrency guard: between our read and
    // this write another transaction may have committed (PostgreSQL runs at
    // READ COMMITTED and re-checks the predicate after waiting on the row lock).
    ST_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("UPDATE people SET name=$1, kind=$2, author_id=$3, author_source_id=$4, org_id=$5, title=$6, "
                "email=$7, phone=$8, city=$9, summary=$10, m_citations=$11, m_h_index=$12, m_recent_citations=$13, "
                "m_score=$14, owner_user_id=$15, stage=$16, comp_current_base=$17, comp_current_equity=$18, "
                "comp_expected_total=$19, comp_currency=$20, comp_notes=$21, updated_at=$22, version=version+1 "
                "WHERE id=$23 AND version=$24 RETURNING version",
                v));
    if (rows.empty()) return PersonVersionConflict(id, expected_version + 1, expected_version);
    ST_RETURN_IF_ERROR(WriteLists(c, id, patch));
    ST_ASSIGN_OR_RETURN(after, LoadPerson(c, id));
    ST_RETURN_IF_ERROR(
        AddAudit(c, actor, "person.update", PersonTarget(id), PersonToJson(before), PersonToJson(after)));
    return AddActivity(c, actor, "person_updated", id, "changed " + ChangedFields(patch));
  }));
  campaign::RedactForRole(actor.role, after);
  return after;
}

}  // namespace st::store
